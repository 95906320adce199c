import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/client';
import { conversations, standupRequests } from '../../../db/schema';
import { localDate, weekKey, zonedInstant } from '../../domain/localTime';
import { standupDay } from '../../domain/standupSchedule';
import { asLocale, t } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { questionMessage } from './standupMessages';
import { lastPlans } from './standupPlans';
import { standupPrefills } from './standupPrefill';
import { batchesOpening, openingMessage } from './standupOpening';
import { ensureRound, isRoundOpen } from './standupRounds';
import { standupPlans, type StandupPlan } from '../settings/audiences';

const BATCH = 500;

export interface PromptResult {
  asked: number;
  rounds: string[];
}

/**
 * Opens this week's standup round and asks everyone who is due: per time zone, when the local standup
 * day's prompt time has passed (within the grace window). `manual` asks everyone active and not on leave
 * today, whatever the day or hour. Never asks anyone twice in a round.
 */
export function promptStandup(deps: ServiceDeps, opts: { manual: boolean }): PromptResult {
  const { db, settings } = deps;
  const now = deps.now();
  const cal = deps.calendar();
  const graceMs = settings.graceMinutes * 60_000;
  const zones = db.all<{ timezone: string }>(sql`select distinct timezone from people where active = 1`);
  const result: PromptResult = { asked: 0, rounds: [] };

  // One pass per standup (the company's and each department's own), each only for the pilot's people.
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

    const candidates = db.all<{ id: number; name: string; locale: string }>(sql`
      select p.id, p.name, p.locale from people p
      where p.active = 1 and p.timezone = ${tz} and ${plan.audience.sql(sql`p.department_id`)}
        and not exists (select 1 from standup_requests r where r.round_id = ${round.id} and r.person_id = p.id)
        and not exists (select 1 from leaves l where l.person_id = p.id and l.start_date <= ${day} and l.end_date >= ${day})
      order by p.id`);
    for (let i = 0; i < candidates.length; i += BATCH) {
      result.asked += askBatch(deps, round, candidates.slice(i, i + BATCH), { day, remindAt, now }, plan);
    }
    if (!result.rounds.includes(round.periodKey)) result.rounds.push(round.periodKey);
  }
  return result;
}

function askBatch(
  deps: ServiceDeps,
  round: ReturnType<typeof ensureRound>,
  batch: { id: number; name: string; locale: string }[],
  at: { day: string; remindAt: Date; now: Date },
  plan: StandupPlan,
): number {
  const { db } = deps;
  // A department with its own questions keeps them on each request; the round keeps the company's.
  const questions = plan.ownQuestions ?? round.questions;
  const asked = plan.ownQuestions ? { ...round, questions } : round;
  const nowIso = at.now.toISOString();
  return inTransaction(db, () => {
    const inserted = db
      .insert(standupRequests)
      .values(batch.map((p) => ({ roundId: round.id, personId: p.id, dueDate: at.day, remindAt: at.remindAt.toISOString(), promptedAt: nowIso, questions: plan.ownQuestions })))
      .onConflictDoNothing()
      .returning({ id: standupRequests.id, personId: standupRequests.personId })
      .all();
    if (inserted.length === 0) return 0;
    const byId = new Map(batch.map((p) => [p.id, p]));
    const plans = lastPlans(db, round.periodKey, inserted.map((r) => r.personId), questions.length);
    const locales = new Map(batch.map((p) => [p.id, asLocale(p.locale, deps.settings.defaultLocale)]));
    const prefills = standupPrefills(db, round.periodKey, inserted.map((r) => ({ id: r.personId, locale: locales.get(r.personId)! })));
    enqueue(
      { ...deps, now: () => at.now },
      inserted.map((r) => {
        const p = byId.get(r.personId)!;
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
    db.insert(conversations)
      .values(
        inserted.map((r) => {
          const prefill = prefills.get(r.personId);
          return { personId: r.personId, flow: 'standup', step: 0, subjectId: r.id, data: prefill ? { prefill } : null, expiresAt: null, updatedAt: nowIso };
        }),
      )
      .onConflictDoUpdate({
        target: conversations.personId,
        set: { flow: sql`excluded.flow`, step: sql`excluded.step`, subjectId: sql`excluded.subject_id`, data: sql`excluded.data`, expiresAt: null, updatedAt: sql`excluded.updated_at` },
      })
      .run();
    return inserted.length;
  });
}
