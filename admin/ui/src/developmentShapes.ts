/** Shapes of the development-path and mentor API (/api/talent/…, /api/me/development). */
import type { MilestoneView } from '../../../bot/services/talent/development/listAssignments';
export type { MilestoneView };
export type { PathFigures, PathReport } from '../../../bot/services/talent/development/pathReport';
export type { MentorLoadRow as MentorLoad } from '../../../bot/services/talent/mentors/mentorLoad';
export type PathKind = 'rotation' | 'project' | 'course' | 'mentorship' | 'other';
export const PATH_KINDS: PathKind[] = ['rotation', 'project', 'course', 'mentorship', 'other'];

export interface Milestone {
  title: { 'zh-CN': string; en: string };
  offsetDays: number;
  description: string | null;
}

export interface PathTemplate {
  id: number;
  name: string;
  kind: PathKind;
  description: string | null;
  durationWeeks: number;
  milestones: Milestone[];
  archived: boolean;
  active: number;
}

export interface Assignment {
  id: number;
  pathId: number;
  path: string;
  kind: PathKind;
  person: { id: number; name: string; email: string; department: string | null };
  startDate: string;
  endDate: string;
  status: 'active' | 'completed' | 'cancelled';
  note: string | null;
  closeReason: string | null;
  milestones: MilestoneView[];
  completion: number | null;
  overdueMilestones: number;
}

export interface Reason {
  code: string;
  params: Record<string, string | number>;
}

export interface MentorProposal {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  reasons: Reason[];
  mentees: number;
  capacity: number;
  excluded: Reason[];
}

export interface Proposals {
  mentee: { id: number; name: string; department: string | null; skills: Record<string, number> };
  settings: { capacity: number; separateLine: boolean };
  current: { id: number; mentorId: number; mentorName: string } | null;
  proposals: MentorProposal[];
  excluded: MentorProposal[];
}

interface Side {
  id: number;
  name: string;
  email: string;
  department: string | null;
}

export interface Mentorship {
  id: number;
  mentor: Side;
  mentee: Side;
  goals: string;
  status: 'active' | 'ended';
  confirmedAt: string;
  endedAt: string | null;
  endReason: string | null;
  checkins: { month: string; personId: number; askedAt: string; answer: string | null; answeredAt: string | null }[];
}


export interface MyDevelopment {
  assignments: Assignment[];
  mentorships: { id: number; role: 'mentee' | 'mentor'; other: Side; goals: string; confirmedAt: string }[];
}
