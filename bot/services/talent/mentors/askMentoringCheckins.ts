import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { localClock, localDate } from '../../../domain/localTime';
import { asLocale, t } from '../../../i18n';
import { enqueue, type OutboxItem } from '../../../outbox/enqueue';
import type { ServiceDeps } from '../../context';
import { inPilot } from '../../settings/audiences';
import { enterMentoringFlow } from './mentoringChat';

/** When in the day (DEFAULT_TIMEZONE) the monthly check-in is asked, on the month's first working day or later. */
export const MENTORING_ASK_TIME = '10:00';

/**
 * Job `mentoring-checkin`: once a month (from the first working day at 10:00 in DEFAULT_TIMEZONE; a later run that
 * month catches up) both people of every active mentorship confirmed before this month are asked how it is going.
 * One row per pairing, person and month (unique), its message keyed the same way, so nothing is asked twice. The reply
 * is the next message (mentoringChat). `manual` (run now, dry run) asks this month's at once, new pairings included.
 */
export function askMentoringCheckins(deps: ServiceDeps, opts: { manual: boolean }): { asked: number } {
  const now = deps.now();
  const tz = deps.settings.defaultTimezone;
  const today = localDate(now, tz);
  const month = today.slice(0, 7);
  if (!opts.manual && (!deps.calendar().isCompanyWorkday(today) || localClock(now, tz) < MENTORING_ASK_TIME)) return { asked: 0 };
  // confirmed before the month began (its first day in DEFAULT_TIMEZONE: a day's margin either way is fine for a monthly ask)
  const due = deps.db.all<{ id: number; goals: string; mentorId: number; menteeId: number; mentorName: string; menteeName: string; mentorLocale: string; menteeLocale: string; mentorActive: number; menteeActive: number }>(sql`
    select m.id, m.goals, m.mentor_id as mentorId, m.mentee_id as menteeId, a.name as mentorName, b.name as menteeName,
      a.locale as mentorLocale, b.locale as menteeLocale, a.active as mentorActive, b.active as menteeActive
    from mentorships m join people a on a.id = m.mentor_id join people b on b.id = m.mentee_id
    where m.status = 'active' and (${opts.manual ? 1 : 0} = 1 or substr(m.confirmed_at, 1, 7) < ${month})
      and not exists (select 1 from mentoring_checkins c where c.mentorship_id = m.id and c.month = ${month} and c.person_id = m.mentor_id)
    union
    select m.id, m.goals, m.mentor_id, m.mentee_id, a.name, b.name, a.locale, b.locale, a.active, b.active
    from mentorships m join people a on a.id = m.mentor_id join people b on b.id = m.mentee_id
    where m.status = 'active' and (${opts.manual ? 1 : 0} = 1 or substr(m.confirmed_at, 1, 7) < ${month})
      and not exists (select 1 from mentoring_checkins c where c.mentorship_id = m.id and c.month = ${month} and c.person_id = m.mentee_id)`);
  if (due.length === 0) return { asked: 0 };
  const insert = deps.db.$client.prepare<[number, number, string, string]>(
    `insert into mentoring_checkins (mentorship_id, person_id, month, asked_at) values (?, ?, ?, ?) on conflict do nothing returning id`,
  );
  return inTransaction(deps.db, () => {
    const items: OutboxItem[] = [];
    for (const m of due) {
      const sides = [
        { personId: m.menteeId, active: m.menteeActive, locale: m.menteeLocale, other: m.mentorName, key: 'mentoring.checkin.mentee' },
        { personId: m.mentorId, active: m.mentorActive, locale: m.mentorLocale, other: m.menteeName, key: 'mentoring.checkin.mentor' },
      ];
      for (const side of sides) {
        if (!side.active || !inPilot(deps, side.personId)) continue;
        const row = insert.get(m.id, side.personId, month, now.toISOString()) as { id: number } | undefined;
        if (!row) continue;
        const locale = asLocale(side.locale, deps.settings.defaultLocale);
        items.push({ dedupeKey: `mentoring-checkin:${m.id}:${side.personId}:${month}`, target: { kind: 'person', personId: side.personId }, message: { text: t(locale, side.key, { name: side.other, month, goals: m.goals }) } });
        enterMentoringFlow(deps, side.personId, row.id, true);
      }
    }
    enqueue(deps, items);
    return { asked: items.length };
  });
}
