import type { Db } from '../../db/client';
import type { WorkCalendar } from '../domain/calendar';
import type { StandupTimes } from '../domain/standupSchedule';
import type { Locale } from '../i18n';
import type { Logger } from '../logger';
import type { DeliveryTarget } from '../platform/port';
import type { RoutingOptions } from '../domain/chatRouting';
import type { WecomIdentify } from './auth/wecomSignIn';
import type { DirectorySource } from './people/directory';
import type { SlackDmOpener } from './people/openSlackDms';
import type { IntegrationDefaults } from './integrations/connector';
import type { StandupOverride } from '../domain/companySettings';
import type { OutboxDeps, OutboxItem } from '../outbox/enqueue';

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
  /** Base of links sent in chat and OAuth redirects, without a trailing slash: PUBLIC_URL, or http://localhost:<port> once listening. */
  publicUrl: string;
  /** digestChannel: where a closed round's answers also go, in one thread (optional); enabled: false asks nobody. */
  standup: StandupTimes & { questions: StandupQuestion[]; digestChannel?: string; enabled?: boolean };
  /** Departments with their own standup (questions, day, times, channel, on/off); the nearest one applies. */
  standupOverrides?: StandupOverride[];
  /** The pilot: only people in these departments (and below) are asked, reminded, escalated or earn points; null/absent: everyone. */
  pilot?: string[] | null;
  /** developmentCheckin: a development milestone's on-time check-in (absent: DEVELOPMENT_DEFAULTS). */
  points: { standupOnTime: number; checkinOnTime: number; developmentCheckin?: number };
  /** Mentor matching: max active mentees per mentor, and whether the mentor must be outside the mentee's line. */
  mentoring?: { capacity: number; separateLine: boolean };
  leaderboard: { time: string; topPercent: number; announceChannel: string };
  /**
   * Reviews: the monthly cycle opens on the month's last working day at openTime (DEFAULT_TIMEZONE); managers are
   * asked for their own self-review managerLeadDays working days before their reports; a self-review not done after
   * remindAfterDays working days is reminded once, and the manager is told by the escalation ladder's rule.
   */
  reviews: { openTime: string; managerLeadDays: number; remindAfterDays: number; appealDays: number; appealResponseDays: number; questions: { en: string; 'zh-CN': string }[] };
  /** Talent (issue 16): people see their own profile only when this is on (absent: off). */
  talent?: { profileVisibleToSelf: boolean };
}

/** What every use case gets: the database, the clock, the calendar, settings and the outbox routing. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  calendar: () => WorkCalendar;
  settings: Settings;
  route: (target: DeliveryTarget) => string;
  /** Which chat platforms are connected (the routing's switches). */
  chatPlatforms: RoutingOptions;
  log: Logger;
  /** Platforms that deliver one identical message to many people per call (WeCom); fan-outs send them an impersonal message. */
  batchingPlatforms?: ReadonlySet<string>;
  /** Who a WeCom OAuth code belongs to (the WeCom plugin's one qyapi client), when WeCom is connected. */
  wecomUsers?: WecomIdentify;
  /** The company directory of a chat platform, when one is connected (contacts-sync). */
  directory?: DirectorySource;
  /** Opens Slack DM channels ahead of the first message (the slack-dm-open job), when Slack is connected. */
  slackDms?: SlackDmOpener;
  /** The integrations' first-start settings from env (JIRA_WEBHOOK_SECRET, CRM_*…); the console overrides them. */
  integrationDefaults?: IntegrationDefaults;
  /**
   * enqueue() that delivers at once what may go now to an in-process platform (the local chat), in the caller's
   * transaction (bot/outbox/deliverAtEnqueue.ts): the dispatcher's, set by the app. Fan-outs use it when present.
   */
  deliverAtEnqueue?: { enqueue(deps: OutboxDeps, items: readonly OutboxItem[]): number };
  /** This instance's name in job leases (see bot/instance.ts); one per process when not given. */
  instance?: string;
}
