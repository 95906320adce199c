import { appealClosesAt } from '../appeals/appealWindow';
import type { Access } from '../auth/policy';
import type { ServiceDeps } from '../context';
import type { ReviewFlag } from '../../../db/schema/reviews';
import { draftingOf } from './draftCycle';

/** The cycles a reader may see: all for HR/admin; for a manager those with a review in their subtree. */
export function listCycles(deps: ServiceDeps, access: Access) {
  const rows = deps.db.$client
    .prepare<[], { id: number; name: string; kind: string; periodStart: string; periodEnd: string; status: string; draftingDone: number }>(
      `select id, name, kind, period_start as periodStart, period_end as periodEnd, status, (status != 'open' or drafting_done_at is not null) as draftingDone
       from review_cycles order by period_start desc, id desc`,
    )
    .all();
  // Counted in SQL per cycle (over the reader's people only, for a manager): no review rows are loaded.
  const visible = access.readsEveryone ? null : [...access.subtree()];
  const counts = new Map(
    deps.db.$client
      .prepare<string[], { cycleId: number; reviews: number; submitted: number }>(
        `select cycle_id as cycleId, count(*) as reviews, sum(case when status = 'submitted' then 1 else 0 end) as submitted from reviews
         ${visible ? `where person_id in (select value from json_each(?))` : ''} group by cycle_id`,
      )
      .all(...(visible ? [JSON.stringify(visible)] : []))
      .map((r) => [r.cycleId, r]),
  );
  return rows
    .map(({ draftingDone, ...c }) => ({
      ...c,
      reviews: counts.get(c.id)?.reviews ?? 0,
      submitted: counts.get(c.id)?.submitted ?? 0,
      // while the cycle opens: its reviews drafted so far of all it has (the whole cycle's, whoever reads)
      drafting: draftingDone ? null : draftingOf(deps, c.id),
    }))
    .filter((c) => access.readsEveryone || c.reviews > 0);
}

/** The reviews of a cycle the reader may see (HR: all; a manager: their subtree), with their headline figures. */
export function cycleReviews(deps: ServiceDeps, cycleId: number, access: Access) {
  const rows = deps.db.$client
    .prepare<[number], { id: number; personId: number; email: string; name: string; status: string; suggestedGrade: string | null; cap: string | null; flags: string; grade: string | null; needsCalibration: number; drafted: number }>(
      `select r.id, r.person_id as personId, p.email, p.name, r.status, r.suggested_grade as suggestedGrade, r.cap_grade as cap, r.flags, r.grade,
              r.needs_calibration as needsCalibration, r.draft_at is not null as drafted
       from reviews r join people p on p.id = r.person_id where r.cycle_id = ? order by p.name`,
    )
    .all(cycleId);
  const visible = access.readsEveryone ? null : access.subtree();
  return rows
    .filter((r) => !visible || visible.has(r.personId))
    .map(({ personId: _, flags, needsCalibration, cap, grade, drafted, ...r }) => ({
      ...r,
      /** false while the cycle's opening has not drafted it yet (the list shows "drafting…") */
      drafted: drafted === 1,
      ...(cap ? { cap } : {}),
      flags: (JSON.parse(flags) as ReviewFlag[]).filter((f) => !f.clearedAt).map((f) => f.flag),
      ...(grade ? { grade } : {}),
      needsCalibration: needsCalibration === 1,
    }));
}

/** My reviews (My page): which are open for my self-review. */
export function myReviews(deps: ServiceDeps, personId: number) {
  const now = deps.now().toISOString();
  return deps.db.$client
    .prepare<[number], { id: number; name: string; periodStart: string; periodEnd: string; status: string; selfOpensAt: string; drafted: number; grade: string | null; cycleStatus: string; releasedAt: string | null; appealDays: number; appealId: number | null; appealStatus: string | null; appealReason: string | null; appealDueAt: string | null; appealNote: string | null }>(
      `select r.id, c.name, c.period_start as periodStart, c.period_end as periodEnd, r.status, r.self_opens_at as selfOpensAt, r.draft_at is not null as drafted, r.grade, c.status as cycleStatus,
              c.released_at as releasedAt, c.appeal_days as appealDays, a.id as appealId, a.status as appealStatus, a.reason as appealReason, a.due_at as appealDueAt, a.note as appealNote
       from reviews r join review_cycles c on c.id = r.cycle_id left join review_appeals a on a.review_id = r.id where r.person_id = ? order by c.period_start desc`,
    )
    .all(personId)
    .map((r) => {
      const closesAt = r.releasedAt ? appealClosesAt(r.releasedAt, r.appealDays) : null;
      return {
        id: r.id,
        cycle: { name: r.name, periodStart: r.periodStart, periodEnd: r.periodEnd },
        status: r.status,
        // the grade once HR has released the cycle
        grade: r.cycleStatus === 'released' ? r.grade : null,
        released: r.cycleStatus === 'released',
        // not before the opening has drafted it
        canSelfReview: r.status === 'self_review' && r.drafted === 1 && r.selfOpensAt <= now,
        /** Until when an appeal is taken (null before release), whether one can be made now, and the one made. */
        appealClosesAt: closesAt,
        canAppeal: closesAt !== null && closesAt > now && r.appealId === null,
        appeal: r.appealId === null ? null : { id: r.appealId, status: r.appealStatus, reason: r.appealReason, dueAt: r.appealDueAt, note: r.appealNote },
      };
    });
}
