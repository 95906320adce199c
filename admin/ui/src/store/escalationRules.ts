import { signal } from '@preact/signals';
import { api } from '../api';
import type { EscalationRules, LadderRule } from '../types';

export const rules = signal<EscalationRules | null>(null);
export const rulesLoading = signal(false);
export const rulesError = signal<unknown>(null);
/** What the editor did last, for its confirmation line: saved the company rule (null) or a department's. */
export const rulesOutcome = signal<{ action: 'saved' | 'removed'; department: string | null } | null>(null);

let seq = 0;

export async function loadRules(): Promise<void> {
  const mine = ++seq;
  rulesLoading.value = true;
  try {
    const res = await api.get<EscalationRules>('/api/escalation-rules');
    if (mine !== seq) return;
    rules.value = { company: res.company, departments: res.departments ?? [] };
    rulesError.value = null;
  } catch (err) {
    if (mine === seq) rulesError.value = err;
  } finally {
    if (mine === seq) rulesLoading.value = false;
  }
}

/** Saves the company ladder (department null) or a department's override (admin). Throws the server's ApiError. */
export async function saveRule(department: string | null, rule: LadderRule): Promise<void> {
  const res = await api.put<EscalationRules>('/api/escalation-rules', { department, ...rule });
  seq++;
  rules.value = { company: res.company, departments: res.departments ?? [] };
  rulesOutcome.value = { action: 'saved', department };
}

/** Removes a department's override: it follows its parent department or the company again. */
export async function removeOverride(department: string): Promise<void> {
  const res = await api.delete<EscalationRules>(`/api/escalation-rules?${new URLSearchParams({ department })}`);
  seq++;
  rules.value = { company: res.company, departments: res.departments ?? [] };
  rulesOutcome.value = { action: 'removed', department };
}

export function resetRules(): void {
  seq++;
  rules.value = null;
  rulesError.value = null;
  rulesOutcome.value = null;
}
