/**
 * Last month's review cycle, closed: opened on the month's last working day by the same use cases HR uses (so every
 * draft is compiled from the demo history: standups, goals, check-ins, metrics, points), self-reviews written,
 * managers' ratings and grades given within the rules' caps, and the results released — as it would stand today.
 */
import { addLocalDays, localDate, zonedInstant } from '../../bot/domain/localTime';
import { itemId, type TemplateBody } from '../../bot/domain/reviewTemplate';
import { appendAudit } from '../../bot/services/audit';
import type { ServiceDeps } from '../../bot/services/context';
import { compileDrafts } from '../../bot/services/reviews/compileDrafts';
import { createCycle } from '../../bot/services/reviews/createCycle';
import { openCycle } from '../../bot/services/reviews/openCycle';
import { storeDrafts } from '../../bot/services/reviews/storeDrafts';
import type { ReviewFlag, ScaleGrade } from '../schema';
import { randFor } from './demoRandom';
import { ARCHITECT_EXAMPLE_EMAIL } from './demoTalent';
import { previousMonth, type DemoPerson } from './demoTimeline';

const ACTOR = 'system:demo';
const SELF = {
  'zh-CN': [
    ['按时完成了本月的主要目标，和团队配合顺畅', '客户项目提前一周上线', '本月新签两家客户，回款进度正常'],
    ['跨部门沟通还可以更主动', '有两次周报交得晚，下个月改进', '时间分配不够好，紧急事情太多'],
    ['希望参加系统设计方面的培训', '想多接触客户，了解一线需求', '希望明确下季度的晋升标准'],
  ],
  en: [
    ['Hit the month’s main goals and worked well with the team', 'Shipped the customer project a week early'],
    ['Could reach out across teams sooner', 'Two late standups; will fix that next month'],
    ['Would like training in system design', 'Want more time with customers'],
  ],
} as const;
const FEEDBACK = {
  'zh-CN': {
    good: ['本月表现突出，主动承担了关键任务，继续保持。', '目标完成情况很好，站会和进展更新也很及时。'],
    ok: ['整体符合预期，目标基本达成；下个月注意进展更新的及时性。', '工作稳定可靠，建议在跨部门协作上更主动一些。'],
    low: ['本月目标完成度偏低，进展更新多次延迟，下个月一起制定改进计划。'],
  },
  en: {
    good: ['An outstanding month: took on the key work and kept everyone informed.'],
    ok: ['Met expectations; keep your updates on time next month.'],
    low: ['Below target this month and updates were late; let’s agree an improvement plan.'],
  },
} as const;

/** The month's last working day (company calendar). */
function lastWorkday(deps: ServiceDeps, month: string): string {
  const cal = deps.calendar();
  let day = addLocalDays(`${addLocalDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);
  for (let i = 0; i < 31 && !cal.isCompanyWorkday(day); i++) day = addLocalDays(day, -1);
  return day;
}

export function seedDemoReviews(deps: ServiceDeps, people: DemoPerson[]): { cycle: number | null; reviews: number } {
  const c = deps.db.$client;
  const tz = deps.settings.defaultTimezone;
  const now = deps.now();
  const month = previousMonth(localDate(now, tz).slice(0, 7));
  const hasTemplate = c.prepare<[], { n: number }>('select count(*) as n from review_templates').get()!.n > 0;
  if (!hasTemplate) return { cycle: null, reviews: 0 };
  const openedAt = zonedInstant(lastWorkday(deps, month), deps.settings.reviews.openTime, tz);
  const at = (d: Date) => ({ ...deps, now: () => d });
  const { id } = createCycle(at(new Date(openedAt.getTime() - 3 * 86_400_000)), { name: `${month} 月度考核`, kind: 'monthly', periodStart: `${month}-01`, periodEnd: addLocalDays(`${addLocalDays(`${month}-28`, 7).slice(0, 7)}-01`, -1) }, ACTOR);
  openCycle(at(openedAt), id, ACTOR);

  // Everything after the opening happened between then and now: spread over the days since, the release last.
  const span = Math.max(3600_000, now.getTime() - openedAt.getTime() - 3600_000);
  const when = (share: number) => new Date(openedAt.getTime() + Math.floor(span * share));
  const scale = JSON.parse(c.prepare<[number], { scale: string }>('select scale from review_cycles where id = ?').get(id)!.scale) as ScaleGrade[];
  const rows = c
    .prepare<[number], { id: number; personId: number; flags: string; body: string }>(
      `select r.id, r.person_id as personId, r.flags, v.body from reviews r join review_template_versions v on v.id = r.template_version_id where r.cycle_id = ? order by r.id`,
    )
    .all(id);
  const byId = new Map(people.map((p) => [p.id, p]));
  const subjects = rows.map((r) => {
    const body = JSON.parse(r.body) as TemplateBody;
    const rand = randFor('review', r.personId, month);
    const ratings: Record<string, string> = {};
    // the talent example keeps rating high on his skills and potential (demoTalent)
    const example = byId.get(r.personId)?.email === ARCHITECT_EXAMPLE_EMAIL;
    body.sections.forEach((s, si) => s.items.forEach((item, ii) => {
      if (item.kind !== 'rating') return;
      if (example && (item.skill || item.potential)) {
        ratings[itemId(si, ii)] = scale[1].key;
        return;
      }
      const roll = rand.next();
      ratings[itemId(si, ii)] = roll < 0.08 ? scale[0].key : roll < 0.4 ? scale[1].key : roll < 0.88 ? scale[2].key : scale[3].key;
    }));
    return { reviewId: r.id, personId: r.personId, body, ratings, flags: JSON.parse(r.flags) as ReviewFlag[] };
  });
  const compiled = compileDrafts(deps.db, { start: `${month}-01`, end: addLocalDays(`${addLocalDays(`${month}-28`, 7).slice(0, 7)}-01`, -1) }, scale, subjects);
  const submit = c.prepare(
    `update reviews set status = 'submitted', self_answers = ?, self_submitted_at = ?, self_prompted_at = ?, ratings = ?, grade = ?, feedback = ?, manager_submitted_at = ?, submitted_by = ?, updated_at = ? where id = ?`,
  );
  compiled.forEach((draft, i) => {
    const subject = subjects[i];
    const person = byId.get(subject.personId);
    const locale = person?.locale ?? 'zh-CN';
    const rand = randFor('grade', subject.personId, month);
    const selfAt = when(0.1 + rand.next() * 0.3);
    const managerAt = when(0.5 + rand.next() * 0.35);
    storeDrafts(deps.db, [draft], managerAt.toISOString());
    // Managers mostly follow the suggestion; some lift a lowest grade that no rule caps (their judgement, visible in calibration).
    const suggested = draft.draft.suggestedGrade ?? scale[2].key;
    const lift = suggested === scale.at(-1)!.key && draft.draft.cap === null && rand.chance(0.6);
    const grade = lift ? scale.at(-2)!.key : suggested;
    const rank = scale.findIndex((g) => g.key === grade);
    const tone = rank <= 1 ? 'good' : rank === 2 ? 'ok' : 'low';
    const answers = SELF[locale].map((options) => rand.pick(options));
    submit.run(JSON.stringify(answers), selfAt.toISOString(), openedAt.toISOString(), JSON.stringify(subject.ratings), grade, rand.pick(FEEDBACK[locale][tone]), managerAt.toISOString(), ACTOR, managerAt.toISOString(), subject.reviewId);
    appendAudit(deps.db, { actor: ACTOR, action: 'review.grade', entity: 'review', entityId: String(subject.reviewId), after: { grade, ratings: subject.ratings, suggested: draft.draft.suggestedGrade, cap: draft.draft.cap } }, managerAt);
  });
  const released = when(0.95);
  c.prepare(`update review_cycles set status = 'released', released_at = ? where id = ?`).run(released.toISOString(), id);
  appendAudit(deps.db, { actor: ACTOR, action: 'review_cycle.release', entity: 'review_cycle', entityId: id, after: { reviews: rows.length } }, released);
  return { cycle: id, reviews: rows.length };
}
