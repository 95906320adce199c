import { inTransaction } from '../../../db/client';
import type { ReviewFlag, ScaleGrade } from '../../../db/schema/reviews';
import { DEFAULT_SCALE } from '../../domain/ratingScale';
import type { TemplateBody } from '../../domain/reviewTemplate';
import { AppError } from '../../errors';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { compileDrafts } from './compileDrafts';
import { heldTimer } from './heldTime';
import { storeDrafts } from './storeDrafts';

/**
 * Time per drafting transaction: long enough that commits and per-slice reads are few, short enough that requests
 * are answered meanwhile. Measured by heldTimer (CPU plus blocked time, without the run-queue wait), not wall time:
 * on a loaded machine a 2 ms slice can take 200 ms of wall time (descheduled), and shrinking slices by wall time
 * there only multiplied the commits (6,204 instead of ~1,300, +40 % CPU).
 */
export const DRAFT_SLICE_MS = 7;
/** Reviews in the first slice; later slices are sized from the time per review measured so far. */
const FIRST_SLICE = 8;
const MAX_SLICE = 500;

interface Undrafted {
  id: number;
  personId: number;
  templateVersionId: number;
  ratings: string | null;
  flags: string;
}

/** How far the opening of a cycle has drafted its reviews; null once every review has its first draft. */
export interface Drafting {
  drafted: number;
  total: number;
}

/**
 * Drafts the reviews of a cycle that have no draft yet, a slice per transaction, yielding between slices (a step of a
 * generator: runInSlices turns the event loop, runAll runs them at once). Each slice picks the first undrafted
 * reviews of the cycle *inside* its transaction (reviews_undrafted_idx) and stores their drafts and the count in the
 * same commit, so a review is drafted once however many runs there are (a crash, two processes, the scheduler
 * resuming while a request's run goes on): a committed slice is never picked again, an uncommitted one left nothing.
 * The last step marks the cycle's drafting done, only once nothing is left undrafted. Returns how many it drafted.
 */
export function* draftCycleSteps(deps: ServiceDeps, cycleId: number, stop: () => boolean = () => false): Generator<void, number> {
  const c = deps.db.$client;
  const cycle = c.prepare<[number], { periodStart: string; periodEnd: string; scale: string | null }>(
    `select period_start as periodStart, period_end as periodEnd, scale from review_cycles where id = ?`,
  ).get(cycleId);
  if (!cycle) return 0;
  const range = { start: cycle.periodStart, end: cycle.periodEnd };
  const scale = cycle.scale ? (JSON.parse(cycle.scale) as ScaleGrade[]) : DEFAULT_SCALE;
  const pick = preparedOnce(deps.db, 'reviews.undrafted', () =>
    c.prepare<[number, number], Undrafted>(
      `select id, person_id as personId, template_version_id as templateVersionId, ratings, flags from reviews
       where cycle_id = ? and draft_at is null order by id limit ?`,
    ),
  );
  const count = preparedOnce(deps.db, 'reviews.countDrafted', () => c.prepare<[number, number]>(`update review_cycles set drafted = drafted + ? where id = ?`));
  const bodies = new Map<number, TemplateBody>();
  const body = (versionId: number) => {
    let b = bodies.get(versionId);
    if (!b) bodies.set(versionId, (b = JSON.parse(c.prepare<[number], { body: string }>(`select body from review_template_versions where id = ?`).get(versionId)!.body) as TemplateBody));
    return b;
  };
  let size = FIRST_SLICE;
  let perReview: number | undefined;
  let drafted = 0;
  for (;;) {
    if (stop()) return drafted;
    const held = heldTimer();
    const n = inTransaction(deps.db, () => {
      const rows = pick.all(cycleId, size);
      if (rows.length === 0) return 0;
      const subjects = rows.map((r) => ({
        reviewId: r.id,
        personId: r.personId,
        body: body(r.templateVersionId),
        ratings: r.ratings ? (JSON.parse(r.ratings) as Record<string, string>) : {},
        flags: JSON.parse(r.flags) as ReviewFlag[],
      }));
      storeDrafts(deps.db, compileDrafts(deps.db, range, scale, subjects), deps.now().toISOString());
      count.run(rows.length, cycleId);
      return rows.length;
    });
    if (n === 0) break;
    drafted += n;
    // the next slice sized to hold the loop about DRAFT_SLICE_MS at the pace so far (smoothed; never more than doubling)
    const sample = held() / n;
    perReview = perReview === undefined ? sample : 0.7 * perReview + 0.3 * sample;
    size = Math.max(1, Math.min(MAX_SLICE, size * 2, Math.floor(DRAFT_SLICE_MS / Math.max(perReview, 0.01))));
    yield;
  }
  inTransaction(deps.db, () => {
    c.prepare(
      `update review_cycles set drafting_done_at = ? where id = ? and drafting_done_at is null
       and not exists (select 1 from reviews where cycle_id = ? and draft_at is null)`,
    ).run(deps.now().toISOString(), cycleId, cycleId);
  });
  return drafted;
}

/** A cycle's drafting progress (null when it is not being opened): the console's "drafting… n / total". */
export function draftingOf(deps: ServiceDeps, cycleId: number): Drafting | null {
  const row = deps.db.$client
    .prepare<[number], { status: string; drafted: number; doneAt: string | null; total: number }>(
      `select status, drafted, drafting_done_at as doneAt, (select count(*) from reviews r where r.cycle_id = c.id) as total from review_cycles c where id = ?`,
    )
    .get(cycleId);
  return row && row.status === 'open' && row.doneAt === null ? { drafted: row.drafted, total: row.total } : null;
}

/** Nothing acts on a review its cycle's opening has not drafted yet (409 review_drafting, nothing changed). */
export function requireDrafted(review: { draftAt: string | null }): void {
  if (review.draftAt === null) throw new AppError('review_drafting', 'This review is still being drafted while its cycle opens; try again in a moment.', { status: 409 });
}

/** The cycles whose opening has not finished (a crash, a restart, or a run still going on). */
export function cyclesBeingOpened(deps: ServiceDeps): number[] {
  return deps.db.$client.prepare(`select id from review_cycles where status = 'open' and drafting_done_at is null order by id`).pluck().all() as number[];
}
