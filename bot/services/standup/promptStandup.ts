import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { localDate, weekKey, zonedInstant } from '../../domain/localTime';
import { standupDay } from '../../domain/standupSchedule';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { standupPlans, type StandupPlan } from '../settings/audiences';
import { questionMessage } from './standupMessages';
import { lastPlans } from './standupPlans';
import { standupPrefills } from './standupPrefill';
import { batchesOpening, openingMessage } from './standupOpening';
import { ensureRound, isRoundOpen } from './standupRounds';

/** People per transaction: small enough that one batch holds the event loop well under 50 ms. */
const BATCH = 100;

export interface PromptResult {
  asked: number;
  rounds: string[];
}

/**
 * Opens this week's standup round and asks everyone who is due: per standup (the company's and each department's
 * own, each only for the pilot's people) and time zone, when the local standup day's prompt time has passed (within
 * the grace window). `manual` asks everyone active and not on leave today, whatever the day or hour. Never asks
 * anyone twice in a round. All at once (one call, no yielding).
 */
export function promptStandup(deps: ServiceDeps, opts: { manual: boolean }): PromptResult {
  const steps = promptSteps(deps, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, yielding to the event loop between batches (the job): a fan-out to 10,000 people in one go held the
 * loop for most of a second (100,000: seven), and Slack retries an inbound event it has no answer to in 3 s.
 * Each batch is its own transaction; a person is asked at most once per round whatever runs in between
 * (standup_requests is unique per round and person, deliveries per dedupe key).
 */
export async function promptStandupInSlices(deps: ServiceDeps, opts: { manual: boolean }): Promise<PromptResult> {
  const steps = promptSteps(deps, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type Candidate = { id: number; name: string; locale: string };

function* promptSteps(deps: ServiceDeps, opts: { manual: boolean }): Generator<void, PromptResult> {
  const { db, settings } = deps;
  const now = deps.now();
  const cal = deps.calendar();
  const graceMs = settings.graceMinutes * 60_000;
  const zones = db.all<{ timezone: string }>(sql`select distinct timezone from people where active = 1`);
  const result: PromptResult = { asked: 0, rounds: [] };

  const plans = standupPlans(deps).filter((plan) => plan.enabled);
  for (const plan of plans) for (const { timezone: tz } of zones) {
    const today = localDate(now, tz);
    const day = opts.manual ? today : standupDay(today, plan.standup, cal);
    if (!day) continue;
    const promptAt = zonedInstant(day, plan.standup.promptTime, tz);
    if (!opts.manual && !(promptAt <= now && now.getTime() < promptAt.getTime() + graceMs)) continue;
    const round = ensureRound(deps, weekKey(day), day);
    if (!isRoundOpen(round, now)) continue;
    let remindAt = zonedInstant(day, plan.standup.reminderTime, tz);
    if (opts.manual && remindAt <= now) remindAt = new Date(now.getTime() + 2 * 3600_000);

    // A page of candidates at a time (by id), so neither the read nor the writes hold the loop long.
    for (let after = 0; ; ) {
      const batch = db.all<Candidate>(sql`
        select p.id, p.name, p.locale from people p
        where p.active = 1 and p.timezone = ${tz} and p.id > ${after} and ${plan.audience.sql(sql`p.department_id`)}
          and not exists (select 1 from standup_requests r where r.round_id = ${round.id} and r.person_id = p.id)
          and not exists (select 1 from leaves l where l.person_id = p.id and l.start_date <= ${day} and l.end_date >= ${day})
        order by p.id limit ${BATCH}`);
      if (batch.length === 0) break;
      result.asked += askBatch(deps, round, batch, { day, remindAt, now }, plan);
      after = batch[batch.length - 1].id;
      yield;
    }
    if (!result.rounds.includes(round.periodKey)) result.rounds.push(round.periodKey);
  }
  return result;
}

/** Statements prepared once per database: the fan-out runs them for every person. */
function statements(deps: ServiceDeps) {
  const c = deps.db.$client;
  return preparedOnce(deps.db, 'standup.prompt', () => ({
    request: c.prepare<[number, number, string, string, string, string | null], { id: number }>(`
      insert into standup_requests (round_id, person_id, due_date, remind_at, prompted_at, questions) values (?, ?, ?, ?, ?, ?)
      on conflict do nothing returning id`),
    conversation: c.prepare<[number, number, string | null, string]>(`
      insert into conversations (person_id, flow, step, subject_id, data, expires_at, updated_at) values (?, 'standup', 0, ?, ?, null, ?)
      on conflict (person_id) do update set flow = excluded.flow, step = excluded.step, subject_id = excluded.subject_id,
        data = excluded.data, expires_at = null, updated_at = excluded.updated_at`),
  }));
}

function askBatch(deps: ServiceDeps, round: ReturnType<typeof ensureRound>, batch: Candidate[], at: { day: string; remindAt: Date; now: Date }, plan: StandupPlan): number {
  const { db } = deps;
  const s = statements(deps);
  // A department with its own questions keeps them on each request; the round keeps the company's.
  const questions = plan.ownQuestions ?? round.questions;
  const asked = plan.ownQuestions ? { ...round, questions } : round;
  const ownQuestions = plan.ownQuestions ? JSON.stringify(plan.ownQuestions) : null;
  const nowIso = at.now.toISOString();
  const remindIso = at.remindAt.toISOString();
  return inTransaction(db, () => {
    const inserted: { requestId: number; p: Candidate }[] = [];
    for (const p of batch) {
      const row = s.request.get(round.id, p.id, at.day, remindIso, nowIso, ownQuestions);
      if (row) inserted.push({ requestId: row.id, p });
    }
    if (inserted.length === 0) return 0;
    const plans = lastPlans(db, round.periodKey, inserted.map((r) => r.p.id), questions.length);
    const locales = new Map(inserted.map(({ p }) => [p.id, asLocale(p.locale, deps.settings.defaultLocale)]));
    const prefills = standupPrefills(db, round.periodKey, inserted.map(({ p }) => ({ id: p.id, locale: locales.get(p.id)! })));
    enqueue(
      { ...deps, now: () => at.now },
      inserted.map(({ p }) => {
        const locale = locales.get(p.id)!;
        const target = { kind: 'person', personId: p.id } as const;
        const lead = t(locale, 'standup.intro', { name: p.name, week: round.periodKey, total: questions.length });
        const prefill = prefills.get(p.id);
        // Platforms that batch get the impersonal opening card (same bytes for everyone), others the named first
        // question; so does anyone whose systems recorded something this week (the prefill is theirs alone).
        const message =
          batchesOpening(deps, deps.route(target)) && !prefill ? openingMessage(locale, asked) : questionMessage(locale, questions, 0, { lead, lastPlan: plans.get(p.id), prefill });
        return { dedupeKey: `standup-prompt:${round.periodKey}:${p.id}`, target, message };
      }),
    );
    for (const r of inserted) {
      const prefill = prefills.get(r.p.id);
      s.conversation.run(r.p.id, r.requestId, prefill ? JSON.stringify({ prefill }) : null, nowIso);
    }
    return inserted.length;
  });
}
