import { sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';

export interface MentorLoadRow {
  mentorId: number;
  name: string;
  department: string | null;
  mentees: number;
  capacity: number;
  /** mentees / capacity. */
  load: number;
  ended: number;
}

/** Mentees per mentor against the capacity (everyone who mentors or has mentored): one grouped query. */
export function mentorLoad(db: Db, capacity: number): MentorLoadRow[] {
  return db
    .all<Omit<MentorLoadRow, 'capacity' | 'load'>>(sql`
      select m.mentor_id as mentorId, p.name, d.path as department,
        sum(case when m.status = 'active' then 1 else 0 end) as mentees, sum(case when m.status = 'ended' then 1 else 0 end) as ended
      from mentorships m join people p on p.id = m.mentor_id left join departments d on d.id = p.department_id
      group by m.mentor_id order by mentees desc, p.name`)
    .map((r) => ({ ...r, capacity, load: Math.round((r.mentees / capacity) * 1000) / 1000 }));
}
