import { sql } from 'drizzle-orm';
import { DEVELOPMENT_DEFAULTS } from '../../../domain/companySettings';
import { localDate } from '../../../domain/localTime';
import { matchMentors, type MentorFacts, type MentorProposal } from '../../../domain/mentorMatch';
import type { TalentProfile } from '../../../domain/talentProfile';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';

/** The talent profiles of many people (talent/talentProfiles.ts; a parameter so the pure parts test alone). */
export type ProfilesOf = (deps: ServiceDeps, personIds: number[]) => Map<number, TalentProfile>;

export interface MentorProposals {
  mentee: { id: number; name: string; department: string | null; skills: Record<string, number> };
  settings: { capacity: number; separateLine: boolean };
  /** The current mentorship of the mentee, if any. */
  current: { id: number; mentorId: number; mentorName: string } | null;
  proposals: MentorProposal[];
  excluded: MentorProposal[];
}

const latestSkills = (p: TalentProfile | undefined): Record<string, number> => Object.fromEntries((p?.skills ?? []).map((s) => [s.skill, s.latest]));

/**
 * Mentors proposed for a person (HR): every active person with a high score in a skill the mentee has, scored and
 * explained by `matchMentors`; those the reporting line or their capacity rules out are listed apart with the reason.
 * A handful of queries: the people with their hire dates, the mentee's chain and subtree, mentee counts, profiles.
 */
export function mentorProposals(deps: ServiceDeps, menteeId: number, profilesOf: ProfilesOf): MentorProposals {
  const settings = { ...DEVELOPMENT_DEFAULTS.mentoring, ...deps.settings.mentoring };
  const people = deps.db.all<{ id: number; name: string; department: string | null; since: string; active: number }>(sql`
    select p.id, p.name, d.path as department, coalesce(p.hired_on, substr(p.created_at, 1, 10)) as since, p.active
    from people p left join departments d on d.id = p.department_id where p.active = 1 or p.id = ${menteeId}`);
  const mentee = people.find((p) => p.id === menteeId);
  if (!mentee || !mentee.active) throw new AppError('not_found', 'No such active person.', { status: 404 });
  const chain = new Set(deps.db.all<{ id: number }>(sql`
    with recursive up(id) as (select manager_id from people where id = ${menteeId} union select p.manager_id from people p join up on p.id = up.id)
    select id from up where id is not null`).map((r) => r.id));
  const below = new Set(deps.db.all<{ id: number }>(sql`
    with recursive down(id) as (select id from people where manager_id = ${menteeId} union select p.id from people p join down on p.manager_id = down.id)
    select id from down`).map((r) => r.id));
  const load = new Map(deps.db.all<{ mentorId: number; n: number }>(sql`select mentor_id as mentorId, count(*) as n from mentorships where status = 'active' group by mentor_id`).map((r) => [r.mentorId, r.n]));
  const profiles = profilesOf(deps, people.map((p) => p.id));
  const candidates: MentorFacts[] = people
    .filter((p) => p.active && p.id !== menteeId)
    .map((p) => ({ personId: p.id, name: p.name, department: p.department, since: p.since, skills: latestSkills(profiles.get(p.id)), activeMentees: load.get(p.id) ?? 0, inMenteeChain: chain.has(p.id), belowMentee: below.has(p.id) }));
  const menteeSkills = latestSkills(profiles.get(menteeId));
  const result = matchMentors({ personId: menteeId, since: mentee.since, skills: menteeSkills }, candidates, { ...settings, today: localDate(deps.now(), deps.settings.defaultTimezone) });
  const current = deps.db.get<{ id: number; mentorId: number; mentorName: string } | undefined>(sql`
    select m.id, m.mentor_id as mentorId, p.name as mentorName from mentorships m join people p on p.id = m.mentor_id where m.mentee_id = ${menteeId} and m.status = 'active'`);
  return {
    mentee: { id: mentee.id, name: mentee.name, department: mentee.department, skills: menteeSkills },
    settings,
    current: current ?? null,
    proposals: result.proposals.slice(0, 10),
    excluded: result.excluded.slice(0, 10),
  };
}
