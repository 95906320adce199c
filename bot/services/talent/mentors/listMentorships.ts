import { sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';

export interface MentorshipView {
  id: number;
  mentor: { id: number; name: string; email: string; department: string | null };
  mentee: { id: number; name: string; email: string; department: string | null };
  goals: string;
  status: 'active' | 'ended';
  confirmedAt: string;
  endedAt: string | null;
  endReason: string | null;
  /** The monthly check-ins, newest first: who was asked, when, and what they answered (null: not yet). */
  checkins: { month: string; personId: number; askedAt: string; answer: string | null; answeredAt: string | null }[];
}

/** Pairings (optionally of the people `personIds` names, as mentor or mentee) with their check-ins: two queries. */
export function listMentorships(db: Db, filter: { personIds: number[] | null; status?: string }): MentorshipView[] {
  const scope = filter.personIds ? JSON.stringify(filter.personIds) : null;
  const rows = db.all<{ id: number; goals: string; status: 'active' | 'ended'; confirmedAt: string; endedAt: string | null; endReason: string | null; mentorId: number; mentorName: string; mentorEmail: string; mentorDept: string | null; menteeId: number; menteeName: string; menteeEmail: string; menteeDept: string | null }>(sql`
    select m.id, m.goals, m.status, m.confirmed_at as confirmedAt, m.ended_at as endedAt, m.end_reason as endReason,
      a.id as mentorId, a.name as mentorName, a.email as mentorEmail, da.path as mentorDept,
      b.id as menteeId, b.name as menteeName, b.email as menteeEmail, db.path as menteeDept
    from mentorships m join people a on a.id = m.mentor_id join people b on b.id = m.mentee_id
    left join departments da on da.id = a.department_id left join departments db on db.id = b.department_id
    where (${scope} is null or m.mentor_id in (select value from json_each(${scope})) or m.mentee_id in (select value from json_each(${scope})))
      and (${filter.status ?? null} is null or m.status = ${filter.status ?? null})
    order by m.status = 'active' desc, m.confirmed_at desc`);
  if (rows.length === 0) return [];
  const checkins = db.all<MentorshipView['checkins'][number] & { mentorshipId: number }>(sql`
    select mentorship_id as mentorshipId, month, person_id as personId, asked_at as askedAt, answer, answered_at as answeredAt
    from mentoring_checkins where mentorship_id in (select value from json_each(${JSON.stringify(rows.map((r) => r.id))}))
    order by month desc, id`);
  return rows.map((r) => ({
    id: r.id,
    mentor: { id: r.mentorId, name: r.mentorName, email: r.mentorEmail, department: r.mentorDept },
    mentee: { id: r.menteeId, name: r.menteeName, email: r.menteeEmail, department: r.menteeDept },
    goals: r.goals,
    status: r.status,
    confirmedAt: r.confirmedAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
    checkins: checkins.filter((c) => c.mentorshipId === r.id).map(({ mentorshipId: _m, ...c }) => c),
  }));
}
