import { signal } from '@preact/signals';
import type { AuditEntry } from '../../../../bot/services/auditLog';
import { api } from '../api';

export type { AuditEntry };


export interface AuditFilters {
  entity: string;
  id: string;
  person: string;
  actor: string;
  from: string;
  to: string;
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  brokenAt?: number;
}

const PAGE = 50;

export const auditFilters = signal<AuditFilters>({ entity: '', id: '', person: '', actor: '', from: '', to: '' });
export const auditEntries = signal<AuditEntry[]>([]);
/** The id to pass as `before` for the next page, when there is one. */
export const auditNext = signal<number | undefined>(undefined);
export const auditLoading = signal(false);
export const auditError = signal<unknown>(null);
export const chainCheck = signal<ChainCheck | null>(null);
export const chainChecking = signal(false);
export const chainError = signal<unknown>(null);

let seq = 0;

function query(filters: AuditFilters, before?: number): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  for (const [key, value] of Object.entries(filters)) if (value.trim()) q.set(key, value.trim());
  if (before) q.set('before', String(before));
  return q.toString();
}

/** Loads the first page for the current filters, or (more) the page after the last one shown. */
export async function loadAudit(more = false): Promise<void> {
  const mine = ++seq;
  auditLoading.value = true;
  try {
    const res = await api.get<{ entries: AuditEntry[]; next?: number }>(`/api/audit?${query(auditFilters.value, more ? auditNext.value : undefined)}`);
    if (mine !== seq) return;
    auditEntries.value = more ? [...auditEntries.value, ...res.entries] : res.entries;
    auditNext.value = res.next;
    auditError.value = null;
  } catch (err) {
    if (mine === seq) auditError.value = err;
  } finally {
    if (mine === seq) auditLoading.value = false;
  }
}

export function applyAuditFilters(filters: AuditFilters): void {
  auditFilters.value = filters;
  auditEntries.value = [];
  auditNext.value = undefined;
  void loadAudit();
}

/** Walks the whole hash chain on the server. */
export async function verifyChain(): Promise<void> {
  chainChecking.value = true;
  try {
    chainCheck.value = await api.get<ChainCheck>('/api/audit/verify');
    chainError.value = null;
  } catch (err) {
    chainCheck.value = null;
    chainError.value = err;
  } finally {
    chainChecking.value = false;
  }
}
