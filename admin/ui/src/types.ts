export interface User {
  id: string | number;
  email: string;
  name: string;
  role: string;
  locale?: string;
}

export interface Person {
  id: string | number;
  name: string;
  email: string;
  department?: string | null;
  role?: string;
  locale?: string;
}

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface ChatMessage {
  id: string | number;
  from: 'bot' | 'person';
  text: string;
  fields?: MessageField[];
  buttons?: MessageButton[];
  createdAt: string | number;
}

export interface SystemWarning {
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

export interface LeaderboardRow {
  personId: number;
  name: string;
  department: string | null;
  score: number;
  rank: number;
}

export interface LeaderboardSnapshot {
  month: string;
  takenAt: string;
  population: number;
  cutoffScore: number | null;
  entries: (LeaderboardRow & { top: boolean })[];
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
}
