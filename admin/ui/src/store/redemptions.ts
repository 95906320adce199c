import { signal } from '@preact/signals';
import { api } from '../api';
import type { Redemption, RedemptionStatus } from '../types';

export type StatusFilter = RedemptionStatus | 'all';
export const STATUS_FILTERS: StatusFilter[] = ['pending', 'approved', 'rejected', 'all'];
export type Decision = 'approve' | 'reject';

export const statusFilter = signal<StatusFilter>('pending');
export const redemptions = signal<Redemption[]>([]);
export const redemptionsLoading = signal(false);
export const redemptionsError = signal<unknown>(null);
/** The redemption whose decision is being sent. */
export const deciding = signal<number | null>(null);
/** The last decision made on this page, shown above the list until the next one. */
export const lastDecision = signal<{ item: Redemption; decision: Decision; error?: unknown } | null>(null);

let seq = 0;

export async function loadRedemptions(): Promise<void> {
  const mine = ++seq;
  const status = statusFilter.value;
  redemptionsLoading.value = true;
  try {
    const query = status === 'all' ? '' : `?${new URLSearchParams({ status })}`;
    const res = await api.get<{ redemptions: Redemption[] }>(`/api/redemptions${query}`);
    if (mine !== seq) return;
    redemptions.value = res.redemptions ?? []; // in request order: the oldest waits longest
    redemptionsError.value = null;
  } catch (err) {
    if (mine === seq) redemptionsError.value = err;
  } finally {
    if (mine === seq) redemptionsLoading.value = false;
  }
}

export function setStatusFilter(status: StatusFilter): void {
  if (status === statusFilter.value) return;
  statusFilter.value = status;
  redemptions.value = [];
  lastDecision.value = null;
  void loadRedemptions();
}

/** Approves or rejects one request; the list is reloaded either way (a 409 means someone else decided). */
export async function decide(item: Redemption, decision: Decision, note: string): Promise<boolean> {
  deciding.value = item.id;
  const trimmed = note.trim();
  try {
    await api.post(`/api/redemptions/${encodeURIComponent(item.id)}/${decision}`, trimmed ? { note: trimmed } : {});
    lastDecision.value = { item, decision };
    return true;
  } catch (err) {
    lastDecision.value = { item, decision, error: err };
    return false;
  } finally {
    deciding.value = null;
    await loadRedemptions();
  }
}

export function resetRedemptions(): void {
  seq++;
  statusFilter.value = 'pending';
  redemptions.value = [];
  redemptionsError.value = null;
  lastDecision.value = null;
}
