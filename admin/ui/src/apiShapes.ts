// Shapes of the sign-in, My page, My team, HR overview and setup endpoints: the server's own types where it has
// them (type-only: nothing of the server is bundled), else as README's endpoint table gives them.
import type { myRedemptions } from '../../../bot/services/points/rewards';
import type { GoalStatus } from './types';

/** GET /api/auth/methods */
export interface AuthMethods {
  password: boolean;
  chatLink: boolean;
  slack: boolean;
  wecom: boolean;
}

/** GET/PUT /api/me/standup → `{standup}` */
export type { MyStandup } from '../../../bot/services/standup/myStandup';
import type { MyStandup } from '../../../bot/services/standup/myStandup';
/** One answer of my standup; null for a question not answered yet. `enteredBy`: who typed it for me (e-mail). */
export type MyAnswer = MyStandup['answers'][number];

/** GET /api/me/goals → `{goals}` */
export interface MyGoal {
  id: number;
  title: string;
  level: string;
  /** development: a milestone of a development path (labelled as such). */
  kind: 'performance' | 'development';
  unit: string;
  startValue: number;
  targetValue: number;
  currentValue: number;
  progress: number;
  expected: number;
  status: GoalStatus;
  nextCheckpoint: string | null;
  periodEnd: string;
  /** The metric this key result follows (its value moves by itself), or null. */
  metric: string | null;
}

/** GET /api/me/points */
export interface MyPoints {
  balance: number;
  month: string;
  score: number;
  rank: { rank: number; of: number } | null;
  redemptions: ReturnType<typeof myRedemptions>;
}

/** GET /api/progress-log → `{entries}` */
export type { LogEntry } from '../../../bot/services/standup/progressLog';

/** GET /api/team/week */
export type { MemberStatus, TeamWeek } from '../../../bot/services/people/teamWeek';
import type { MemberStatus, TeamWeek } from '../../../bot/services/people/teamWeek';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['answered', 'late', 'missing', 'excused', 'not_asked'];
export type TeamMember = TeamWeek['members'][number];

/** GET /api/hr/overview */
export type { HrOverview } from '../../../bot/services/people/hrOverview';

/** GET /api/setup/status */
export interface SetupStatus {
  people: number;
  departments: number;
  signIn: { chatLink: boolean; password: boolean; slack: boolean; wecom: boolean };
  platforms: { local: boolean; slack: boolean; wecom: boolean };
  publicUrl: string | null;
}
