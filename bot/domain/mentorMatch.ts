/**
 * Mentor matching (issue 16), pure: who could mentor a mentee, scored and explained, and who may not, with why.
 *
 * - Skills: a skill both have a score in (the talent profile's latest, grade points: A = 4 on S–D) where the mentor
 *   scores high (≥ `highScore`) counts the mentor's points, plus what the mentor is ahead of the mentee by.
 * - Seniority: half a point per year the mentor has been with the company longer than the mentee (hire date, else
 *   the directory entry's date), up to 5 points.
 * - Reporting line (when `separateLine`): nobody in the mentee's manager chain, nor anyone below the mentee.
 * - Capacity: a mentor with `capacity` active mentees is never proposed; the reason names both numbers.
 * Someone without a shared high skill is not a candidate at all (and is not listed). Proposals are sorted by score,
 * then by seniority, then by id, so the same facts always give the same order.
 */

export interface MentorFacts {
  personId: number;
  name: string;
  department: string | null;
  /** Hire date (or directory entry date), YYYY-MM-DD. */
  since: string;
  /** Latest score per skill (grade points). */
  skills: Record<string, number>;
  activeMentees: number;
  /** The candidate is the mentee's manager at some level. */
  inMenteeChain: boolean;
  /** The candidate reports to the mentee (at some depth). */
  belowMentee: boolean;
}

export interface MenteeFacts {
  personId: number;
  since: string;
  skills: Record<string, number>;
}

export interface MatchSettings {
  capacity: number;
  separateLine: boolean;
  /** Grade points from which a skill is "high" (4: A or above on S–D). */
  highScore?: number;
  /** Today (YYYY-MM-DD): years of service are counted to it. */
  today: string;
}

export type MatchReason =
  | { code: 'shared_skill'; params: { skill: string; mentor: number; mentee: number } }
  | { code: 'seniority'; params: { years: number } };

export type Exclusion =
  | { code: 'at_capacity'; params: { mentees: number; capacity: number } }
  | { code: 'manager_chain'; params: Record<string, never> }
  | { code: 'reports_to_mentee'; params: Record<string, never> };

export interface MentorProposal {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  reasons: MatchReason[];
  mentees: number;
  capacity: number;
  /** Empty for a proposal; why not, for someone who would otherwise match. */
  excluded: Exclusion[];
}

const YEAR_MS = 365.25 * 86_400_000;
const yearsBetween = (from: string, to: string) => Math.max(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / YEAR_MS);

export function matchMentors(mentee: MenteeFacts, candidates: MentorFacts[], settings: MatchSettings): { proposals: MentorProposal[]; excluded: MentorProposal[] } {
  const high = settings.highScore ?? 4;
  const menteeYears = yearsBetween(mentee.since, settings.today);
  const scored: (MentorProposal & { years: number })[] = [];
  for (const c of candidates) {
    if (c.personId === mentee.personId) continue;
    const reasons: MatchReason[] = [];
    let score = 0;
    for (const skill of Object.keys(mentee.skills).sort()) {
      const mine = c.skills[skill];
      if (mine === undefined || mine < high) continue;
      score += mine + Math.max(0, mine - mentee.skills[skill]);
      reasons.push({ code: 'shared_skill', params: { skill, mentor: mine, mentee: mentee.skills[skill] } });
    }
    if (reasons.length === 0) continue;
    const years = yearsBetween(c.since, settings.today);
    const more = Math.round((years - menteeYears) * 10) / 10;
    if (more > 0) {
      score += Math.min(5, more / 2);
      reasons.push({ code: 'seniority', params: { years: more } });
    }
    const excluded: Exclusion[] = [];
    if (settings.separateLine && c.inMenteeChain) excluded.push({ code: 'manager_chain', params: {} });
    if (settings.separateLine && c.belowMentee) excluded.push({ code: 'reports_to_mentee', params: {} });
    if (c.activeMentees >= settings.capacity) excluded.push({ code: 'at_capacity', params: { mentees: c.activeMentees, capacity: settings.capacity } });
    scored.push({ personId: c.personId, name: c.name, department: c.department, score: Math.round(score * 10) / 10, reasons, mentees: c.activeMentees, capacity: settings.capacity, excluded, years });
  }
  scored.sort((a, b) => b.score - a.score || b.years - a.years || a.personId - b.personId);
  const strip = ({ years: _years, ...p }: MentorProposal & { years: number }): MentorProposal => p;
  return { proposals: scored.filter((p) => p.excluded.length === 0).map(strip), excluded: scored.filter((p) => p.excluded.length > 0).map(strip) };
}
