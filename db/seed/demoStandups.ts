/**
 * Eight weeks of standups for the demo company: each person answers on time most weeks — late, edited, on leave or
 * not at all in some — in their own language, with the blockers their work runs into. Written the way the bot
 * writes them (rounds, requests, answers, the on-time point), so every page and report reads them as real.
 */
import { roundCloseInstant, standupDay } from '../../bot/domain/standupSchedule';
import { addLocalDays, localDate, zonedInstant } from '../../bot/domain/localTime';
import type { ServiceDeps } from '../../bot/services/context';
import { randFor } from './demoRandom';
import { standupText, type AnswerKind } from './demoStandupTexts';
import type { DemoPerson, DemoWeek } from './demoTimeline';

/** How reliably someone answers: most people steadily, some when busy, a few rarely. */
export function diligence(email: string): { onTime: number; late: number; blocker: number; checkinOnTime: number; checkinLate: number } {
  const r = randFor('profile', email).next();
  if (r < 0.65) return { onTime: 0.9, late: 0.05, blocker: 0.12, checkinOnTime: 0.85, checkinLate: 0.1 };
  if (r < 0.9) return { onTime: 0.7, late: 0.15, blocker: 0.2, checkinOnTime: 0.65, checkinLate: 0.2 };
  return { onTime: 0.45, late: 0.2, blocker: 0.3, checkinOnTime: 0.45, checkinLate: 0.25 };
}

const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

export function seedDemoStandups(deps: ServiceDeps, people: DemoPerson[], weeks: DemoWeek[]): { rounds: number; requests: number; answers: number } {
  const c = deps.db.$client;
  const { settings } = deps;
  const now = deps.now();
  const cal = deps.calendar();
  const questions = settings.standup.questions;
  const insertRound = c.prepare('insert into standup_rounds (period_key, questions, opened_at, closes_at, closed_at) values (?, ?, ?, ?, ?)');
  const insertRequest = c.prepare(
    `insert into standup_requests (round_id, person_id, due_date, remind_at, prompted_at, reminded_at, completed_at, excused_at, late) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = c.prepare(
    'insert into standup_answers (request_id, question_index, answer, skipped, late, answered_at, edited_at) values (?, ?, ?, 0, ?, ?, ?)',
  );
  const insertLeave = c.prepare('insert into leaves (person_id, start_date, end_date, reason) values (?, ?, ?, ?)');
  const insertPoint = c.prepare(
    `insert into points_ledger (person_id, amount, kind, reason, source_key, actor, score_month, created_at) values (?, ?, 'standup', ?, ?, 'system', ?, ?)`,
  );
  let requests = 0;
  let answers = 0;
  for (const week of weeks) {
    const companyDay = standupDay(week.monday, settings.standup, cal);
    if (!companyDay) continue; // a holiday week: nobody asked
    const opened = zonedInstant(companyDay, settings.standup.promptTime, settings.defaultTimezone);
    const closes = roundCloseInstant(week.monday, settings.standup, cal, settings.defaultTimezone);
    const closed = closes <= now;
    const roundId = Number(insertRound.run(week.periodKey, JSON.stringify(questions), opened.toISOString(), closes.toISOString(), closed ? closes.toISOString() : null).lastInsertRowid);
    for (const p of people) {
      const rand = randFor('standup', p.email, week.periodKey);
      const day = standupDay(week.monday, settings.standup, cal) ?? companyDay;
      const prompted = zonedInstant(day, settings.standup.promptTime, p.timezone);
      const remindAt = zonedInstant(day, settings.standup.reminderTime, p.timezone);
      if (prompted >= now) continue;
      const profile = diligence(p.email);
      if (rand.chance(0.04)) {
        // on leave this week: said so at the prompt (本周请假), excused until Sunday
        insertLeave.run(p.id, day, addLocalDays(week.monday, 6), p.locale === 'en' ? 'Annual leave' : '年假');
        insertRequest.run(roundId, p.id, day, remindAt.toISOString(), prompted.toISOString(), null, null, minutes(prompted, rand.int(5, 90)).toISOString(), 0);
        requests++;
        continue;
      }
      const roll = rand.next();
      let outcome: 'onTime' | 'late' | 'missing' = roll < profile.onTime ? 'onTime' : roll < profile.onTime + profile.late ? 'late' : 'missing';
      let completed = outcome === 'onTime' ? minutes(prompted, rand.int(5, 6 * 60)) : outcome === 'late' ? minutes(closes, rand.int(60, 3 * 24 * 60)) : null;
      if (completed && (completed >= now || (outcome === 'onTime' && completed >= closes))) {
        outcome = 'missing';
        completed = null;
      }
      const reminded = !completed || completed > remindAt ? remindAt : null;
      const late = outcome === 'late';
      const requestId = Number(
        insertRequest.run(roundId, p.id, day, remindAt.toISOString(), prompted.toISOString(), reminded && reminded < now ? reminded.toISOString() : null, completed?.toISOString() ?? null, null, late ? 1 : 0).lastInsertRowid,
      );
      requests++;
      if (!completed) continue;
      const kinds = questions.map((q, i): AnswerKind => (q.blocker ? (rand.chance(profile.blocker) ? 'blocker' : 'none') : i === 0 ? 'done' : 'plan'));
      const editedIndex = rand.chance(0.08) ? kinds.findIndex((k) => k === 'plan' || k === 'done') : -1;
      kinds.forEach((kind, i) => {
        const at = minutes(completed!, -(kinds.length - 1 - i) * rand.int(1, 4));
        const edited = i === editedIndex ? minutes(completed!, rand.int(20, 600)) : null;
        insertAnswer.run(requestId, i, standupText(p.jobFunction, p.locale, kind, rand), late ? 1 : 0, at.toISOString(), edited && edited < closes && edited < now ? edited.toISOString() : null);
        answers++;
      });
      if (!late) {
        insertPoint.run(p.id, settings.points.standupOnTime, `standup ${week.periodKey}`, `standup:${roundId}:${p.id}`, localDate(completed, p.timezone).slice(0, 7), completed.toISOString());
      }
    }
  }
  return { rounds: weeks.length, requests, answers };
}


