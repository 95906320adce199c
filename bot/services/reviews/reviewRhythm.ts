import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { people, reviewCycles } from '../../../db/schema';
import { addLocalDays, localClock, localDate } from '../../domain/localTime';
import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import { pilotAudience } from '../settings/audiences';
import type { ServiceDeps } from '../context';
import type { Draft } from './compileDrafts';
import { createCycle } from './createCycle';
import { continueOpening, finishOpenings, finishOpeningsNow, markCycleOpen, openCycle } from './openCycle';
import { askSelfQuestion, REVIEW_ACTIONS } from './selfReviewChat';
import { escalationStepsDue, withinWorkingHours } from '../../domain/escalationLadder';
import { ladderResolver } from '../goals/ladderRules';
import { remindAppeals } from '../appeals/remindAppeals';

/**
 * The `review-open` job, every minute:
 * 1. on the month's last working day at REVIEW_OPEN_TIME (DEFAULT_TIMEZONE) it creates and opens that month's
 *    company-wide cycle, once (`manual`: this month's cycle now); it finishes any cycle whose opening has not (its
 *    reviews created and drafted in slices, each once: after a crash or restart it goes on where it stopped);
 * 2. asks each person whose self-review has opened and whose review is drafted, once, in chat — a headline from their
 *    draft, then question 1;
 * 3. reminds those who have not finished when the reminder falls due (REVIEW_REMIND_AFTER_DAYS working days after it
 *    opened), once; then tells their manager once, when the goal escalation ladder of their department would;
 * 4. reminds HR of appeals whose response deadline is a day away, and again once it has passed (`remindAppeals`).
 * Every message has a dedupe key and every step a column, so running it twice or after a restart repeats nothing.
 * This is the scheduler's form: the opening runs in slices with turns of the event loop between them.
 */
export async function reviewRhythmInSlices(deps: ServiceDeps, opts: { manual: boolean }) {
  const opened = openMonthlyCycle(deps, opts.manual);
  if (opened) await continueOpening(deps, opened).done;
  await finishOpenings(deps);
  return prompts(deps, opened ? 1 : 0);
}

/** The same run at once, in the caller's turn (dry runs and test sends, which roll it back). */
export function reviewRhythm(deps: ServiceDeps, opts: { manual: boolean }) {
  const opened = openMonthlyCycle(deps, opts.manual);
  if (opened) openCycle(deps, opened, 'scheduler');
  finishOpeningsNow(deps);
  return prompts(deps, opened ? 1 : 0);
}

function prompts(deps: ServiceDeps, opened: number) {
  const { prompted, reminded, managersTold } = inTransaction(deps.db, () => selfReviewSteps(deps));
  const appeals = inTransaction(deps.db, () => remindAppeals(deps));
  return { opened, prompted, reminded, managersTold, appealsDueSoon: appeals.dueSoon, appealsOverdue: appeals.overdue };
}

/** Creates and marks open this month's cycle when it is due (its reviews are created and drafted after); its id or 0. */
function openMonthlyCycle(deps: ServiceDeps, manual: boolean): number {
  const tz = deps.settings.defaultTimezone;
  const now = deps.now();
  const today = localDate(now, tz);
  const start = `${today.slice(0, 7)}-01`;
  const end = addLocalDays(`${nextMonth(today.slice(0, 7))}-01`, -1);
  if (!manual) {
    const calendar = deps.calendar();
    let last = end;
    for (let i = 0; i < 31 && !calendar.isCompanyWorkday(last); i++) last = addLocalDays(last, -1);
    if (today !== last || localClock(now, tz) < deps.settings.reviews.openTime) return 0;
  }
  // Reviews are not set up until HR has at least one template: nothing to open yet.
  if (deps.db.$client.prepare<[], { n: number }>(`select count(*) as n from review_templates`).get()!.n === 0) return 0;
  const existing = deps.db
    .select({ id: reviewCycles.id, status: reviewCycles.status })
    .from(reviewCycles)
    .where(and(eq(reviewCycles.kind, 'monthly'), eq(reviewCycles.periodStart, start), eq(reviewCycles.periodEnd, end)))
    .get();
  if (existing?.status === 'open' && !manual) return 0;
  // created and marked open together: a failure leaves no half-made cycle behind; a crash after it leaves a cycle
  // being opened, which finishOpenings completes
  return inTransaction(deps.db, () => {
    const id = existing?.id ?? createCycle(deps, { name: today.slice(0, 7), kind: 'monthly', periodStart: start, periodEnd: end }, 'scheduler').id;
    markCycleOpen(deps, id, 'scheduler');
    return id;
  });
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

interface Due {
  id: number;
  personId: number;
  managerId: number | null;
  locale: string;
  name: string;
  selfOpensAt: string;
  selfRemindAt: string | null;
  draft: Draft | null;
  cycle: string;
  periodStart: string;
  periodEnd: string;
  leads: number;
  departmentId: number | null;
}

function selfReviewSteps(deps: ServiceDeps) {
  const now = deps.now().toISOString();
  const c = deps.db.$client;
  // the draft (large) and whether the person leads a team only where the prompt needs them; only drafted reviews
  // (reviews_self_due_idx holds only those): nobody is asked about a review the opening has not drafted yet
  const columns = (forPrompt: boolean) => `select r.id, r.person_id as personId, r.manager_id as managerId, p.locale, p.name, r.self_opens_at as selfOpensAt,
            r.self_remind_at as selfRemindAt, ${forPrompt ? 'r.draft' : 'null as draft'}, c.name as cycle, c.period_start as periodStart, c.period_end as periodEnd,
            ${forPrompt ? '(select count(*) from people x where x.manager_id = p.id and x.active = 1)' : '0'} as leads, p.department_id as departmentId
     from reviews r join people p on p.id = r.person_id join review_cycles c on c.id = r.cycle_id
     where r.status = 'self_review' and r.draft_at is not null and p.active = 1 and c.status = 'open'`;
  const parse = (rows: (Omit<Due, 'draft'> & { draft: string | null })[]): Due[] => rows.map((r) => ({ ...r, draft: r.draft ? (JSON.parse(r.draft) as Draft) : null }));
  const items: OutboxItem[] = [];
  // Outside the pilot nobody is asked, reminded or reported yet: their reviews wait until the scope widens.
  const pilot = pilotAudience(deps);
  const inPilot = (r: Due) => pilot.has(r.departmentId);

  const toPrompt = parse(c.prepare(`${columns(true)} and r.self_prompted_at is null and r.self_opens_at <= ?`).all(now) as never).filter(inPilot);
  const markPrompted = c.prepare(`update reviews set self_prompted_at = ? where id = ?`);
  for (const r of toPrompt) {
    const locale = asLocale(r.locale, deps.settings.defaultLocale);
    const vars = { cycle: r.cycle, start: r.periodStart, end: r.periodEnd, headline: headline(r.draft, locale), days: deps.settings.reviews.managerLeadDays };
    const intro = t(locale, r.leads > 0 && deps.settings.reviews.managerLeadDays > 0 ? 'review.self.promptManager' : 'review.self.prompt', vars);
    const first = askSelfQuestion(deps, r.personId, r.id, 0, locale);
    const target = { kind: 'person' as const, personId: r.personId };
    // Slack answers in a modal (every question at once) as well as by replies; other chats answer by replies.
    const buttons = deps.route(target) === 'slack' ? [{ actionId: REVIEW_ACTIONS.form, label: t(locale, 'review.self.formButton'), value: String(r.id), style: 'primary' as const }] : undefined;
    items.push({ dedupeKey: `review-self:${r.id}`, target, message: { text: `${intro}\n\n${first.text}`, ...(buttons ? { buttons } : {}) } });
    markPrompted.run(now, r.id);
  }

  const toRemind = parse(c.prepare(`${columns(false)} and r.self_prompted_at is not null and r.self_reminded_at is null and r.self_remind_at <= ?`).all(now) as never).filter(inPilot);
  const markReminded = c.prepare(`update reviews set self_reminded_at = ? where id = ?`);
  for (const r of toRemind) {
    const locale = asLocale(r.locale, deps.settings.defaultLocale);
    items.push({ dedupeKey: `review-self-reminder:${r.id}`, target: { kind: 'person', personId: r.personId }, message: { text: t(locale, 'review.self.reminder', { cycle: r.cycle }) } });
    markReminded.run(now, r.id);
  }

  // The manager hears once, by the escalation ladder of the person's department: the reminder's day is the due day,
  // and the manager is told after the ladder's managerAfterDays working days, within its working hours.
  const reminded = parse(c.prepare(`${columns(false)} and r.self_reminded_at is not null and r.manager_told_at is null and r.manager_id is not null`).all() as never).filter(inPilot);
  const markTold = c.prepare(`update reviews set manager_told_at = ? where id = ?`);
  const managers = new Map<number, string>();
  const ladder = ladderResolver(deps.db);
  const calendar = deps.calendar();
  const tz = deps.settings.defaultTimezone;
  const today = localDate(deps.now(), tz);
  const clock = localClock(deps.now(), tz);
  let managersTold = 0;
  for (const r of reminded) {
    const rule = ladder(r.departmentId);
    const due = localDate(new Date(r.selfRemindAt!), tz);
    if (!escalationStepsDue(due, today, rule, calendar).includes('manager') || !withinWorkingHours(today, clock, rule, calendar)) continue;
    if (!managers.has(r.managerId!)) managers.set(r.managerId!, deps.db.select({ locale: people.locale }).from(people).where(eq(people.id, r.managerId!)).get()?.locale ?? deps.settings.defaultLocale);
    const locale = asLocale(managers.get(r.managerId!)!, deps.settings.defaultLocale);
    const days = deps.settings.reviews.remindAfterDays + rule.managerAfterDays;
    items.push({ dedupeKey: `review-self-overdue:${r.id}`, target: { kind: 'person', personId: r.managerId! }, message: { text: t(locale, 'review.self.overdue', { name: r.name, cycle: r.cycle, days }) } });
    markTold.run(now, r.id);
    managersTold++;
  }
  enqueue(deps, items);
  return { prompted: toPrompt.length, reminded: toRemind.length, managersTold };
}

/** The draft in one line for the chat prompt: goal attainment, standups answered, up to two metrics. */
function headline(draft: Draft | null, locale: 'zh-CN' | 'en'): string {
  if (!draft) return t(locale, 'review.headline.empty');
  const parts: string[] = [];
  const goal = draft.figures.goal_attainment;
  if (goal !== undefined) parts.push(t(locale, 'review.headline.goals', { percent: `${Math.round(goal * 100)}%` }));
  const standups = draft.figures.standup_answer_rate;
  if (standups !== undefined) parts.push(t(locale, 'review.headline.standups', { percent: `${Math.round(standups * 100)}%` }));
  for (const m of draft.metrics.slice(0, 2)) parts.push(t(locale, 'review.headline.metric', { label: m.label[locale], value: m.display }));
  return parts.length ? parts.join(locale === 'zh-CN' ? '，' : ', ') : t(locale, 'review.headline.empty');
}
