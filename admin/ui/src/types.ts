// Shapes the server sends, taken from the server's own types (type-only: nothing of the server is bundled).
export type { MessageButton, MessageField } from '../../../bot/platform/port';
export type { LeaderboardRow } from '../../../bot/services/points/leaderboard';
export type { GoalView } from '../../../bot/services/goals/goalQueries';
export type { RateCell, WeekRate } from '../../../bot/services/goals/updateRate';
export type { GoalStatus } from '../../../bot/domain/goalProgress';
export type { NationalDay } from '../../../bot/domain/nationalDays';
export type { NationalCalendar } from '../../../bot/services/calendar/nationalCalendar';
import type { MessageButton, MessageField } from '../../../bot/platform/port';
import type { LeaderboardRow } from '../../../bot/services/points/leaderboard';
import type { GoalView } from '../../../bot/services/goals/goalQueries';
import type { GoalStatus } from '../../../bot/domain/goalProgress';
import type { listHolidays, listLeaves } from '../../../bot/services/calendar/calendarAdmin';

export type Role = 'employee' | 'manager' | 'hr' | 'admin';
/** The page a user lands on after signing in. */
export type Landing = 'me' | 'team' | 'hr' | 'setup';

export interface User {
  id: string | number;
  email: string;
  name: string;
  role: Role | string;
  locale?: string;
  /** The person this account is (null for an account that is nobody in the directory, e.g. the first admin). */
  personId?: number | null;
  /** Has reports. */
  isManager?: boolean;
  landing?: Landing;
  hasPassword?: boolean;
  /** GET /api/auth/me: the person may open their own talent profile (HR and managers always may; others when the company allows it). */
  talentProfileVisible?: boolean;
}

/** Where a person is reached: the built-in chat, Slack or WeCom. */
export type Platform = 'local' | 'slack' | 'wecom';

export interface Person {
  id: string | number;
  name: string;
  email: string;
  department?: string | null;
  role?: string;
  locale?: string;
  platform?: Platform;
}

export interface ChatMessage {
  id: string | number;
  from: 'bot' | 'person';
  text: string;
  fields?: MessageField[];
  buttons?: MessageButton[];
  createdAt: string | number;
  /** Who typed this person-message for them in the console (admin/HR: an e-mail), or null/absent. */
  typedBy?: string | null;
  /** The message carried a secret (a sign-in link) hidden from this reader; `text` is then empty. */
  redacted?: boolean;
}

export interface SystemWarning {
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

export interface LeaderboardSnapshot {
  month: string;
  takenAt: string;
  population: number;
  cutoffScore: number | null;
  /** The first page of entries in place order (500 unless asked otherwise); `total` ranked in all. */
  entries: (LeaderboardRow & { top: boolean })[];
  total?: number;
  nextOffset?: number | null;
}

export type RewardKind = 'gift' | 'time_off';

export interface Reward {
  id: number;
  nameZh: string;
  nameEn: string;
  cost: number;
  kind: RewardKind;
  hours: number | null;
  stock: number | null;
  active: boolean;
}

/** The body of POST /api/rewards and PUT /api/rewards/:id. */
export interface RewardInput {
  nameZh: string;
  nameEn: string;
  cost: number | null;
  kind: RewardKind;
  hours?: number | null;
  stock?: number | null;
  active?: boolean;
}

export type RedemptionStatus = 'pending' | 'approved' | 'rejected';

export interface Redemption {
  id: number;
  status: RedemptionStatus;
  cost: number;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  personId: number;
  name: string;
  email: string;
  rewardId: number;
  rewardZh: string;
  rewardEn: string;
  kind: RewardKind;
  hours: number | null;
  /** The policy's answer for this reader: false for one's own request (own_redemption). */
  canDecide: boolean;
}

export interface GoalCheckpoint {
  id: number;
  goalId: number;
  dueDate: string;
  checkedInAt: string | null;
  onTime: boolean | null;
}

export interface GoalCheckIn {
  id?: number;
  value: number;
  status: GoalStatus;
  /** null also when the note is private to the owner's manager chain and HR (`notePrivate`). */
  note: string | null;
  notePrivate?: boolean;
  onTime: boolean;
  /** Written by the metric store for a key result that follows a metric (no checkpoint, no point). */
  auto?: boolean;
  /** For an auto check-in: the metric source(s) ("jira", "crm, manual"). */
  source?: string | null;
  at: string;
  personId: number;
}

export interface GoalRevision {
  id?: number;
  actor: string;
  at: string;
  /** field → [before, after]; a goal's first revision has every field with before = null. */
  changes: Record<string, [unknown, unknown]>;
  reason: string | null;
}

/** GET /api/goals/:id */
export interface GoalDetail {
  goal: GoalView | undefined;
  checkpoints: GoalCheckpoint[];
  checkIns: GoalCheckIn[];
  revisions: GoalRevision[];
  /** The reader may adjust this goal (the access policy's answer). */
  canEdit: boolean;
}

/** The body of PATCH /api/goals/:id (only what changes, plus the required reason). */
export interface GoalPatch {
  reason: string;
  targetValue?: number;
  weight?: number;
  ownerEmail?: string;
  periodEnd?: string;
  /** A metric key the key result follows, or null to stop following one. */
  metric?: string | null;
}

export type FurtherTo = 'skip_level' | 'hr';

export interface LadderRule {
  remindBeforeDays: number;
  remindOnDueDay: boolean;
  managerAfterDays: number;
  furtherAfterDays: number | null;
  furtherTo: FurtherTo;
  workStart: string;
  workEnd: string;
}

export interface EscalationRules {
  company: LadderRule;
  departments: (LadderRule & { department: string })[];
}

/** A company day on top of the national calendar: an extra day off, or an extra working day (make-up day). */
export type Holiday = ReturnType<typeof listHolidays>[number];
export type HolidayKind = Holiday['kind'];

/** One person's leave, inclusive dates, as GET /api/leaves lists it. */
export type Leave = ReturnType<typeof listLeaves>[number];

/** The body of POST /api/leaves. */
export interface LeaveInput {
  email: string;
  startDate: string;
  endDate: string;
  reason?: string;
}
