import { slackEnabled, type Config } from './config';
import { DEVELOPMENT_DEFAULTS, type CompanySettings } from './domain/companySettings';
import { t } from './i18n';
import type { Settings } from './services/context';

/** Settings the use cases run with before the database has any: from config (the questions come from locales/). */
export function settingsFrom(config: Config): Settings {
  return withCompanySettings(processSettingsFrom(config), initialCompanySettings(config));
}

export function processSettingsFrom(config: Config): ProcessSettings {
  return {
    defaultTimezone: config.DEFAULT_TIMEZONE,
    defaultLocale: config.DEFAULT_LOCALE,
    graceMinutes: config.SCHEDULER_GRACE_MINUTES,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    reviewQuestions: (['review.self.q1', 'review.self.q2', 'review.self.q3'] as const).map((key) => ({ en: t('en', key), 'zh-CN': t('zh-CN', key) })),
    slack: slackEnabled(config),
  };
}

/** The first start's company settings, from the environment: written to the database once, then edited there. */
export function initialCompanySettings(config: Config): CompanySettings {
  return {
    standup: {
      enabled: true,
      questions: (['standup.q1', 'standup.q2', 'standup.q3'] as const).map((key, i) => ({
        'zh-CN': t('zh-CN', key),
        en: t('en', key),
        ...(i === 1 ? { blocker: true } : {}),
      })),
      weekday: config.STANDUP_WEEKDAY,
      promptTime: config.STANDUP_PROMPT_TIME,
      reminderTime: config.STANDUP_REMINDER_TIME,
      closeWeekday: config.STANDUP_CLOSE_WEEKDAY,
      closeTime: config.STANDUP_CLOSE_TIME,
      digestChannel: config.SLACK_DIGEST_CHANNEL ?? null,
    },
    standupOverrides: [],
    points: { standupOnTime: config.POINTS_STANDUP_ON_TIME, checkinOnTime: config.POINTS_CHECKIN_ON_TIME, developmentCheckin: DEVELOPMENT_DEFAULTS.developmentCheckin },
    leaderboard: { time: config.LEADERBOARD_TIME, topPercent: config.LEADERBOARD_TOP_PERCENT, announceChannel: config.ANNOUNCE_CHANNEL },
    reviews: {
      openTime: config.REVIEW_OPEN_TIME,
      managerLeadDays: config.REVIEW_MANAGER_LEAD_DAYS,
      remindAfterDays: config.REVIEW_REMIND_AFTER_DAYS,
      appealDays: config.APPEAL_WINDOW_DAYS,
      appealResponseDays: config.APPEAL_RESPONSE_DAYS,
    },
    mentoring: { ...DEVELOPMENT_DEFAULTS.mentoring },
    pilot: { departments: null },
    talent: { profileVisibleToSelf: false },
  };
}

/** What the process knows that the console does not edit. */
export interface ProcessSettings {
  defaultTimezone: string;
  defaultLocale: Settings['defaultLocale'];
  graceMinutes: number;
  publicUrl: string;
  reviewQuestions: Settings['reviews']['questions'];
  /** Is Slack connected? The thread digest is a Slack feature: without Slack a channel would get a flood instead. */
  slack: boolean;
}

/** The settings use cases read: the process's own plus the company's as stored. */
export function withCompanySettings(base: ProcessSettings, company: CompanySettings): Settings {
  const { digestChannel, ...standup } = company.standup;
  return {
    defaultTimezone: base.defaultTimezone,
    defaultLocale: base.defaultLocale,
    graceMinutes: base.graceMinutes,
    publicUrl: base.publicUrl,
    standup: { ...standup, digestChannel: base.slack ? (digestChannel ?? undefined) : undefined },
    standupOverrides: company.standupOverrides.map((o) => ({ ...o, digestChannel: base.slack ? o.digestChannel : null })),
    pilot: company.pilot.departments,
    points: { ...company.points, developmentCheckin: company.points.developmentCheckin ?? DEVELOPMENT_DEFAULTS.developmentCheckin },
    mentoring: { ...DEVELOPMENT_DEFAULTS.mentoring, ...company.mentoring },
    leaderboard: { ...company.leaderboard },
    reviews: { ...company.reviews, questions: base.reviewQuestions },
    talent: { ...company.talent },
  };
}
