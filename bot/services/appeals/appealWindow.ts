import type { Db } from '../../../db/client';

export interface AppealableReview {
  reviewId: number;
  cycleId: number;
  cycle: string;
  grade: string | null;
  releasedAt: string;
  /** The last moment an appeal is taken (release + the cycle's appeal days). */
  closesAt: string;
  /** The appeal already made, if any (one per review). */
  appealId: number | null;
  appealStatus: string | null;
}

const DAY_MS = 86_400_000;

/** The last moment an appeal is taken: calendar days from the release, as the release message says. */
export function appealClosesAt(releasedAt: string, appealDays: number): string {
  return new Date(Date.parse(releasedAt) + appealDays * DAY_MS).toISOString();
}

/**
 * A person's released reviews, newest first, with the end of each one's appeal window and any appeal made. The
 * window counts calendar days from the release, as the release message says.
 */
export function releasedReviewsOf(db: Db, personId: number): AppealableReview[] {
  return db.$client
    .prepare<[number], Omit<AppealableReview, 'closesAt'> & { appealDays: number }>(
      `select r.id as reviewId, c.id as cycleId, c.name as cycle, r.grade, c.released_at as releasedAt, c.appeal_days as appealDays,
              a.id as appealId, a.status as appealStatus
       from reviews r join review_cycles c on c.id = r.cycle_id left join review_appeals a on a.review_id = r.id
       where r.person_id = ? and c.status = 'released' order by c.released_at desc, r.id desc`,
    )
    .all(personId)
    .map(({ appealDays, ...r }) => ({ ...r, closesAt: appealClosesAt(r.releasedAt, appealDays) }));
}

/** The review a person may appeal now: the newest released one whose window is open and that has no appeal yet. */
export function appealableNow(db: Db, personId: number, now: Date): AppealableReview | undefined {
  return releasedReviewsOf(db, personId).find((r) => r.appealId === null && r.closesAt > now.toISOString());
}
