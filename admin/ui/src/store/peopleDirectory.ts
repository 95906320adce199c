import { signal } from '@preact/signals';
import { api } from '../api';
import { keyedResource } from './keyedResource';
import { resource } from './resource';
import type { PersonPlatform } from '../../../../bot/services/people/chatPlatform';
import type { PersonSummary as DirectoryPerson } from '../../../../bot/services/people/searchPeople';

export type Platform = PersonPlatform;
/** GET /api/people */
export type { DirectoryPerson };

export interface DirectoryFilters {
  q: string;
  department: string;
  role: string;
  manager: string;
  status: 'active' | 'inactive' | 'all';
  platform: string;
}

/** GET /api/people/:id */
export interface PersonPage {
  person: {
    id: number; employeeNo: string; name: string; email: string; department: string | null; jobFunction: string; timezone: string;
    locale: 'zh-CN' | 'en'; role: string; active: boolean; platform: Platform; createdAt: string; updatedAt: string;
  };
  managerChain: { id: number; name: string; email: string; active: boolean }[];
  reports: { id: number; name: string; email: string; active: boolean }[];
  identities: { platform: string; externalId: string }[];
  leave: { id: number; startDate: string; endDate: string; reason: string | null }[];
  points: { balance: number; month: string; monthScore: number; ledger: { at: string; amount: number; kind: string; reason: string }[] };
  goals: { id: number; title: string; kind?: 'performance' | 'development'; unit: string; currentValue: number; targetValue: number; periodEnd: string; status: string | null; progress: number; expected: number; checkIns: { onTime: number; late: number } }[];
  log: { week: string; completedAt: string | null; late: boolean; answers: { question: string; answer: string | null; skipped: boolean; late: boolean; edited: boolean }[] }[];
  reviews: { id: number; cycle: string; periodStart: string; periodEnd: string; status: string; released: boolean; grade: string | null }[];
  canEdit: boolean;
}

/** GET /api/people/org-chart */
export interface OrgNode {
  id: number;
  name: string;
  department: string | null;
  jobFunction: string;
  managerId: number | null;
}

/** POST /api/people/import?preview=1 */
export interface ImportPreview {
  counts: { rows: number; creates: number; updates: number; unchanged: number; deactivations: number; errors: number };
  creates: { line: number; email: string; name: string; department: string; managerEmail: string | null }[];
  updates: { line: number; email: string; name: string; changes: Record<string, [unknown, unknown]> }[];
  deactivations: { email: string; name: string; department: string | null }[];
  errors: { line: number; field?: string; message: string }[];
  planId: string | null;
}

export const PAGE_SIZE = 50;
export const directoryFilters = signal<DirectoryFilters>({ q: '', department: '', role: '', manager: '', status: 'active', platform: '' });
export const directoryPage = signal(0);

let seq = 0;
export const directory = signal<{ people: DirectoryPerson[]; total: number } | null>(null);
export const directoryError = signal<unknown>(null);
export const directoryLoading = signal(false);

/** The list for the current filters and page (an older answer arriving late is ignored). */
export async function loadDirectory(): Promise<void> {
  const mine = ++seq;
  directoryLoading.value = true;
  const q = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(directoryPage.value * PAGE_SIZE) });
  for (const [key, value] of Object.entries(directoryFilters.value)) if (String(value).trim()) q.set(key, String(value).trim());
  try {
    const res = await api.get<{ people: DirectoryPerson[]; total: number }>(`/api/people?${q}`);
    if (mine !== seq) return;
    directory.value = res;
    directoryError.value = null;
  } catch (err) {
    if (mine === seq) directoryError.value = err;
  } finally {
    if (mine === seq) directoryLoading.value = false;
  }
}

export const orgChart = resource(() => api.get<{ nodes: OrgNode[] }>('/api/people/org-chart'));
export const personPage = keyedResource((id: number) => api.get<PersonPage>(`/api/people/${id}`));

export function editPerson(id: number, body: Record<string, unknown>): Promise<{ changed: string[] }> {
  return api.patch(`/api/people/${id}`, body);
}

export function deactivate(id: number, reason: string): Promise<{ reportsMoved: string[]; standupsExcused: number }> {
  return api.post(`/api/people/${id}/deactivate`, { reason });
}

export function previewImport(csv: string, deactivateMissing: boolean): Promise<ImportPreview> {
  return api.postText(`/api/people/import?preview=1&deactivateMissing=${deactivateMissing ? 1 : 0}`, csv);
}

export function confirmImport(csv: string, deactivateMissing: boolean, planId: string): Promise<{ created: number; updated: number; total: number; deactivated?: number }> {
  return api.postText(`/api/people/import?deactivateMissing=${deactivateMissing ? 1 : 0}&confirm=${planId}`, csv);
}

export function resetPeople(): void {
  seq++;
  directory.value = null;
  directoryError.value = null;
  orgChart.reset();
  personPage.reset();
}
