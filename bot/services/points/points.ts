import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { pointsLedger, pointsMonthly, type LedgerKind } from '../../../db/schema';
import { localDate } from '../../domain/localTime';
import { preparedOnce } from '../preparedOnce';

/** Kinds that earn (count toward the month's score); redemptions and refunds only move the balance. */
export const EARNING_KINDS: LedgerKind[] = ['standup', 'checkin', 'adjustment', 'development'];

export interface LedgerEntry {
  personId: number;
  amount: number;
  kind: LedgerKind;
  reason: string;
  /** What caused it, e.g. "standup:12:42"; unique, so the same deed never earns twice. */
  sourceKey: string;
  actor?: string;
}

/** Every UTC offset and DST change in use is a multiple of 15 minutes (the last one that was not, Liberia's -0:44:30, ended in 1972). */
const QUARTER_HOUR_MS = 900_000;
/** The last month computed per time zone, for the quarter hour it was computed in. */
const lastMonth = new Map<string, { quarter: number; month: string }>();

/**
 * The calendar month ("2026-11") of an instant in a person's time zone. A local midnight always falls on a quarter
 * hour of UTC, so one quarter hour is never in two months: the month of the quarter hour is kept per time zone
 * (every point of a standup or a check-in asks it; Intl's format was ~0.5 % of a Slack view_submission's profile).
 */
export function monthOf(now: Date, tz: string): string {
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR_MS);
  const last = lastMonth.get(tz);
  if (last?.quarter === quarter) return last.month;
  const month = localDate(now, tz).slice(0, 7);
  lastMonth.set(tz, { quarter, month });
  return month;
}

/**
 * Appends to the ledger; false when that source key already has an entry. Earning kinds are dated to the
 * month in the person's own time zone. Call inside the transaction of the change that causes it.
 */
export function recordLedger(db: Db, entry: LedgerEntry, now: Date, tz: string): boolean {
  const scoreMonth = EARNING_KINDS.includes(entry.kind) ? monthOf(now, tz) : null;
  // Every completed standup and check-in writes one: prepared once.
  const insert = preparedOnce(db, 'points.ledger', () =>
    db.$client.prepare<[number, number, string, string, string, string, string | null, string]>(
      `insert into points_ledger (person_id, amount, kind, reason, source_key, actor, score_month, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict do nothing`,
    ),
  );
  return insert.run(entry.personId, entry.amount, entry.kind, entry.reason, entry.sourceKey, entry.actor ?? 'system', scoreMonth, now.toISOString()).changes === 1;
}

/** Everything earned minus everything redeemed (refunds give back). */
export function balanceOf(db: Db, personId: number): number {
  return db.select({ v: sql<number>`coalesce(sum(${pointsLedger.amount}), 0)` }).from(pointsLedger).where(eq(pointsLedger.personId, personId)).get()!.v;
}

/** Earned points of a month: the total points_monthly keeps (a trigger adds every ledger entry with a score_month). */
export function monthScore(db: Db, personId: number, month: string): number {
  return db.select({ v: pointsMonthly.score }).from(pointsMonthly).where(and(eq(pointsMonthly.personId, personId), eq(pointsMonthly.scoreMonth, month))).get()?.v ?? 0;
}

export function ledgerOf(db: Db, personId: number, limit = 200) {
  return db.select().from(pointsLedger).where(eq(pointsLedger.personId, personId)).orderBy(sql`${pointsLedger.id} desc`).limit(limit).all();
}
