import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { people } from './org';

/** development: a check-in of a development path's milestone goal (its own amount, points.developmentCheckin). */
export const LEDGER_KINDS = ['standup', 'checkin', 'adjustment', 'redemption', 'refund', 'development'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * Points ledger, append-only (triggers refuse UPDATE and DELETE; corrections are new entries).
 * source_key is unique so the same deed can never earn twice. Earned kinds carry score_month — the calendar
 * month in the person's own time zone — which the leaderboard sums; redemptions and refunds only move the balance.
 */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    amount: integer('amount').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    reason: text('reason').notNull(),
    sourceKey: text('source_key').notNull(),
    /** "system", or "account:<id>" for a console user. */
    actor: text('actor').notNull().default('system'),
    scoreMonth: text('score_month'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('points_source_uq').on(t.sourceKey),
    index('points_person_idx').on(t.personId, t.createdAt),
    index('points_month_idx').on(t.scoreMonth, t.personId, t.amount),
  ],
);

/**
 * Each person's earned points per score month, kept by a trigger on points_ledger inserts (the same statement, so
 * the same transaction): the leaderboard reads it instead of summing the ledger. Only rows with a score_month count.
 */
export const pointsMonthly = sqliteTable(
  'points_monthly',
  {
    scoreMonth: text('score_month').notNull(),
    personId: integer('person_id').notNull().references(() => people.id),
    score: integer('score').notNull(),
  },
  // The rank index in leaderboard order (score descending, then person id): a page of the leaderboard is a walk of it.
  (t) => [primaryKey({ columns: [t.scoreMonth, t.personId] }), index('points_monthly_rank_idx').on(t.scoreMonth, sql`${t.score} desc`, t.personId)],
);

/**
 * The monthly recognition exactly as announced: ranks, scores and the top-10% cut, frozen. Taken in slices (issue 15:
 * 100,000 people ranked in one statement held the event loop 391 ms): `phase` collecting (the month's scores copied
 * into leaderboard_snapshot_entries a page of people at a time, `cursor` the last person id copied) → ranking (the
 * entries walked in rank order, each slice given positions and ranks and its personal messages enqueued in the same
 * transaction, `cursor` the last position) → done (the channel announcement enqueued). A restart goes on from `cursor`.
 */
export const leaderboardSnapshots = sqliteTable(
  'leaderboard_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    takenAt: text('taken_at').notNull(),
    population: integer('population').notNull(),
    cutoffScore: integer('cutoff_score'),
    phase: text('phase', { enum: ['collecting', 'ranking', 'done'] }).notNull().default('done'),
    cursor: integer('cursor').notNull().default(0),
    /** How many people were ranked (set when collecting ends). */
    ranked: integer('ranked').notNull().default(0),
  },
  (t) => [uniqueIndex('leaderboard_snapshots_month_uq').on(t.month), index('leaderboard_snapshots_phase_idx').on(t.phase)],
);

/** One ranked person of a snapshot, frozen as announced (name and department as they were then). */
export const leaderboardSnapshotEntries = sqliteTable(
  'leaderboard_snapshot_entries',
  {
    snapshotId: integer('snapshot_id').notNull().references(() => leaderboardSnapshots.id),
    personId: integer('person_id').notNull(),
    name: text('name').notNull(),
    department: text('department'),
    score: integer('score').notNull(),
    /** 1-based place in rank order (score descending, then person id); null until ranked. */
    pos: integer('pos'),
    rank: integer('rank'),
    top: integer('top', { mode: 'boolean' }).notNull().default(false),
  },
  // pos null first: the ranking pass walks the unranked in rank order; afterwards a page is a range of pos.
  (t) => [primaryKey({ columns: [t.snapshotId, t.personId] }), index('leaderboard_snapshot_entries_pos_idx').on(t.snapshotId, t.pos, sql`${t.score} desc`, t.personId)],
);

export interface SnapshotEntry {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  rank: number;
  top: boolean;
}

export const rewards = sqliteTable('rewards', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  cost: integer('cost').notNull(),
  kind: text('kind', { enum: ['gift', 'time_off'] }).notNull(),
  /** For time off: hours granted. */
  hours: integer('hours'),
  /** null = unlimited. */
  stock: integer('stock'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
});

export const redemptions = sqliteTable(
  'redemptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => people.id),
    rewardId: integer('reward_id').notNull().references(() => rewards.id),
    cost: integer('cost').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    requestedAt: text('requested_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('redemptions_status_idx').on(t.status, t.requestedAt), index('redemptions_person_idx').on(t.personId)],
);
