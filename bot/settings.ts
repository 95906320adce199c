import { slackEnabled, type Config } from './config';
import { t } from './i18n';
import type { Settings } from './services/context';

/** Settings the use cases run with, derived once from config (the three questions come from locales/). */
export function settingsFrom(config: Config): Settings {
  return {
    defaultTimezone: config.DEFAULT_TIMEZONE,
    defaultLocale: config.DEFAULT_LOCALE,
    graceMinutes: config.SCHEDULER_GRACE_MINUTES,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    standup: {
      weekday: config.STANDUP_WEEKDAY,
      promptTime: config.STANDUP_PROMPT_TIME,
      reminderTime: config.STANDUP_REMINDER_TIME,
      closeWeekday: config.STANDUP_CLOSE_WEEKDAY,
      closeTime: config.STANDUP_CLOSE_TIME,
      questions: (['standup.q1', 'standup.q2', 'standup.q3'] as const).map((key, i) => ({
        en: t('en', key),
        'zh-CN': t('zh-CN', key),
        ...(i === 1 ? { blocker: true } : {}),
      })),
      // The thread digest is a Slack feature: without Slack the channel would get a flood instead.
      digestChannel: slackEnabled(config) ? config.SLACK_DIGEST_CHANNEL : undefined,
    },
    points: { standupOnTime: config.POINTS_STANDUP_ON_TIME, checkinOnTime: config.POINTS_CHECKIN_ON_TIME },
    leaderboard: { time: config.LEADERBOARD_TIME, topPercent: config.LEADERBOARD_TOP_PERCENT, announceChannel: config.ANNOUNCE_CHANNEL },
    reviews: {
      openTime: config.REVIEW_OPEN_TIME,
      managerLeadDays: config.REVIEW_MANAGER_LEAD_DAYS,
      remindAfterDays: config.REVIEW_REMIND_AFTER_DAYS,
      appealDays: config.APPEAL_WINDOW_DAYS,
      appealResponseDays: config.APPEAL_RESPONSE_DAYS,
      questions: (['review.self.q1', 'review.self.q2', 'review.self.q3'] as const).map((key) => ({ en: t('en', key), 'zh-CN': t('zh-CN', key) })),
    },
  };
}
