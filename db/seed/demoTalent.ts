/**
 * Several years of history for the talent profile (issue 16): a released annual review cycle for each of the last
 * three full years, every active person rated on their template's rating questions (skills, potential) with a final
 * grade, a locked calibration session per cycle that changed a few managers' grades; a goal per person and year
 * (some under another department's goal: cross-team work) with quarterly check-ins; and Jira issues across projects
 * for R&D. Historic, so written with prepared inserts — nothing to compile, nothing to remind. Deterministic: every
 * choice comes from demoRandom keyed by person and year, every date from the year.
 *
 * The source case's example person, 吴蕾鹏 (ARCHITECT_EXAMPLE_EMAIL), is A in each of the three years (one of them
 * raised from B in calibration), rated A/S on 系统设计 and 技术文档, with high potential.
 */
import { localDate } from '../../bot/domain/localTime';
import { gradeScore, type ScaleGrade } from '../../bot/domain/ratingScale';
import { itemId, localText, type TemplateBody } from '../../bot/domain/reviewTemplate';
import { appendAudit } from '../../bot/services/audit';
import type { ServiceDeps } from '../../bot/services/context';
import { currentScale } from '../../bot/services/reviews/currentScale';
import { randFor, type Rand } from './demoRandom';
import type { DemoPerson } from './demoTimeline';

export const ARCHITECT_EXAMPLE_EMAIL = 'wu.leipeng@demo-saas.cn';
const ACTOR = 'system:demo';
/** The example person's ratings by year offset (oldest first): 系统设计, 技术文档, potential. */
const EXAMPLE = { grade: 'A', skills: { 系统设计: ['A', 'S', 'S'], 技术文档: ['A', 'A', 'S'] } as Record<string, string[]>, potential: ['A', 'S', 'S'], calibratedFrom: [null, 'B', null] };
/** Jira projects R&D works in (the first is everyone's home project by team). */
const PROJECTS: Record<string, string[]> = { 后端组: ['PAY', 'CRM'], 前端组: ['WEB', 'CRM'], 测试组: ['QA', 'PAY'], 基础架构组: ['INFRA', 'DATA'] };
const OTHER_PROJECTS = ['PAY', 'CRM', 'WEB', 'DATA', 'INFRA', 'MOBILE'];
const CALIBRATION_REASONS = ['跨团队贡献在初评中被低估', '与同级对比后调整', '年度关键项目结果超出预期', '目标达成不及同级，下调一档'];

/** The last `count` full calendar years before "now" (company time zone), oldest first: 2023, 2024, 2025 in 2026. */
export function talentYears(now: Date, timezone: string, count = 3): number[] {
  const year = Number(localDate(now, timezone).slice(0, 4));
  return Array.from({ length: count }, (_, i) => year - count + i);
}

interface Context {
  deps: ServiceDeps;
  people: (DemoPerson & { departmentId: number | null; team: string })[];
  scale: ScaleGrade[];
  templates: Map<string, { versionId: number; body: TemplateBody }>;
}

export function seedDemoTalent(deps: ServiceDeps, people: DemoPerson[]): { cycles: number; reviews: number; changes: number; goals: number; workItems: number } {
  const c = deps.db.$client;
  const templates = new Map(
    c
      .prepare<[], { jobFunction: string; versionId: number; body: string }>(
        `select t.job_function as jobFunction, v.id as versionId, v.body from review_templates t join review_template_versions v on v.template_id = t.id and v.version = t.current_version`,
      )
      .all()
      .map((t) => [t.jobFunction, { versionId: t.versionId, body: JSON.parse(t.body) as TemplateBody }]),
  );
  if (!templates.size) return { cycles: 0, reviews: 0, changes: 0, goals: 0, workItems: 0 };
  const placed = new Map(
    c.prepare<[], { id: number; departmentId: number | null; name: string | null }>('select p.id, p.department_id as departmentId, d.name from people p left join departments d on d.id = p.department_id').all().map((r) => [r.id, r]),
  );
  const ctx: Context = {
    deps,
    people: people.map((p) => ({ ...p, departmentId: placed.get(p.id)?.departmentId ?? null, team: placed.get(p.id)?.name ?? '' })),
    scale: currentScale(deps.db),
    templates,
  };
  const years = talentYears(deps.now(), deps.settings.defaultTimezone);
  let reviews = 0;
  let changes = 0;
  years.forEach((year, offset) => {
    const r = annualCycle(ctx, year, offset);
    reviews += r.reviews;
    changes += r.changes;
  });
  const goals = goalHistory(ctx, years);
  const workItems = jiraHistory(ctx, years);
  return { cycles: years.length, reviews, changes, goals, workItems };
}

/** A grade `steps` away from `key` on the scale (negative: better), kept on the scale. */
const shift = (scale: ScaleGrade[], key: string, steps: number) => scale[Math.min(scale.length - 1, Math.max(0, scale.findIndex((g) => g.key === key) + steps))].key;

/** A person's latent level (0–1, steady over the years) and this year's form: the final grade follows both. */
function finalGrade(scale: ScaleGrade[], email: string, year: number): string {
  const roll = 0.6 * randFor('talent', email).next() + 0.4 * randFor('talent-year', email, year).next();
  const bands = [0.8, 0.64, 0.36, 0.17]; // ≈ S 10%, A 18%, B 44%, C 20%, D 8% on a five-grade scale
  const rank = bands.findIndex((b) => roll >= b);
  return scale[Math.min(scale.length - 1, rank < 0 ? bands.length : rank)].key;
}

function annualCycle(ctx: Context, year: number, offset: number): { reviews: number; changes: number } {
  const { deps, scale } = ctx;
  const c = deps.db.$client;
  const at = (date: string, time = '02:00:00') => `${date}T${time}.000Z`;
  const created = at(`${year}-12-01`);
  const opened = at(`${year}-12-20`);
  const released = at(`${year + 1}-01-20`);
  const cycleId = Number(
    c
      .prepare(
        `insert into review_cycles (name, kind, period_start, period_end, departments, scale, status, released_at, appeal_days, pulse, created_by, created_at, opened_at)
         values (?, 'annual', ?, ?, null, ?, 'released', ?, 7, 0, ?, ?, ?)`,
      )
      .run(`${year} 年度考核`, `${year}-01-01`, `${year}-12-31`, JSON.stringify(scale), released, ACTOR, created, opened).lastInsertRowid,
  );
  const sessionId = Number(
    c
      .prepare(`insert into calibration_sessions (cycle_id, departments, guideline, minutes, locked_at, locked_by, created_by, created_at) values (?, null, ?, ?, ?, ?, ?, ?)`)
      .run(cycleId, JSON.stringify(guideline(scale)), `${year} 年度校准会：对照分布指引逐部门过会，调整的每一档都记录了原因。`, at(`${year + 1}-01-15`), ACTOR, ACTOR, at(`${year + 1}-01-12`)).lastInsertRowid,
  );
  const insertReview = c.prepare(
    `insert into reviews (cycle_id, person_id, manager_id, template_version_id, status, self_opens_at, self_prompted_at, draft, draft_at, total, suggested_grade, flags,
       self_submitted_at, ratings, grade, feedback, needs_calibration, manager_submitted_at, submitted_by, created_at, updated_at)
     values (?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  const insertChange = c.prepare(`insert into calibration_changes (session_id, review_id, before, after, reason, override_reason, actor, at) values (?, ?, ?, ?, ?, null, ?, ?)`);
  let changes = 0;
  for (const p of ctx.people) {
    const template = ctx.templates.get(p.jobFunction) ?? ctx.templates.get('default');
    if (!template) continue;
    const example = p.email === ARCHITECT_EXAMPLE_EMAIL;
    const rand = randFor('annual', p.email, year);
    const grade = example ? EXAMPLE.grade : finalGrade(scale, p.email, year);
    // a few grades moved one step in calibration: the manager's grade is what it was before
    const calibrated = example ? EXAMPLE.calibratedFrom[offset] : rand.chance(0.07) ? shift(scale, grade, rand.chance(0.5) ? 1 : -1) : null;
    const managerGrade = calibrated && calibrated !== grade ? calibrated : grade;
    const ratings = ratingsFor(scale, template.body, grade, rand, example ? offset : null);
    const draft = historicDraft(scale, template.body, ratings, managerGrade, randFor('attainment', p.email, year));
    const submitted = at(`${year + 1}-01-0${rand.int(3, 9)}`, `0${rand.int(1, 9)}:${String(rand.int(10, 59))}:00`);
    const selfAt = at(`${year}-12-2${rand.int(2, 9)}`);
    const tone = FEEDBACK[Math.min(2, Math.max(0, scale.findIndex((g) => g.key === grade) - 1))];
    const reviewId = Number(
      insertReview.run(cycleId, p.id, p.managerId, template.versionId, opened, opened, JSON.stringify(draft), submitted, draft.total, managerGrade, selfAt, JSON.stringify(ratings), grade, rand.pick(tone), submitted, ACTOR, created, released).lastInsertRowid,
    );
    if (managerGrade !== grade) {
      const reason = example ? CALIBRATION_REASONS[0] : CALIBRATION_REASONS[scale.findIndex((g) => g.key === grade) < scale.findIndex((g) => g.key === managerGrade) ? rand.int(0, 2) : 3];
      insertChange.run(sessionId, reviewId, managerGrade, grade, reason, ACTOR, at(`${year + 1}-01-1${rand.int(2, 4)}`));
      changes++;
    }
  }
  appendAudit(deps.db, { actor: ACTOR, action: 'review_cycle.release', entity: 'review_cycle', entityId: String(cycleId), after: { name: `${year} 年度考核`, historic: true, calibrationChanges: changes } }, new Date(released));
  return { reviews: ctx.people.length, changes };
}

const FEEDBACK = [
  ['全年表现突出，承担了关键项目并带动了团队。', '年度目标超额完成，技术影响力明显提升。'],
  ['全年稳定达成目标，协作顺畅，继续保持。', '工作可靠，建议明年在跨团队项目上多承担。'],
  ['年度目标完成度偏低，明年一起制定改进计划。', '部分关键任务延期，需要加强计划与沟通。'],
] as const;

/** The guideline distribution in percent: the source case's 10/20/50/15/5 on five grades, even otherwise. */
function guideline(scale: ScaleGrade[]): Record<string, number> {
  const five = [10, 20, 50, 15, 5];
  return Object.fromEntries(scale.map((g, i) => [g.key, scale.length === 5 ? five[i] : Math.round(100 / scale.length)]));
}

/** The manager's grade per rating question: near the final grade; skills and potential of the example fixed. */
function ratingsFor(scale: ScaleGrade[], body: TemplateBody, grade: string, rand: Rand, exampleYear: number | null): Record<string, string> {
  const ratings: Record<string, string> = {};
  body.sections.forEach((s, si) =>
    s.items.forEach((item, ii) => {
      if (item.kind !== 'rating') return;
      if (exampleYear !== null && item.potential) ratings[itemId(si, ii)] = EXAMPLE.potential[exampleYear];
      else if (exampleYear !== null && item.skill && EXAMPLE.skills[item.skill]) ratings[itemId(si, ii)] = EXAMPLE.skills[item.skill][exampleYear];
      else ratings[itemId(si, ii)] = shift(scale, grade, rand.pick([-1, 0, 0, 0, 1]));
    }),
  );
  return ratings;
}

/** What a historic review keeps in place of a compiled draft: its rating items and total (no standups or goals). */
function historicDraft(scale: ScaleGrade[], body: TemplateBody, ratings: Record<string, string>, managerGrade: string, rand: Rand) {
  const items: { id: string; kind: string; label: { 'zh-CN': string; en: string }; weight: number; score: number | null; grade?: string }[] = [];
  body.sections.forEach((s, si) =>
    s.items.forEach((item, ii) => {
      if (item.kind !== 'rating') return;
      const grade = ratings[itemId(si, ii)];
      items.push({ id: itemId(si, ii), kind: 'rating', label: { 'zh-CN': localText(item.label, 'zh-CN'), en: localText(item.label, 'en') }, weight: item.weight, score: gradeScore(scale, grade), grade });
    }),
  );
  const total = Math.round(Math.min(99, gradeScore(scale, managerGrade) + (rand.next() - 0.5) * 4) * 10) / 10;
  return { standups: [], goals: [], metrics: [], figures: {}, points: 0, items, total, byTotal: managerGrade, suggestedGrade: managerGrade, cap: null, floor: null, rulesApplied: [], undecided: [] };
}

/**
 * A company goal and a goal per department head for each year, and one or two individual goals per person under
 * their own department's goal — some (and one of the example person's each year) under another department's
 * goal: work shared across departments. Checked in each quarter, most on time, all answered (nothing overdue).
 */
function goalHistory(ctx: Context, years: number[]): number {
  const c = ctx.deps.db.$client;
  const ceo = ctx.people.find((p) => p.managerId === null && p.jobFunction === 'management') ?? ctx.people[0];
  const heads = ctx.people.filter((p) => p.managerId === ceo.id && p.jobFunction !== 'management' && p.departmentId !== null);
  const byId = new Map(ctx.people.map((p) => [p.id, p]));
  const headOf = (p: DemoPerson): DemoPerson | undefined => {
    for (let x: DemoPerson | undefined = p; x; x = x.managerId == null ? undefined : byId.get(x.managerId)) if (x.managerId === ceo.id) return x;
    return undefined;
  };
  const insertGoal = c.prepare(
    `insert into goals (ref, parent_id, level, title, owner_id, department_id, unit, start_value, target_value, current_value, weight, period_start, period_end, checkin_every_days, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 91, 'done', ?, ?)`,
  );
  const insertCheckpoint = c.prepare('insert into checkpoints (goal_id, due_date, checked_in_at, on_time) values (?, ?, ?, ?)');
  const insertCheckIn = c.prepare(`insert into check_ins (goal_id, checkpoint_id, person_id, value, status, note, on_time, at) values (?, ?, ?, ?, ?, ?, ?, ?)`);
  let count = 0;
  for (const year of years) {
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const created = `${year}-01-05T02:00:00.000Z`;
    const closed = `${year + 1}-01-05T02:00:00.000Z`;
    const company = Number(insertGoal.run(`H${year}-COMPANY`, null, 'company', `${year} 年公司经营目标`, ceo.id, null, '%', 100, 100, 1, start, end, created, closed).lastInsertRowid);
    const deptGoal = new Map<number, number>();
    for (const h of heads) deptGoal.set(h.id, Number(insertGoal.run(`H${year}-DEPT-${h.id}`, company, 'department', `${year} 年${DEPARTMENT_TITLES[h.jobFunction] ?? '部门目标'}`, h.id, h.departmentId, '%', 100, 100, 1, start, end, created, closed).lastInsertRowid));
    count += 1 + heads.length;
    for (const p of ctx.people) {
      if (p.id === ceo.id) continue;
      const example = p.email === ARCHITECT_EXAMPLE_EMAIL;
      const rand = randFor('goal-history', p.email, year);
      const base = randFor('talent', p.email).next();
      const own = headOf(p);
      const others = heads.filter((h) => h.id !== own?.id);
      const n = example || rand.chance(0.35) ? 2 : 1;
      for (let i = 0; i < n; i++) {
        // the example person's second goal each year is product's (架构评审 for the product line); others' now and then
        const cross = others.length > 0 && (example ? i === 1 : rand.chance(0.12));
        const parentHead = cross ? (example ? (others.find((h) => h.jobFunction === 'product') ?? others[0]) : rand.pick(others)) : own;
        const parent = parentHead ? deptGoal.get(parentHead.id) ?? null : null;
        const [title, unit, target] = cross ? CROSS_TITLES[(i + year) % CROSS_TITLES.length] : INDIVIDUAL_TITLES[(p.id + i + year) % INDIVIDUAL_TITLES.length];
        const attainment = example ? 0.85 + rand.next() * 0.2 : Math.min(1.15, Math.max(0.3, 0.5 + 0.5 * base + (rand.next() - 0.5) * 0.35));
        const final = Math.round(target * attainment * 10) / 10;
        const goalId = Number(insertGoal.run(`H${year}-${p.id}-${i + 1}`, parent, 'individual', `${year} ${title}`, p.id, null, unit, target, final, 1, start, end, created, closed).lastInsertRowid);
        count++;
        const onTimeChance = example ? 0.97 : 0.6 + 0.35 * base;
        ['03-31', '06-30', '09-30', '12-31'].forEach((md, q) => {
          const due = `${year}-${md}`;
          const onTime = rand.chance(onTimeChance);
          const checkedAt = `${onTime ? due : addDays(due, rand.int(2, 6))}T0${rand.int(1, 9)}:30:00.000Z`;
          const value = Math.round(final * ((q + 1) / 4) * 10) / 10;
          const checkpoint = Number(insertCheckpoint.run(goalId, due, checkedAt, onTime ? 1 : 0).lastInsertRowid);
          insertCheckIn.run(goalId, checkpoint, p.id, value, q === 3 ? 'done' : 'on_track', null, onTime ? 1 : 0, checkedAt);
        });
      }
    }
  }
  return count;
}

const DEPARTMENT_TITLES: Record<string, string> = { rnd: '研发交付与质量', sales: '签约目标', customer_success: '客户续约与满意度', support: '服务响应与闭环', product: '产品规划与需求质量', hr: '招聘与组织发展' };
const INDIVIDUAL_TITLES: [string, string, number][] = [['年度交付目标', '个', 40], ['年度质量目标', '%', 100], ['年度客户目标', '家', 20], ['年度改进项目', '项', 6]];
const CROSS_TITLES: [string, string, number][] = [['跨部门协作项目', '项', 4], ['联合交付里程碑', '个', 6]];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Jira issues R&D worked on over the years (done, in the newest state the connector would keep): mostly in the
 * team's home projects, now and then in another one; the example person in four. Historic months only, so the
 * metrics of the months the demo reviews read are untouched.
 */
function jiraHistory(ctx: Context, years: number[]): number {
  const c = ctx.deps.db.$client;
  const insert = c.prepare(`insert into integration_records (connector, ref, person_id, source_updated, data, raw, fetched_at) values ('jira', ?, ?, ?, ?, null, ?)`);
  const counters = new Map<string, number>();
  let count = 0;
  for (const p of ctx.people) {
    if (p.jobFunction !== 'rnd') continue;
    const example = p.email === ARCHITECT_EXAMPLE_EMAIL;
    const home = PROJECTS[p.team] ?? ['PAY'];
    for (const year of years) {
      const rand = randFor('jira-history', p.email, year);
      const projects = example ? ['INFRA', 'DATA', 'PAY', 'CRM'] : [home[0], ...(rand.chance(0.5) ? [home[1]] : []), ...(rand.chance(0.15) ? [rand.pick(OTHER_PROJECTS)] : [])];
      const n = rand.int(3, 6);
      for (let i = 0; i < Math.max(n, projects.length); i++) {
        const project = projects[i % projects.length];
        const number = (counters.get(project) ?? 100) + 1;
        counters.set(project, number);
        const month = String(rand.int(1, 12)).padStart(2, '0');
        const due = `${year}-${month}-${String(rand.int(10, 28))}`;
        const resolved = addDays(due, rand.int(-5, 2));
        const created = addDays(due, -rand.int(10, 30));
        const ref = `${project}-${number}`;
        const updated = `${resolved}T08:00:00.000Z`;
        const item = { ref, assignee: { id: null, email: p.email, name: p.name }, updated, created, done: true, resolved, due, incident: false, review: rand.chance(0.9) ? 'pass' : 'fail' };
        insert.run(ref, p.id, updated, JSON.stringify(item), updated);
        count++;
      }
    }
  }
  return count;
}
