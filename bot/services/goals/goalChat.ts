import { and, eq } from 'drizzle-orm';
import { conversations, goals, GOAL_STATUSES, type GoalStatus } from '../../../db/schema';
import { inTransaction } from '../../../db/client';
import { localDate } from '../../domain/localTime';
import { t, type Locale } from '../../i18n';
import type { MessageButton, OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { goalTree, type GoalView } from './goalQueries';
import { recordCheckIn } from './recordCheckIn';

/** Goal check-ins in chat: value (reply), status (buttons or reply), note (reply or skip), on every platform. */
export const GOAL_ACTIONS = { checkin: 'goal.checkin', keep: 'goal.keep', status: 'goal.status', skipNote: 'goal.skipNote' } as const;
export const CHECKIN_FLOW = 'checkin';

const STATUS_WORDS: Record<string, GoalStatus> = {
  'on track': 'on_track', ontrack: 'on_track', 正常: 'on_track', 顺利: 'on_track',
  'at risk': 'at_risk', risk: 'at_risk', 有风险: 'at_risk', 风险: 'at_risk',
  'off track': 'off_track', behind: 'off_track', 落后: 'off_track', 延期: 'off_track',
  done: 'done', 完成: 'done', 已完成: 'done',
};

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function viewOf(deps: ServiceDeps, goalId: number): GoalView | undefined {
  const owner = deps.db.select({ ownerId: goals.ownerId }).from(goals).where(eq(goals.id, goalId)).get();
  if (!owner) return undefined;
  return goalTree(deps.db, localDate(deps.now(), deps.settings.defaultTimezone), { ownerId: owner.ownerId }).find((g) => g.id === goalId);
}

function figures(g: GoalView) {
  return { title: g.title, current: fmt(g.currentValue), target: fmt(g.targetValue), unit: g.unit, progress: Math.round(g.progress) };
}

export function statusLabel(locale: Locale, status: GoalStatus): string {
  return t(locale, `goals.status.${status}`);
}

/** "目标" / "goals": my goals with progress, an Update button for each (at most six, as WeCom cards allow). */
export function myGoalsReply(deps: ServiceDeps, personId: number, locale: Locale): OutboundMessage {
  const mine = goalTree(deps.db, localDate(deps.now(), deps.settings.defaultTimezone), { ownerId: personId, period: 'current' });
  if (mine.length === 0) return { text: t(locale, 'goals.none') };
  const auto = autoHistory(deps, mine.filter((g) => g.metric).map((g) => g.id), locale);
  const lines = mine.flatMap((g, i) => [
    t(locale, 'goals.line', { n: i + 1, ...figures(g), status: statusLabel(locale, g.status), next: g.nextCheckpoint ? t(locale, 'goals.nextCheckpoint', { date: g.nextCheckpoint }) : '' }),
    ...(g.metric ? [autoLine(deps, locale, g, auto.get(g.id))] : []),
  ]);
  const buttons: MessageButton[] = mine.slice(0, 6).map((g, i) => ({ actionId: GOAL_ACTIONS.checkin, label: t(locale, 'goals.button.update', { n: i + 1 }), value: String(g.id) }));
  return { text: [t(locale, 'goals.listTitle'), ...lines].join('\n'), buttons };
}

interface AutoCheckIn {
  goalId: number;
  value: number;
  source: string | null;
  at: string;
  label: string;
}

/** The latest auto check-in of each goal, with its metric's label: one query for the list. */
function autoHistory(deps: ServiceDeps, goalIds: number[], locale: Locale): Map<number, AutoCheckIn> {
  if (goalIds.length === 0) return new Map();
  const rows = deps.db.$client
    .prepare<number[], AutoCheckIn & { labelZh: string; labelEn: string }>(
      `select c.goal_id as goalId, c.value, c.source, c.at, d.label_zh as labelZh, d.label_en as labelEn
       from check_ins c join goals g on g.id = c.goal_id join metric_definitions d on d.key = g.metric_key
       where c.auto = 1 and c.goal_id in (${goalIds.map(() => '?').join(',')}) order by c.at, c.id`,
    )
    .all(...goalIds);
  return new Map(rows.map((r) => [r.goalId, { ...r, label: locale === 'en' ? r.labelEn : r.labelZh }]));
}

function metricLabel(deps: ServiceDeps, locale: Locale, key: string): string {
  const d = deps.db.$client.prepare<[string], { zh: string; en: string }>('select label_zh as zh, label_en as en from metric_definitions where key = ?').get(key);
  return d ? (locale === 'en' ? d.en : d.zh) : key;
}

/** "auto: follows …, updated to 12 on 2026-11-28 (source: jira)" under a bound goal in the list. */
function autoLine(deps: ServiceDeps, locale: Locale, g: GoalView, last: AutoCheckIn | undefined): string {
  if (!last) return t(locale, 'goals.autoFollows', { metric: metricLabel(deps, locale, g.metric!) });
  const date = localDate(new Date(last.at), deps.settings.defaultTimezone);
  return t(locale, 'goals.autoLine', { metric: last.label, date, value: fmt(last.value), source: last.source ?? '' });
}

function setFlow(deps: ServiceDeps, personId: number, step: number, goalId: number, data: Record<string, unknown>): void {
  const state = { flow: CHECKIN_FLOW, step, subjectId: goalId, data, expiresAt: null, updatedAt: deps.now().toISOString() };
  deps.db.insert(conversations).values({ personId, ...state }).onConflictDoUpdate({ target: conversations.personId, set: state }).run();
}

function askValue(deps: ServiceDeps, personId: number, locale: Locale, goalId: number): OutboundMessage[] {
  const g = viewOf(deps, goalId);
  if (!g || g.owner.id !== personId) return [{ text: t(locale, 'goals.none') }];
  if (g.metric) {
    // The value follows the metric: straight to the status and note, which stay the owner's own word.
    const [ask] = askStatus(deps, personId, locale, goalId, g.currentValue);
    return [{ ...ask, text: `${t(locale, 'goals.askStatusAuto', { ...figures(g), metric: metricLabel(deps, locale, g.metric) })}\n${ask.text}` }];
  }
  setFlow(deps, personId, 0, goalId, {});
  return [{ text: t(locale, 'goals.askValue', figures(g)), buttons: [{ actionId: GOAL_ACTIONS.keep, label: t(locale, 'goals.button.keep', { value: fmt(g.currentValue) }), value: String(g.currentValue) }] }];
}

function askStatus(deps: ServiceDeps, personId: number, locale: Locale, goalId: number, value: number): OutboundMessage[] {
  const g = viewOf(deps, goalId)!;
  setFlow(deps, personId, 1, goalId, { value });
  return [{
    text: t(locale, 'goals.askStatus', { suggested: statusLabel(locale, g.suggestedStatus) }),
    buttons: GOAL_STATUSES.map((s) => ({ actionId: GOAL_ACTIONS.status, label: statusLabel(locale, s), value: s, style: s === g.suggestedStatus ? ('primary' as const) : undefined })),
  }];
}

function askNote(deps: ServiceDeps, personId: number, locale: Locale, goalId: number, data: Record<string, unknown>): OutboundMessage[] {
  setFlow(deps, personId, 2, goalId, data);
  return [{ text: t(locale, 'goals.askNote'), buttons: [{ actionId: GOAL_ACTIONS.skipNote, label: t(locale, 'goals.button.skipNote'), value: String(goalId) }] }];
}

function finish(deps: ServiceDeps, personId: number, locale: Locale, goalId: number, data: Record<string, unknown>, note: string | null): OutboundMessage[] {
  deps.db.delete(conversations).where(and(eq(conversations.personId, personId), eq(conversations.flow, CHECKIN_FLOW))).run();
  return [checkInAndConfirm(deps, personId, locale, goalId, { value: Number(data.value), status: data.status as GoalStatus, note })];
}

/** Records a check-in (chat flow, Slack modal) and words the confirmation, with the point earned if any. */
export function checkInAndConfirm(deps: ServiceDeps, personId: number, locale: Locale, goalId: number, input: { value: number; status?: GoalStatus | null; note: string | null }): OutboundMessage {
  const result = inTransaction(deps.db, () => recordCheckIn(deps, { goalId, personId, value: input.value, status: input.status, note: input.note }));
  const g = viewOf(deps, goalId)!;
  const lines = [result.onTime ? t(locale, 'goals.recorded', { ...figures(g), status: statusLabel(locale, g.status) }) : t(locale, 'goals.recordedLate', { title: g.title })];
  if (result.pointAwarded) lines.push(t(locale, 'goals.pointEarned', { points: result.pointAwarded }));
  // Saved, but no checkpoint was due yet: say when a check-in counts again, so nobody expects a point now.
  if (result.notYet) lines.push(t(locale, 'goals.notDueYet', { due: result.notYet.dueDate, opens: result.notYet.opensOn }));
  return { text: lines.join('\n') };
}

/** What a check-in form shows: the goal's figures and the suggested status; undefined when it is not theirs. */
export function checkinFormFor(deps: ServiceDeps, personId: number, goalId: number) {
  const g = viewOf(deps, goalId);
  if (!g || g.owner.id !== personId) return undefined;
  return { goalId: g.id, ...figures(g), currentValue: g.currentValue, suggested: g.suggestedStatus, status: g.status };
}

/** A click on a goal button; undefined when the action is not a goal action. */
export function handleGoalAction(deps: ServiceDeps, personId: number, locale: Locale, actionId: string, value: string, flow?: { step: number; subjectId: number; data: Record<string, unknown> | null }): OutboundMessage[] | undefined {
  if (actionId === GOAL_ACTIONS.checkin) return askValue(deps, personId, locale, Number(value));
  // A status or note button from an older message, with no check-in running: show the goals again.
  if (!flow) return actionId.startsWith('goal.') ? [myGoalsReply(deps, personId, locale)] : undefined;
  if (actionId === GOAL_ACTIONS.keep && flow.step === 0) return askStatus(deps, personId, locale, flow.subjectId, Number(value));
  if (actionId === GOAL_ACTIONS.status && flow.step === 1 && (GOAL_STATUSES as readonly string[]).includes(value)) {
    return askNote(deps, personId, locale, flow.subjectId, { ...flow.data, status: value });
  }
  if (actionId === GOAL_ACTIONS.skipNote && flow.step === 2) return finish(deps, personId, locale, flow.subjectId, flow.data ?? {}, null);
  return actionId.startsWith('goal.') ? askValue(deps, personId, locale, flow.subjectId) : undefined;
}

/** A reply while a check-in is in progress. */
export function handleGoalText(deps: ServiceDeps, personId: number, locale: Locale, text: string, flow: { step: number; subjectId: number; data: Record<string, unknown> | null }): OutboundMessage[] {
  const trimmed = text.trim();
  if (flow.step === 0) {
    const value = Number(trimmed.replace(/[,，%％\s]/g, ''));
    if (!trimmed || !Number.isFinite(value)) return [{ text: t(locale, 'goals.notANumber') }];
    return askStatus(deps, personId, locale, flow.subjectId, value);
  }
  if (flow.step === 1) {
    const status = STATUS_WORDS[trimmed.toLowerCase()] ?? (GOAL_STATUSES as readonly string[]).find((s) => s === trimmed.toLowerCase());
    if (!status) return askStatus(deps, personId, locale, flow.subjectId, Number(flow.data?.value));
    return askNote(deps, personId, locale, flow.subjectId, { ...flow.data, status });
  }
  return finish(deps, personId, locale, flow.subjectId, flow.data ?? {}, trimmed.slice(0, 1000) || null);
}
