import type { FieldProblem } from './api';
export type { PoolSummary } from '../../../bot/services/talent/pools/listPools';
export type { PoolMember } from '../../../bot/services/talent/pools/poolMembers';
export type { ProposeResult } from '../../../bot/services/talent/pools/proposeMembers';

/** The talent pools API's answers (admin/api/talentPoolRoutes.ts). */
export type PoolMemberStatus = 'proposed' | 'accepted' | 'declined' | 'removed' | 'withdrawn';
export type LocalReason = { 'zh-CN': string; en: string };

export interface Pool {
  id: number;
  name: string;
  description: string;
  rule: string;
  active: boolean;
}

export interface RuleCheck {
  problems: FieldProblem[];
  sample: { personId: number; name: string; applies: boolean | null; reason: LocalReason } | null;
}

export interface Keep {
  eligible: number;
  kept: number;
  share: number | null;
}
export interface PoolReport {
  minGroup: number;
  pools: {
    id: number;
    name: string;
    active: boolean;
    size: number;
    proposed: number;
    keep: Keep;
    flow: { cycleId: number | null; cycle: string | null; proposed: number; in: number; declined: number; out: number }[];
    departments: { department: string; members: number; keep: Keep }[];
    hiddenMembers: number;
  }[];
}
