import { inTransaction, type Db } from '../../../db/client';
import { addLocalDays, localDate, zonedInstant } from '../../domain/localTime';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { ServiceDeps } from '../context';
import { runAll, runInSlices } from '../slices';
import { currentScale } from './currentScale';
import { draftCycleSteps, draftingOf, cyclesBeingOpened, type Drafting } from './draftCycle';
import { heldTimer } from './heldTime';
import { DEFAULT_FUNCTION, templateFor, type CurrentTemplate } from './templateFor';
import { withinDepartments } from '../people/departments';

/**
 * People read and given their review per transaction while a cycle opens: the first transaction takes FIRST_PAGE,
 * the next ones as many as fit in about CREATE_SLICE_MS (heldTimer: CPU and blocked time) at the pace measured so
 * far. A fixed 250 was a few ms at 10,000 people but 40–75 ms of CPU per transaction at 100,000 (most of it the page
 * query reading every active person, fixed in PEOPLE_PAGE_SQL): the opening's longest stalls in a traced 100k run.
 */
const CREATE_SLICE_MS = 6;
const FIRST_PAGE = 50;
const MAX_PAGE = 1000;

/**
 * A page of active people after a given id, with how many active reports each has. `not indexed` keeps the rowid range
 * (`p.id > ?`, in id order, stopping at the limit): left to itself the planner took `people_active_tz_idx` for
 * `active = 1`, read every active person, counted each one's reports and sorted them all for every page: 30 ms for a
 * page of 10 at 100,000 people (0.1 ms by the range), so opening a cycle again with nothing new took 193 s there.
 */
export const PEOPLE_PAGE_SQL = `select p.id as personId, p.manager_id as managerId, p.job_function as jobFunction, d.path,
         (select count(*) from people r where r.manager_id = p.id and r.active = 1) as leads
  from people p not indexed left join departments d on d.id = p.department_id
  where p.id > ? and p.active = 1 order by p.id limit ?`;

interface InScope {
  personId: number;
  managerId: number | null;
  jobFunction: string;
  path: string | null;
  leads: number;
}

interface CycleRow {
  id: number;
  status: 'planned' | 'open' | 'released';
  departments: string | null;
  scale: string | null;
  openedAt: string | null;
  draftingDoneAt: string | null;
}

/**
 * Opening a cycle, step 1 (one short transaction): keeps the current scale and marks the cycle open, with its
 * drafting not done (`drafting_done_at` null) until every review in scope has been created and drafted. Refuses
 * (404, 409 no_template) with nothing changed. Opening an open cycle again changes nothing here.
 */
export function markCycleOpen(deps: ServiceDeps, cycleId: number, actor: string): void {
  inTransaction(deps.db, () => {
    const cycle = cycleRow(deps.db, cycleId);
    if (!cycle) throw new AppError('not_found', 'No such review cycle.', { status: 404 });
    const missing = missingTemplates(deps, cycle);
    if (missing.length) throw new AppError('no_template', `No review template for ${missing.join(', ')} and no default template.`, { status: 409 });
    if (cycle.status !== 'planned') return;
    const scale = cycle.scale ? JSON.parse(cycle.scale) : currentScale(deps.db);
    const at = deps.now();
    deps.db.$client
      .prepare(`update review_cycles set status = 'open', scale = ?, opened_at = ?, drafted = 0, drafting_done_at = null where id = ?`)
      .run(JSON.stringify(scale), at.toISOString(), cycleId);
    appendAudit(deps.db, { actor, action: 'review_cycle.open', entity: 'review_cycle', entityId: String(cycleId), after: { scale } }, at);
  });
}

/**
 * Step 2: one review per active person in scope (unique per cycle and person, so running it again — after a crash, or
 * to add people who joined — adds only who is missing), each with the template version of their job function, a page
 * of people per transaction. Managers' self-reviews open at the opening, their reports' managerLeadDays working days
 * later (times counted from the cycle's opening while it is still being opened, from now when opened again later).
 * A page that adds reviews marks the cycle's drafting not done in the same commit, so they are drafted (step 3).
 */
export function* createReviewSteps(deps: ServiceDeps, cycleId: number, stop: () => boolean = () => false): Generator<void, number> {
  // The opening's first turn already ran markCycleOpen's transaction (the request's, or the job's): the rest waits for
  // the next one. In a traced 10k opening that turn also held everything below up to the first page — the cycle, the
  // scope, the calendar built cold — 41 profile samples in one 95 ms turn at load 8.
  yield;
  const c = deps.db.$client;
  const cycle = cycleRow(deps.db, cycleId);
  if (!cycle || cycle.status !== 'open') return 0;
  const inScope = withinDepartments(deps.db, cycle.departments ? (JSON.parse(cycle.departments) as number[]) : null);
  const base = cycle.draftingDoneAt === null && cycle.openedAt ? new Date(cycle.openedAt) : deps.now();
  // The working-day calendar is built on first use, a year at a time, cold in a fresh process: whether chinese-days
  // publishes the year (4–11 ms), and for a year it does not, its statutory days from the lunar calendar (lunar-
  // javascript's first computation 13–30 ms). Opening's year in a turn of its own, then the self-review times (which
  // may reach into the next year) in the next, then their two reminder times, then the first page of people.
  deps.calendar().isCompanyWorkday(localDate(base, deps.settings.defaultTimezone));
  yield;
  const { employeesOpen, remindAfter } = selfReviewTimes(deps, base);
  yield;
  remindAfter(base.toISOString());
  remindAfter(employeesOpen);
  yield;
  const templates = new Map<string, CurrentTemplate | undefined>();
  const template = (fn: string) => {
    if (!templates.has(fn)) templates.set(fn, templateFor(deps.db, fn));
    return templates.get(fn);
  };
  const page = c.prepare<[number, number], InScope>(PEOPLE_PAGE_SQL);
  const insert = c.prepare(
    `insert into reviews (cycle_id, person_id, manager_id, template_version_id, status, self_opens_at, self_remind_at, flags, created_at, updated_at)
     values (?, ?, ?, ?, 'self_review', ?, ?, '[]', ?, ?) on conflict (cycle_id, person_id) do nothing`,
  );
  const reopen = c.prepare(`update review_cycles set drafting_done_at = null where id = ? and drafting_done_at is not null`);
  let after = 0;
  let created = 0;
  let size = FIRST_PAGE;
  let perPerson: number | undefined;
  for (;;) {
    if (stop()) return created;
    const held = heldTimer();
    let read = 0;
    const n = inTransaction(deps.db, () => {
      const people = page.all(after, size);
      read = people.length;
      if (people.length === 0) return -1;
      after = people.at(-1)!.personId;
      const now = deps.now().toISOString();
      let added = 0;
      for (const p of people) {
        if (!inScope(p.path)) continue;
        const t = template(p.jobFunction);
        if (!t) throw new AppError('no_template', `No review template for ${p.jobFunction} and no default template.`, { status: 409 });
        const opens = p.leads > 0 ? base.toISOString() : employeesOpen;
        added += insert.run(cycleId, p.personId, p.managerId, t.versionId, opens, remindAfter(opens), now, now).changes;
      }
      if (added > 0) reopen.run(cycleId);
      return added;
    });
    if (n < 0) return created;
    created += n;
    // the next page sized to hold the loop about CREATE_SLICE_MS at the pace so far (smoothed; never more than doubling)
    const sample = held() / Math.max(1, read);
    perPerson = perPerson === undefined ? sample : 0.7 * perPerson + 0.3 * sample;
    size = Math.max(10, Math.min(MAX_PAGE, size * 2, Math.floor(CREATE_SLICE_MS / Math.max(perPerson, 0.002))));
    yield;
  }
}

/**
 * Opens a cycle at once, every step in the caller's turn of the event loop (the demo seed, the review job's dry run;
 * inside a caller's transaction they nest as savepoints). Returns how many reviews the cycle has.
 */
export function openCycle(deps: ServiceDeps, cycleId: number, actor: string): { reviews: number } {
  markCycleOpen(deps, cycleId, actor);
  runAll(createReviewSteps(deps, cycleId));
  runAll(draftCycleSteps(deps, cycleId));
  return { reviews: reviewCount(deps.db, cycleId) };
}

/** A cycle's opening going on in this process: its reviews created (step 2), then all of them drafted (step 3). */
interface Opening {
  created: Promise<void>;
  done: Promise<void>;
}

interface Openings {
  stopping: boolean;
  byCycle: Map<number, Opening>;
}

const openings = new WeakMap<Db, Openings>();
function openingsOf(db: Db): Openings {
  let o = openings.get(db);
  if (!o) openings.set(db, (o = { stopping: false, byCycle: new Map() }));
  return o;
}

/**
 * Steps 2 and 3 of a cycle's opening in slices, with a turn of the event loop between transactions. One run per cycle
 * in this process: a second call while one goes on gets the same run. A failing run is logged and left for the next
 * `finishOpenings` (the review job every minute, or the start-up).
 */
export function continueOpening(deps: ServiceDeps, cycleId: number): Opening {
  const all = openingsOf(deps.db);
  const running = all.byCycle.get(cycleId);
  if (running) return running;
  const stop = () => all.stopping;
  const created = Promise.resolve().then(() => runInSlices(createReviewSteps(deps, cycleId, stop), deps.db)).then(() => undefined);
  const done = created
    .then(() => runInSlices(draftCycleSteps(deps, cycleId, stop), deps.db))
    .then(
      () => undefined,
      (err: unknown) => {
        if (!all.stopping) deps.log.error({ err, cycleId }, 'review cycle opening failed; the review-open job resumes it');
      },
    )
    .finally(() => all.byCycle.delete(cycleId));
  // `done` reports a failure of `created` too; only openCycleInSlices awaits `created` itself (and so sees the refusal).
  // Marked handled here, so a resume at start-up, which awaits only `done`, is not crashed by an unhandled rejection.
  created.catch(() => {});
  const run = { created, done };
  all.byCycle.set(cycleId, run);
  return run;
}

/**
 * Opens a cycle for POST /api/review-cycles/:id/open: step 1 now, then its reviews are created in slices (awaited)
 * and drafted in slices; waits for the drafting at most `waitMs`. Returns the reviews and the drafting still to do.
 */
export async function openCycleInSlices(deps: ServiceDeps, cycleId: number, actor: string, waitMs: number): Promise<{ reviews: number; drafting: Drafting | null }> {
  markCycleOpen(deps, cycleId, actor);
  const run = continueOpening(deps, cycleId);
  await run.created;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([run.done, waited]).finally(() => clearTimeout(timer));
  return { reviews: reviewCount(deps.db, cycleId), drafting: draftingOf(deps, cycleId) };
}

/**
 * Finishes every cycle whose opening did not (a crash or restart mid-opening, another process's run): creates the
 * missing reviews and drafts the undrafted ones, each once. Resolves when all are done; failures are logged.
 */
export async function finishOpenings(deps: ServiceDeps): Promise<number> {
  const ids = cyclesBeingOpened(deps);
  await Promise.all(ids.map((id) => continueOpening(deps, id).done));
  return ids.length;
}

/** The whole-at-once form of finishOpenings (dry runs): same steps, no turn of the event loop. */
export function finishOpeningsNow(deps: ServiceDeps): number {
  const ids = cyclesBeingOpened(deps);
  for (const id of ids) {
    runAll(createReviewSteps(deps, id));
    runAll(draftCycleSteps(deps, id));
  }
  return ids.length;
}

/** Before the database closes: runs going on stop after their current transaction (the next start resumes them). */
export async function stopOpenings(db: Db): Promise<void> {
  const all = openingsOf(db);
  all.stopping = true;
  await Promise.allSettled([...all.byCycle.values()].map((o) => o.done));
}

function cycleRow(db: Db, cycleId: number): CycleRow | undefined {
  return db.$client
    .prepare<[number], CycleRow>(
      `select id, status, departments, scale, opened_at as openedAt, drafting_done_at as draftingDoneAt from review_cycles where id = ?`,
    )
    .get(cycleId);
}

function reviewCount(db: Db, cycleId: number): number {
  return db.$client.prepare<[number], { n: number }>(`select count(*) as n from reviews where cycle_id = ?`).get(cycleId)!.n;
}

/** Job functions of active people in scope without a template of their own while there is no default template. */
function missingTemplates(deps: ServiceDeps, cycle: CycleRow): string[] {
  if (templateFor(deps.db, DEFAULT_FUNCTION)) return [];
  const inScope = withinDepartments(deps.db, cycle.departments ? (JSON.parse(cycle.departments) as number[]) : null);
  const functions = deps.db.$client
    .prepare<[], { jobFunction: string; path: string | null }>(
      `select distinct p.job_function as jobFunction, d.path from people p left join departments d on d.id = p.department_id where p.active = 1`,
    )
    .all();
  return [...new Set(functions.filter((f) => inScope(f.path) && !templateFor(deps.db, f.jobFunction)).map((f) => f.jobFunction))];
}

/** When employees' self-reviews open (managerLeadDays working days after `at`) and when a reminder falls due. */
function selfReviewTimes(deps: ServiceDeps, at: Date): { employeesOpen: string; remindAfter: (opens: string) => string } {
  const tz = deps.settings.defaultTimezone;
  const calendar = deps.calendar();
  const workdaysAfter = (date: string, n: number) => {
    let d = date;
    for (let i = 0; i < n; i++) d = calendar.nextWorkday(addLocalDays(d, 1));
    return d;
  };
  const today = localDate(at, tz);
  const clock = at.toISOString();
  const lead = deps.settings.reviews.managerLeadDays;
  const employeesOpen = lead === 0 ? clock : zonedInstant(workdaysAfter(today, lead), deps.settings.reviews.openTime, tz).toISOString();
  // Two distinct opening times in a whole cycle: computed once each (a time-zone conversion per person was 1.4 s of
  // opening 10,000 reviews in the profile).
  const reminders = new Map<string, string>();
  const remindAfter = (opens: string) => {
    let due = reminders.get(opens);
    if (due === undefined) {
      const day = localDate(new Date(opens), tz);
      reminders.set(opens, (due = zonedInstant(workdaysAfter(day, deps.settings.reviews.remindAfterDays), deps.settings.reviews.openTime, tz).toISOString()));
    }
    return due;
  };
  return { employeesOpen, remindAfter };
}
