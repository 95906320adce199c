import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pointsLedger } from '../../db/schema';
import { localDate, zonedInstant } from '../domain/localTime';

export interface Award {
  personId: number;
  amount: number;
  reason: string;
  /** What earned it, e.g. "standup:12:42"; unique, so the same deed never earns twice. */
  sourceKey: string;
}

/** Writes an award to the ledger; false when that source already earned. Call inside the causing transaction. */
export function awardPoints(db: Db, award: Award, now: Date): boolean {
  return db.insert(pointsLedger).values({ ...award, createdAt: now.toISOString() }).onConflictDoNothing().run().changes === 1;
}

/** A person's total points and the part earned this calendar month in their time zone. */
export function pointsSummary(db: Db, personId: number, now: Date, tz: string): { total: number; month: number } {
  const monthStart = zonedInstant(`${localDate(now, tz).slice(0, 8)}01`, '00:00', tz).toISOString();
  const row = db
    .select({
      total: sql<number>`coalesce(sum(${pointsLedger.amount}), 0)`,
      month: sql<number>`coalesce(sum(case when ${pointsLedger.createdAt} >= ${monthStart} then ${pointsLedger.amount} end), 0)`,
    })
    .from(pointsLedger)
    .where(eq(pointsLedger.personId, personId))
    .get();
  return { total: row?.total ?? 0, month: row?.month ?? 0 };
}

