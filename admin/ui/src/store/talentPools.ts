import { api } from '../api';
import type { Pool, PoolMember, PoolReport, PoolSummary, ProposeResult, RuleCheck } from '../talentPoolShapes';
import { keyedResource } from './keyedResource';
import { resource } from './resource';

/** Talent pools (HR, admin): the list, one pool with its people, the report. */
export const talentPools = resource(async () => (await api.get<{ pools: PoolSummary[] }>('/api/talent/pools')).pools);
export const talentPool = keyedResource((id: number) => api.get<{ pool: Pool; members: PoolMember[] }>(`/api/talent/pools/${id}`));
export const poolReport = resource(() => api.get<PoolReport>('/api/talent/pools/report'));
export const poolReportFile = (format: 'csv' | 'xlsx'): string => `/api/talent/pools/report?format=${format}`;

export interface PoolFields {
  name: string;
  description: string;
  rule: string;
  active: boolean;
}

/** 400 invalid_rule lists every problem of the rule (field "rule"); 400 pool_name_taken on the name. */
export async function createPool(fields: PoolFields): Promise<Pool> {
  const pool = await api.post<Pool>('/api/talent/pools', fields);
  await talentPools.load();
  return pool;
}

export async function updatePool(id: number, fields: Partial<PoolFields>): Promise<void> {
  await api.patch(`/api/talent/pools/${id}`, fields);
  await Promise.all([talentPool.of(id).load(), talentPools.load()]);
}

/** The console's live validation (nothing stored). */
export const checkRule = (rule: string, personId?: number) => api.post<RuleCheck>('/api/talent/pools/check-rule', personId ? { rule, personId } : { rule });

export async function proposeMembers(id: number): Promise<ProposeResult> {
  const result = await api.post<ProposeResult>(`/api/talent/pools/${id}/propose`);
  await talentPool.of(id).load();
  return result;
}

/** 400 reason_required for a decline without a reason; 409 not_proposed when already decided. */
export async function decideMember(poolId: number, memberId: number, decision: 'accept' | 'decline', reason: string): Promise<void> {
  await api.post(`/api/talent/pools/${poolId}/members/${memberId}/decision`, reason.trim() ? { decision, reason: reason.trim() } : { decision });
  await talentPool.of(poolId).load();
}

export async function removeMember(poolId: number, memberId: number, reason: string): Promise<void> {
  await api.post(`/api/talent/pools/${poolId}/members/${memberId}/remove`, { reason: reason.trim() });
  await talentPool.of(poolId).load();
}
