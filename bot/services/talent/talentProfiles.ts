/**
 * Talent profiles of many people at once (issue 16; definitions in docs/talent.md "Profile and 9-box"): a handful
 * of grouped, indexed queries per chunk of at most 500 people, whatever their number — never one per person.
 * Reads released review cycles only; goals, on-time updates and collaboration over a window (default: the last
 * three years up to yesterday).
 */
import { addLocalDays, localDate } from '../../domain/localTime';
import { progressPercent } from '../../domain/goalProgress';
import type { ScaleGrade } from '../../domain/ratingScale';
import { itemId, type TemplateBody } from '../../domain/reviewTemplate';
import { goalAttainment, gradePoints, otherDepartment, projectOf, type AttainmentGoal, type CycleResult, type SkillHistory, type TalentProfile } from '../../domain/talentProfile';
import type { ServiceDeps } from '../context';

export const PROFILE_WINDOW_YEARS = 3;
const CHUNK = 500;

interface ResultRow {
  reviewId: number;
  personId: number;
  grade: string;
  ratings: string | null;
  versionId: number;
  cycleId: number;
  cycleName: string;
  kind: CycleResult['kind'];
  periodStart: string;
  periodEnd: string;
  scale: string | null;
}

export interface ProfileOptions {
  /** Years the goal, on-time and collaboration figures look back (default 3). */
  years?: number;
}

/** The window the profile's goal, on-time and collaboration figures read: [from, to] local dates. */
export function profileWindow(deps: Pick<ServiceDeps, 'now' | 'settings'>, years = PROFILE_WINDOW_YEARS): { from: string; to: string } {
  const today = localDate(deps.now(), deps.settings.defaultTimezone);
  return { from: `${Number(today.slice(0, 4)) - years}${today.slice(4)}`, to: addLocalDays(today, -1) };
}

export function talentProfiles(deps: ServiceDeps, personIds: number[], options: ProfileOptions = {}): Map<number, TalentProfile> {
  const out = new Map<number, TalentProfile>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return out;
  const window = profileWindow(deps, options.years);
  const c = deps.db.$client;
  const departments = new Map(c.prepare<[], { id: number; path: string }>('select id, path from departments').all().map((d) => [d.id, d.path]));
  const bodies = new Map<number, TemplateBody>();
  const scales = new Map<number, ScaleGrade[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = JSON.stringify(ids.slice(i, i + CHUNK));
    for (const id of ids.slice(i, i + CHUNK)) out.set(id, empty(id));
    results(deps, chunk, out, bodies, scales);
    goals(deps, chunk, window, departments, out);
    onTime(deps, chunk, window, out);
    projects(deps, chunk, window, out);
  }
  return out;
}

/**
 * Only the released results (grades, skills, potential) of many people, for views that need no more (the 9-box over
 * time): the same reading as the profile's, without goals, updates or collaboration.
 */
export function talentResults(deps: ServiceDeps, personIds: number[]): Map<number, TalentProfile> {
  const out = new Map<number, TalentProfile>();
  const ids = [...new Set(personIds)];
  const bodies = new Map<number, TemplateBody>();
  const scales = new Map<number, ScaleGrade[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const id of ids.slice(i, i + CHUNK)) out.set(id, empty(id));
    results(deps, JSON.stringify(ids.slice(i, i + CHUNK)), out, bodies, scales);
  }
  return out;
}

function empty(personId: number): TalentProfile {
  return { personId, results: [], years: [], goals: { periods: [], mean: null, variance: null }, onTimeRate: null, collaboration: { sharedGoals: 0, projects: 0 }, skills: [], potential: null };
}

/** Released reviews with their cycle, the manager's grade before calibration or an appeal, skills and potential. */
function results(deps: ServiceDeps, chunk: string, out: Map<number, TalentProfile>, bodies: Map<number, TemplateBody>, scales: Map<number, ScaleGrade[]>) {
  const c = deps.db.$client;
  const rows = c
    .prepare<[string], ResultRow>(
      `select r.id as reviewId, r.person_id as personId, r.grade, r.ratings, r.template_version_id as versionId, c.id as cycleId, c.name as cycleName,
         c.kind, c.period_start as periodStart, c.period_end as periodEnd, c.scale
       from reviews r join review_cycles c on c.id = r.cycle_id
       where r.person_id in (select value from json_each(?)) and c.status = 'released' and r.grade is not null
       order by c.period_end, c.period_start, c.id`,
    )
    .all(chunk);
  if (rows.length === 0) return;
  const reviewIds = JSON.stringify(rows.map((r) => r.reviewId));
  // the grade before the first change (calibration first, then an appeal): what the manager gave
  const before = new Map<number, string | null>();
  for (const ch of c.prepare<[string], { reviewId: number; before: string | null }>(`select review_id as reviewId, before from calibration_changes where review_id in (select value from json_each(?)) order by id`).all(reviewIds)) {
    if (!before.has(ch.reviewId)) before.set(ch.reviewId, ch.before);
  }
  for (const a of c.prepare<[string], { reviewId: number; before: string | null }>(`select review_id as reviewId, grade_before as before from review_appeals where review_id in (select value from json_each(?)) and status = 'changed'`).all(reviewIds)) {
    if (!before.has(a.reviewId)) before.set(a.reviewId, a.before);
  }
  const missing = [...new Set(rows.map((r) => r.versionId))].filter((v) => !bodies.has(v));
  if (missing.length) {
    for (const v of c.prepare<[string], { id: number; body: string }>(`select id, body from review_template_versions where id in (select value from json_each(?))`).all(JSON.stringify(missing))) {
      bodies.set(v.id, JSON.parse(v.body) as TemplateBody);
    }
  }
  const skills = new Map<number, Map<string, SkillHistory['scores']>>();
  for (const r of rows) {
    let scale = scales.get(r.cycleId);
    if (!scale) scales.set(r.cycleId, (scale = r.scale ? (JSON.parse(r.scale) as ScaleGrade[]) : []));
    const points = gradePoints(scale, r.grade);
    if (points === null) continue;
    const ratings = r.ratings ? (JSON.parse(r.ratings) as Record<string, string>) : {};
    let potential: number | null = null;
    const mine = skills.get(r.personId) ?? new Map<string, SkillHistory['scores']>();
    skills.set(r.personId, mine);
    bodies.get(r.versionId)?.sections.forEach((s, si) =>
      s.items.forEach((item, ii) => {
        if (item.kind !== 'rating') return;
        const p = gradePoints(scale, ratings[itemId(si, ii)]);
        if (p === null) return;
        if (item.potential) potential = p;
        if (item.skill) mine.set(item.skill, [...(mine.get(item.skill) ?? []), { cycleId: r.cycleId, periodEnd: r.periodEnd, points: p }]);
      }),
    );
    const managerGrade = before.get(r.reviewId) ?? null;
    const profile = out.get(r.personId)!;
    profile.results.push({
      cycleId: r.cycleId, cycleName: r.cycleName, kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd,
      grade: r.grade, points, managerGrade: managerGrade && managerGrade !== r.grade ? managerGrade : null, potential,
    });
    if (r.kind === 'annual') profile.years.push({ year: Number(r.periodStart.slice(0, 4)), cycleId: r.cycleId, grade: r.grade, points });
    if (potential !== null) profile.potential = potential;
  }
  for (const [personId, bySkill] of skills) {
    out.get(personId)!.skills = [...bySkill.entries()]
      .map(([skill, scores]) => ({ skill, scores, latest: scores.at(-1)!.points, mean: Math.round((scores.reduce((s, x) => s + x.points, 0) / scores.length) * 100) / 100 }))
      .sort((a, b) => a.skill.localeCompare(b.skill, 'zh-CN'));
  }
}

/**
 * Individual goals whose period ended inside the window: attainment per period (a running period is not a result
 * yet), and goals under another department's goal — work shared across departments.
 */
function goals(deps: ServiceDeps, chunk: string, window: { from: string; to: string }, departments: Map<number, string>, out: Map<number, TalentProfile>) {
  const rows = deps.db.$client
    .prepare<[string, string, string], { ownerId: number; ownerDept: number | null; weight: number; startValue: number; targetValue: number; currentValue: number; periodStart: string; periodEnd: string; parentDept: number | null }>(
      `select g.owner_id as ownerId, o.department_id as ownerDept, g.weight, g.start_value as startValue, g.target_value as targetValue, g.current_value as currentValue,
         g.period_start as periodStart, g.period_end as periodEnd, coalesce(pg.department_id, po.department_id) as parentDept
       from goals g join people o on o.id = g.owner_id
         left join goals pg on pg.id = g.parent_id left join people po on po.id = pg.owner_id
       where g.owner_id in (select value from json_each(?)) and g.level = 'individual' and g.period_end between ? and ?`,
    )
    .all(chunk, window.from, window.to);
  const byPerson = new Map<number, AttainmentGoal[]>();
  for (const g of rows) {
    const list = byPerson.get(g.ownerId) ?? [];
    list.push({ periodStart: g.periodStart, periodEnd: g.periodEnd, weight: g.weight, progress: progressPercent(g.startValue, g.targetValue, g.currentValue) / 100 });
    byPerson.set(g.ownerId, list);
    if (otherDepartment(departments.get(g.ownerDept ?? -1) ?? null, departments.get(g.parentDept ?? -1) ?? null)) out.get(g.ownerId)!.collaboration.sharedGoals++;
  }
  for (const [personId, list] of byPerson) out.get(personId)!.goals = goalAttainment(list);
}

/** Standups answered on time (not late, leave excused) and goal checkpoints checked in on time, due in the window. */
function onTime(deps: ServiceDeps, chunk: string, window: { from: string; to: string }, out: Map<number, TalentProfile>) {
  const c = deps.db.$client;
  const tally = new Map<number, { due: number; onTime: number }>();
  const add = (id: number, due: number, ok: number) => {
    const t = tally.get(id) ?? { due: 0, onTime: 0 };
    t.due += due;
    t.onTime += ok;
    tally.set(id, t);
  };
  for (const r of c
    .prepare<[string, string, string], { id: number; due: number; onTime: number }>(
      `select person_id as id, count(*) as due, coalesce(sum(completed_at is not null and late = 0), 0) as onTime from standup_requests
       where person_id in (select value from json_each(?)) and excused_at is null and due_date between ? and ? group by person_id`,
    )
    .all(chunk, window.from, window.to)) add(r.id, r.due, r.onTime);
  for (const r of c
    .prepare<[string, string, string], { id: number; due: number; onTime: number }>(
      `select g.owner_id as id, count(*) as due, coalesce(sum(cp.on_time = 1), 0) as onTime from goals g join checkpoints cp on cp.goal_id = g.id
       where g.owner_id in (select value from json_each(?)) and cp.due_date between ? and ? group by g.owner_id`,
    )
    .all(chunk, window.from, window.to)) add(r.id, r.due, r.onTime);
  for (const [id, t] of tally) if (t.due > 0) out.get(id)!.onTimeRate = Math.round((t.onTime / t.due) * 1000) / 1000;
}

/** Distinct Jira projects and TAPD workspaces of the person's work items created, due or finished in the window. */
function projects(deps: ServiceDeps, chunk: string, window: { from: string; to: string }, out: Map<number, TalentProfile>) {
  const rows = deps.db.$client
    .prepare<[string, string], { personId: number; connector: string; ref: string; data: string; workspace: string | number | null }>(
      `select person_id as personId, connector, ref, data, json_extract(raw, '$.workspace_id') as workspace from integration_records
       where connector = ? and person_id in (select value from json_each(?))`,
    );
  const seen = new Map<number, Set<string>>();
  for (const connector of ['jira', 'tapd']) {
    for (const r of rows.all(connector, chunk)) {
      const item = JSON.parse(r.data) as { resolved?: string | null; due?: string | null; created?: string | null; deleted?: boolean };
      if (item.deleted) continue;
      const dates = [item.resolved, item.due, item.created].filter((d): d is string => typeof d === 'string').map((d) => d.slice(0, 10));
      if (!dates.some((d) => d >= window.from && d <= window.to)) continue;
      const project = projectOf(r.connector, r.ref, r.workspace);
      if (!project) continue;
      const set = seen.get(r.personId) ?? new Set<string>();
      set.add(project);
      seen.set(r.personId, set);
    }
  }
  for (const [id, set] of seen) out.get(id)!.collaboration.projects = set.size;
}
