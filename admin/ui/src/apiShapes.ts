// Shapes of the sign-in, My page, My team, HR overview and setup endpoints, as README's endpoint table gives them.
import type { GoalStatus } from './types';

/** GET /api/auth/methods */
export interface AuthMethods {
  password: boolean;
  chatLink: boolean;
  slack: boolean;
  wecom: boolean;
}

/** One answer of my standup; null for a question not answered yet. */
export interface MyAnswer {
  text: string | null;
  skipped: boolean;
  late: boolean;
  /** Who typed it for me (a name), or null when I did. */
  enteredBy: string | { name?: string; email?: string } | null;
}

/** GET/PUT /api/me/standup → `{standup}` */
export interface MyStandup {
  periodKey: string;
  open: boolean;
  closesAt: string;
  completed: boolean;
  late: boolean;
  excused: boolean;
  questions: { text: string; blocker: boolean }[];
  answers: (MyAnswer | null)[];
}

/** GET /api/me/goals → `{goals}` */
export interface MyGoal {
  id: number;
  title: string;
  level: string;
  unit: string;
  startValue: number;
  targetValue: number;
  currentValue: number;
  progress: number;
  expected: number;
  status: GoalStatus;
  nextCheckpoint: string | null;
  periodEnd: string;
}

/** GET /api/me/points */
export interface MyPoints {
  balance: number;
  month: string;
  score: number;
  rank: { rank: number; of: number } | null;
  redemptions: {
    id: number;
    rewardZh: string;
    rewardEn: string;
    cost: number;
    status: 'pending' | 'approved' | 'rejected';
    requestedAt: string;
    decidedAt: string | null;
    decisionNote: string | null;
  }[];
}

/** GET /api/progress-log → `{entries}` */
export interface LogEntry {
  week: string;
  personId: number;
  name: string;
  email: string;
  department: string | null;
  dueDate: string;
  completedAt: string | null;
  late: boolean;
  answers: { question: string; answer: string | null; skipped: boolean; late: boolean; editedAt: string | null }[];
}

export type MemberStatus = 'answered' | 'late' | 'missing' | 'excused' | 'not_asked';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['answered', 'late', 'missing', 'excused', 'not_asked'];

/** GET /api/team/week */
export interface TeamWeek {
  periodKey: string | null;
  open: boolean;
  members: {
    personId: number;
    name: string;
    email: string;
    department: string | null;
    managerName: string | null;
    status: MemberStatus;
    completedAt: string | null;
    nudgedToday: boolean;
  }[];
  blockers: { personId: number; name: string; text: string; at: string }[];
  overdue: { personId: number; name: string; goalId: number; goalTitle: string; dueDate: string }[];
  goals: {
    id: number;
    title: string;
    level: string;
    owner: { id: number; name: string } | null;
    progress: number;
    expected: number;
    status: GoalStatus;
    periodEnd: string;
  }[];
}
export type TeamMember = TeamWeek['members'][number];

/** GET /api/hr/overview */
export interface HrOverview {
  periodKey: string | null;
  asked: number;
  answered: number;
  late: number;
  missing: number;
  excused: number;
  departments: { path: string; asked: number; answered: number }[];
  pendingRedemptions: number;
  overdueCheckins: number;
  activePeople: number;
}

/** GET /api/setup/status */
export interface SetupStatus {
  people: number;
  departments: number;
  signIn: { chatLink: boolean; password: boolean; slack: boolean; wecom: boolean };
  platforms: { local: boolean; slack: boolean; wecom: boolean };
  publicUrl: string | null;
}
