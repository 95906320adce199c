import { signal } from '@preact/signals';
import { api } from '../api';

export interface Question {
  'zh-CN': string;
  en: string;
  blocker?: boolean;
}

export interface StandupSettings {
  enabled: boolean;
  questions: Question[];
  weekday: number;
  promptTime: string;
  reminderTime: string;
  closeWeekday: number;
  closeTime: string;
  digestChannel: string | null;
}

export interface StandupOverride {
  department: string;
  enabled?: boolean;
  questions?: Question[];
  weekday?: number;
  promptTime?: string;
  reminderTime?: string;
  digestChannel?: string | null;
}

/** GET /api/settings. */
export interface CompanySettings {
  standup: StandupSettings;
  standupOverrides: StandupOverride[];
  points: { standupOnTime: number; checkinOnTime: number; developmentCheckin?: number };
  leaderboard: { time: string; topPercent: number; announceChannel: string };
  reviews: { openTime: string; managerLeadDays: number; remindAfterDays: number; appealDays: number; appealResponseDays: number };
  /** Mentor matching (issue 16): max active mentees per mentor; the mentor outside the mentee's reporting line. */
  mentoring?: { capacity: number; separateLine: boolean };
  pilot: { departments: string[] | null };
  talent: { profileVisibleToSelf: boolean };
  version: number;
  updatedAt: string;
  updatedBy: string;
  departments: string[];
}

export type SettingsPatch = Partial<Pick<CompanySettings, 'standupOverrides' | 'pilot'>> & {
  standup?: Partial<StandupSettings>;
  points?: Partial<CompanySettings['points']>;
  leaderboard?: Partial<CompanySettings['leaderboard']>;
  reviews?: Partial<CompanySettings['reviews']>;
  mentoring?: Partial<NonNullable<CompanySettings['mentoring']>>;
  talent?: Partial<CompanySettings['talent']>;
};

export const settings = signal<CompanySettings | null>(null);
export const settingsError = signal<unknown>(null);

export async function loadSettings(): Promise<void> {
  try {
    settings.value = await api.get<CompanySettings>('/api/settings');
    settingsError.value = null;
  } catch (err) {
    settingsError.value = err;
  }
}

/** PATCH /api/settings; the answer is the settings as stored. Throws the server's problems (400) to the form. */
export async function saveSettings(patch: SettingsPatch): Promise<CompanySettings> {
  const next = await api.patch<CompanySettings>('/api/settings', patch);
  settings.value = next;
  return next;
}
