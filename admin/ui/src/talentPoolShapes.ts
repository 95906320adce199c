import type { FieldProblem } from './api';

/** The talent pools API's answers (admin/api/talentPoolRoutes.ts). */
export type PoolMemberStatus = 'proposed' | 'accepted' | 'declined' | 'removed' | 'withdrawn';
export type LocalReason = { 'zh-CN': string; en: string };

export interface PoolSummary {
  id: number;
  name: string;
  description: string;
  rule: string;
  active: boolean;
  counts: { proposed: number; accepted: number; declined: number; removed: number };
  updatedAt: string;
}

export interface Pool {
  id: number;
  name: string;
  description: string;
  rule: string;
  active: boolean;
}

export interface PoolMember {
  id: number;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  status: PoolMemberStatus;
  reason: LocalReason;
  cycle: { id: number; name: string } | null;
  proposedAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface ProposeResult {
  poolId: number;
  evaluated: number;
  proposed: number;
  refreshed: number;
  withdrawn: number;
  undecided: number;
  standing: number;
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
