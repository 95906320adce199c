import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { people } from './org';
import { reviewCycles } from './reviews';

/** A proposal's reason: the rule explained for the person, in both languages. */
export type PoolReason = { 'zh-CN': string; en: string };

export const POOL_MEMBER_STATUSES = ['proposed', 'accepted', 'declined', 'removed', 'withdrawn'] as const;
export type PoolMemberStatus = (typeof POOL_MEMBER_STATUSES)[number];

/** A talent pool (人才池: 架构师储备池, 管理储备…) with its entry rule (bot/domain/poolRules.ts). */
export const talentPools = sqliteTable(
  'talent_pools',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The entry rule, e.g. `min_annual(3) >= 4 and skill("系统设计") >= 4`. */
    rule: text('rule').notNull(),
    /** An inactive pool keeps its members and history but proposes nobody. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('talent_pools_name_uq').on(t.name)],
);

/**
 * A person's place in a pool, one live row per pool and person: proposed (with the reason), then accepted or
 * declined by HR, later perhaps removed; a proposal the rule no longer supports is withdrawn. Every change is also a
 * row in talent_pool_events (the flow in and out per cycle) and in the audit trail.
 */
export const talentPoolMembers = sqliteTable(
  'talent_pool_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poolId: integer('pool_id').notNull().references(() => talentPools.id),
    personId: integer('person_id').notNull().references(() => people.id),
    status: text('status', { enum: POOL_MEMBER_STATUSES }).notNull(),
    /** Why the system proposed them: the rule explained with their figures. */
    reason: text('reason', { mode: 'json' }).$type<PoolReason>().notNull(),
    /** The latest released cycle when proposed (the one whose release led to it, for a proposal after a release). */
    cycleId: integer('cycle_id').references(() => reviewCycles.id),
    proposedAt: text('proposed_at').notNull(),
    /** HR's latest decision (accept, decline, remove): who, why, when, and the latest released cycle then. */
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    decidedAt: text('decided_at'),
    decidedCycleId: integer('decided_cycle_id').references(() => reviewCycles.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('talent_pool_members_uq').on(t.poolId, t.personId),
    index('talent_pool_members_status_idx').on(t.poolId, t.status),
    index('talent_pool_members_person_idx').on(t.personId),
  ],
);

/** The history of pool membership: every proposal, decision, removal and withdrawal, with the cycle it falls in. */
export const talentPoolEvents = sqliteTable(
  'talent_pool_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poolId: integer('pool_id').notNull().references(() => talentPools.id),
    personId: integer('person_id').notNull().references(() => people.id),
    memberId: integer('member_id').notNull().references(() => talentPoolMembers.id),
    event: text('event', { enum: POOL_MEMBER_STATUSES }).notNull(),
    /** The latest released review cycle at the time: flows are reported per cycle. */
    cycleId: integer('cycle_id').references(() => reviewCycles.id),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: text('at').notNull(),
  },
  (t) => [index('talent_pool_events_pool_idx').on(t.poolId, t.cycleId), index('talent_pool_events_member_idx').on(t.memberId)],
);
