import { api } from '../api';
import { keyedResource } from './keyedResource';
import type { NineBoxCell, NineBoxHistory } from '../../../../bot/services/talent/nineBoxHistory';
export type { NineBoxCell, NineBoxHistory };

export type NineBoxLevel = 'high' | 'medium' | 'low';

export interface TalentProfileData {
  personId: number;
  results: { cycleId: number; cycleName: string; kind: string; periodStart: string; periodEnd: string; grade: string; points: number; managerGrade: string | null; potential: number | null }[];
  years: { year: number; cycleId: number; grade: string; points: number }[];
  goals: { periods: { period: string; attainment: number }[]; mean: number | null; variance: number | null };
  onTimeRate: number | null;
  collaboration: { sharedGoals: number; projects: number };
  skills: { skill: string; scores: { cycleId: number; periodEnd: string; points: number }[]; latest: number; mean: number }[];
  potential: number | null;
}

/** GET /api/talent/people/:id/profile */
export interface ProfileView {
  person: { id: number; name: string; email: string; department: string | null; jobFunction: string; active: boolean };
  profile: TalentProfileData;
  boxes: { cycleId: number; cycleName: string; performance: NineBoxLevel | null; potential: NineBoxLevel | null }[];
  scale: { key: string; points: number }[];
  window: { from: string; to: string };
  explanation: string[];
}

/** GET /api/talent/nine-box */
export const talentProfile = keyedResource((personId: number) => api.get<ProfileView>(`/api/talent/people/${personId}/profile`));

/** Keyed by the query string (`kind=annual&department=…`): each filter combination loads once. */
export const nineBox = keyedResource((query: string) => api.get<NineBoxHistory>(`/api/talent/nine-box${query ? `?${query}` : ''}`));

export const talentPersonHref = (id: number): string => `#/talent/person/${id}`;
