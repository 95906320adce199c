import { fillPlaceholders, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { inTransaction } from '../../../db/client';
import { localDate, weekKey, zonedInstant } from '../../domain/localTime';
import { standupDay } from '../../domain/standupSchedule';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { inChunks, rowsStatement } from '../multiRow';
import { runAll, runInSlices } from '../slices';
import { standupPlans, type StandupPlan } from '../settings/audiences';
import { questionMessage } from './standupMessages';
import { lastPlans } from './standupPlans';
import { standupPrefills } from './standupPrefill';
import { batchesOpening, openingMessage } from './standupOpening';
import { ensureRound, isRoundOpen } from './standupRounds';

const dialect = new SQLiteSyncDialect();

/**
 * People per transaction: as many as fit in about 8 ms (a commit per 100 people was a good part of the fan-out once
 * the rows themselves got cheap), 25 to 1,000, measured as it goes; so one batch holds the event loop well under
 * 50 ms even on a loaded machine, where the batches shrink.
 */
class BatchSize {
  next = 100;
  took(ms: number, people: number): void {
    if (people < this.next) return; // a short last page says nothing about the pace
    const fits = Math.round((people * 8) / Math.max(ms, 0.1));
    this.next = Math.max(25, Math.min(1000, fits, this.next * 2));
  }
}

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
  return runAll(promptSteps(deps, opts));
}

/**
 * The same, yielding to the event loop between batches (the job): a fan-out to 10,000 people in one go held the
 * loop for most of a second (100,000: seven), and Slack retries an inbound event it has no answer to in 3 s.
 * Each batch is its own transaction; a person is asked at most once per round whatever runs in between
 * (standup_requests is unique per round and person, deliveries per dedupe key).
 */
export function promptStandupInSlices(deps: ServiceDeps, opts: { manual: boolean }): Promise<PromptResult> {
  return runInSlices(promptSteps(deps, opts), deps.db);
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

    // A page of candidates at a time (by id), so neither the read nor the writes hold the loop long. The query is
    // built and prepared once per standup and zone (drizzle's building per page showed in the profile).
    const query = dialect.sqlToQuery(sql`
        select p.id, p.name, p.locale from people p
        where p.active = 1 and p.timezone = ${tz} and p.id > ${sql.placeholder('after')} and ${plan.audience.sql(sql`p.department_id`)}
          and not exists (select 1 from standup_requests r where r.round_id = ${round.id} and r.person_id = p.id)
          and not exists (select 1 from leaves l where l.person_id = p.id and l.start_date <= ${day} and l.end_date >= ${day})
        order by p.id limit ${sql.placeholder('limit')}`);
    const page = db.$client.prepare<unknown[], Candidate>(query.sql);
    const size = new BatchSize();
    for (let after = 0; ; ) {
      const batch = page.all(...fillPlaceholders(query.params, { after, limit: size.next }));
      if (batch.length === 0) break;
      const started = performance.now();
      result.asked += askBatch(deps, round, batch, { day, remindAt, now }, plan);
      size.took(performance.now() - started, batch.length);
      after = batch[batch.length - 1].id;
      yield;
    }
    if (!result.rounds.includes(round.periodKey)) result.rounds.push(round.periodKey);
  }
  return result;
}

/** The batch's requests, 64 per statement; returns the rows that were new (a person asked before is skipped). */
function insertRequests(deps: ServiceDeps, roundId: number, batch: readonly Candidate[], row: { day: string; remindIso: string; nowIso: string; questions: string | null }) {
  const byId = new Map(batch.map((p) => [p.id, p]));
  const inserted: { requestId: number; p: Candidate }[] = [];
  inChunks(batch, (chunk) => {
    const params: unknown[] = [];
    for (const p of chunk) params.push(roundId, p.id, row.day, row.remindIso, row.nowIso, row.questions);
    const rows = rowsStatement<unknown[], { id: number; personId: number }>(
      deps.db,
      'standup.requests',
      chunk.length,
      'insert into standup_requests (round_id, person_id, due_date, remind_at, prompted_at, questions)',
      '(?, ?, ?, ?, ?, ?)',
      'on conflict do nothing returning id, person_id as personId',
    ).all(...params);
    for (const r of rows) inserted.push({ requestId: r.id, p: byId.get(r.personId)! });
  });
  // RETURNING's order is not promised: keep the people's order, so their outbox rows are numbered as they were asked
  return inserted.sort((a, b) => a.p.id - b.p.id);
}

/** Everyone asked is now in the standup flow at its first question (64 rows per statement). */
function startConversations(deps: ServiceDeps, rows: readonly { personId: number; requestId: number; data: string | null }[], nowIso: string): void {
  inChunks(rows, (chunk) => {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.personId, r.requestId, r.data, nowIso);
    rowsStatement(
      deps.db,
      'standup.conversations',
      chunk.length,
      'insert into conversations (person_id, flow, step, subject_id, data, expires_at, updated_at)',
      "(?, 'standup', 0, ?, ?, null, ?)",
      `on conflict (person_id) do update set flow = excluded.flow, step = excluded.step, subject_id = excluded.subject_id,
        data = excluded.data, expires_at = null, updated_at = excluded.updated_at`,
    ).run(...params);
  });
}

function askBatch(deps: ServiceDeps, round: ReturnType<typeof ensureRound>, batch: Candidate[], at: { day: string; remindAt: Date; now: Date }, plan: StandupPlan): number {
  const { db } = deps;
  // A department with its own questions keeps them on each request; the round keeps the company's.
  const questions = plan.ownQuestions ?? round.questions;
  const asked = plan.ownQuestions ? { ...round, questions } : round;
  const ownQuestions = plan.ownQuestions ? JSON.stringify(plan.ownQuestions) : null;
  const nowIso = at.now.toISOString();
  const remindIso = at.remindAt.toISOString();
  return inTransaction(db, () => {
    const inserted = insertRequests(deps, round.id, batch, { day: at.day, remindIso, nowIso, questions: ownQuestions });
    if (inserted.length === 0) return 0;
    const plans = lastPlans(db, round.periodKey, inserted.map((r) => r.p.id), questions.length);
    const fallback = deps.settings.defaultLocale; // the settings getter checks the store's version: once per batch
    const locales = new Map(inserted.map(({ p }) => [p.id, asLocale(p.locale, fallback)]));
    const prefills = standupPrefills(db, round.periodKey, inserted.map(({ p }) => ({ id: p.id, locale: locales.get(p.id)! })));
    const outbox = { ...deps, now: () => at.now };
    const items = inserted.map(({ p }) => {
      const locale = locales.get(p.id)!;
      const target = { kind: 'person', personId: p.id } as const;
      const lead = t(locale, 'standup.intro', { name: p.name, week: round.periodKey, total: questions.length });
      const prefill = prefills.get(p.id);
      // Platforms that batch get the impersonal opening card (same bytes for everyone), others the named first
      // question; so does anyone whose systems recorded something this week (the prefill is theirs alone).
      const message =
        batchesOpening(deps, deps.route(target)) && !prefill ? openingMessage(locale, asked) : questionMessage(locale, questions, 0, { lead, lastPlan: plans.get(p.id), prefill });
      return { dedupeKey: `standup-prompt:${round.periodKey}:${p.id}`, target, message };
    });
    // The local chat's prompts are written already sent, with their messages (no claim, no second transaction).
    if (deps.deliverAtEnqueue) deps.deliverAtEnqueue.enqueue(outbox, items);
    else enqueue(outbox, items);
    startConversations(
      deps,
      inserted.map((r) => {
        const prefill = prefills.get(r.p.id);
        return { personId: r.p.id, requestId: r.requestId, data: prefill ? JSON.stringify({ prefill }) : null };
      }),
      nowIso,
    );
    return inserted.length;
  });
}
