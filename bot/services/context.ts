import type { Db } from '../../db/client';
import type { WorkCalendar } from '../domain/calendar';
import type { StandupTimes } from '../domain/standupSchedule';
import type { Locale } from '../i18n';
import type { Logger } from '../logger';
import type { DeliveryTarget } from '../platform/port';

export interface StandupQuestion {
  en: string;
  'zh-CN': string;
  /** The "obstacles" question: a real answer alerts the manager at once. */
  blocker?: boolean;
}

export interface Settings {
  defaultTimezone: string;
  defaultLocale: Locale;
  graceMinutes: number;
  standup: StandupTimes & { questions: StandupQuestion[] };
  points: { standupOnTime: number; checkinOnTime: number };
  leaderboard: { time: string; topPercent: number; announceChannel: string };
}

/** What every use case gets: the database, the clock, the calendar, settings and the outbox routing. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  calendar: () => WorkCalendar;
  settings: Settings;
  route: (target: DeliveryTarget) => string;
  log: Logger;
}
