import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { localDate, weekKey, zonedInstant } from '../../domain/localTime';
import { standupDay } from '../../domain/standupSchedule';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { preparedOnce } from '../preparedOnce';
import { questionMessage } from './standupMessages';
import { lastPlans } from './standupPlans';
import { batchesOpening, openingMessage } from './standupOpening';
import { ensureRound, isRoundOpen } from './standupRounds';

/** People per transaction: small enough that one batch holds the event loop well under 50 ms. */
const BATCH = 100;

export interface PromptResult {
  asked: number;
  rounds: string[];
}

/**
 * Opens this week's standup round and asks everyone who is due: per time zone, when the local standup
 * day's prompt time has passed (within the grace window). `manual` asks everyone active and not on leave
 * today, whatever the day or hour. Never asks anyone twice in a round. All at once (one call, no yielding).
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

function* promptSteps(deps: ServiceDeps, opts: { manual: boolean }): Generator<void, PromptResult> {
  const { db, settings } = deps;
  const now = deps.now();
  const cal = deps.calendar();
  const graceMs = settings.graceMinutes * 60_000;
  const zones = db.all<{ timezone: string }>(sql`select distinct timezone from people where active = 1`);
  const result: PromptResult = { asked: 0, rounds: [] };
  const candidatesAfter = statements(deps).candidates;

  for (const { timezone: tz } of zones) {
    const today = localDate(now, tz);
    const day = opts.manual ? today : standupDay(today, settings.standup, cal);
    if (!day) continue;
    const promptAt = zonedInstant(day, settings.standup.promptTime, tz);
    if (!opts.manual && !(promptAt <= now && now.getTime() < promptAt.getTime() + graceMs)) continue;
    const round = ensureRound(deps, weekKey(day), day);
    if (!isRoundOpen(round, now)) continue;
    let remindAt = zonedInstant(day, settings.standup.reminderTime, tz);
    if (opts.manual && remindAt <= now) remindAt = new Date(now.getTime() + 2 * 3600_000);

    // A page of candidates at a time (by id), so neither the read nor the writes hold the loop long.
    for (let after = 0; ; ) {
      const batch = candidatesAfter.all({ tz, round: round.id, day, after, limit: BATCH });
      if (batch.length === 0) break;
      result.asked += askBatch(deps, round, batch, { day, remindAt, now });
      after = batch[batch.length - 1].id;
      yield;
    }
    if (!result.rounds.includes(round.periodKey)) result.rounds.push(round.periodKey);
  }
  return result;
}

type Candidate = { id: number; name: string; locale: string };

/** Statements prepared once per database: the fan-out runs them for every person. */
function statements(deps: ServiceDeps) {
  const c = deps.db.$client;
  return preparedOnce(deps.db, 'standup.prompt', () => ({
    candidates: c.prepare<[{ tz: string; round: number; day: string; after: number; limit: number }], Candidate>(`
      select p.id, p.name, p.locale from people p
      where p.active = 1 and p.timezone = @tz and p.id > @after
        and not exists (select 1 from standup_requests r where r.round_id = @round and r.person_id = p.id)
        and not exists (select 1 from leaves l where l.person_id = p.id and l.start_date <= @day and l.end_date >= @day)
      order by p.id limit @limit`),
    request: c.prepare<[number, number, string, string, string], { id: number }>(`
      insert into standup_requests (round_id, person_id, due_date, remind_at, prompted_at) values (?, ?, ?, ?, ?)
      on conflict do nothing returning id`),
    conversation: c.prepare<[number, number, string]>(`
      insert into conversations (person_id, flow, step, subject_id, expires_at, updated_at) values (?, 'standup', 0, ?, null, ?)
      on conflict (person_id) do update set flow = excluded.flow, step = excluded.step, subject_id = excluded.subject_id,
        expires_at = null, updated_at = excluded.updated_at`),
  }));
}

function askBatch(
  deps: ServiceDeps,
  round: ReturnType<typeof ensureRound>,
  batch: Candidate[],
  at: { day: string; remindAt: Date; now: Date },
): number {
  const { db } = deps;
  const s = statements(deps);
  const questions = round.questions;
  const nowIso = at.now.toISOString();
  const remindIso = at.remindAt.toISOString();
  return inTransaction(db, () => {
    const inserted: { requestId: number; p: Candidate }[] = [];
    for (const p of batch) {
      const row = s.request.get(round.id, p.id, at.day, remindIso, nowIso);
      if (row) inserted.push({ requestId: row.id, p });
    }
    if (inserted.length === 0) return 0;
    const plans = lastPlans(db, round.periodKey, inserted.map((r) => r.p.id), questions.length);
    enqueue(
      { ...deps, now: () => at.now },
      inserted.map(({ p }) => {
        const locale = asLocale(p.locale, deps.settings.defaultLocale);
        const target = { kind: 'person', personId: p.id } as const;
        const lead = t(locale, 'standup.intro', { name: p.name, week: round.periodKey, total: questions.length });
        // Platforms that batch get the impersonal opening card (same bytes for everyone), others the named first question.
        const message = batchesOpening(deps, deps.route(target)) ? openingMessage(locale, round) : questionMessage(locale, questions, 0, { lead, lastPlan: plans.get(p.id) });
        return { dedupeKey: `standup-prompt:${round.periodKey}:${p.id}`, target, message };
      }),
    );
    for (const r of inserted) s.conversation.run(r.p.id, r.requestId, nowIso);
    return inserted.length;
  });
}
