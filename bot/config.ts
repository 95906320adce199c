import { z } from 'zod';

/** Every key of the external contract (see .env.example). Read once at start; all problems reported together. */
const optional = z.string().trim().min(1).optional();
const boolSwitch = z.enum(['on', 'off']);
/** A key holding JSON, checked against `shape` (e.g. WECOM_JOB_FUNCTIONS). */
const jsonObject = <T extends z.ZodType>(shape: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(shape);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/perf.db'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  DEMO_DATA: boolSwitch.default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ADMIN_EMAIL: z.email().default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** The address people reach the console at, for links sent in chat and OAuth redirects; default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Failed password sign-ins per account, and sign-in requests per IP, allowed in 15 minutes. */
  SIGNIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  /** Behind a reverse proxy: how many proxies to trust for the client's address (X-Forwarded-For); 0 = none. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** on: Secure cookies and HSTS; off: neither; unset: on when NODE_ENV=production and PUBLIC_URL is https (see servedOverHttps). */
  COOKIE_SECURE: boolSwitch.optional(),
  /** Only read to decide the COOKIE_SECURE default. */
  NODE_ENV: z.string().optional(),
  SCHEDULER: boolSwitch.default('on'),
  SCHEDULER_GRACE_MINUTES: z.coerce.number().int().min(0).default(720),
  DISPATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  DISPATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  LOCAL_RATE_PER_SECOND: z.coerce.number().positive().default(100000),
  STANDUP_WEEKDAY: z.coerce.number().int().min(1).max(7).default(5),
  STANDUP_PROMPT_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('16:00'),
  STANDUP_REMINDER_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('18:00'),
  STANDUP_CLOSE_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  STANDUP_CLOSE_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('10:00'),
  POINTS_STANDUP_ON_TIME: z.coerce.number().int().min(0).default(1),
  POINTS_CHECKIN_ON_TIME: z.coerce.number().int().min(0).default(1),
  LEADERBOARD_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('17:00'),
  LEADERBOARD_TOP_PERCENT: z.coerce.number().min(1).max(100).default(10),
  ANNOUNCE_CHANNEL: z.string().min(1).default('general'),
  REVIEW_OPEN_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('09:00'),
  REVIEW_MANAGER_LEAD_DAYS: z.coerce.number().int().min(0).max(20).default(3),
  REVIEW_REMIND_AFTER_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  APPEAL_WINDOW_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  APPEAL_RESPONSE_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_RATE_PER_SECOND: z.coerce.number().positive().default(5),
  /** conversations.open calls a minute for the slack-dm-open job (Slack's Tier 3 allows 50+). */
  SLACK_DM_OPEN_PER_MINUTE: z.coerce.number().positive().default(50),
  SLACK_DIGEST_CHANNEL: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  /** Sign in with Slack's OpenID issuer (tests point it at a local fake). */
  SLACK_OIDC_ISSUER: z.url().default('https://slack.com'),
  WECOM_CORP_ID: optional,
  WECOM_AGENT_ID: z.string().trim().regex(/^\d{1,10}$/, "must be the app's numeric AgentId").optional(),
  WECOM_SECRET: optional,
  WECOM_TOKEN: optional,
  WECOM_AES_KEY: z.string().length(43, 'must be exactly 43 characters').optional(),
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  WECOM_ROBOT_WEBHOOK: z.url().optional(),
  /** WeCom's web authorisation page (网页授权); only the tests change it. */
  WECOM_OAUTH_URL: z.url().default('https://open.weixin.qq.com/connect/oauth2/authorize'),
  WECOM_CONTACTS_SYNC_CRON: z.string().trim().regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression such as "30 2 * * *"').default('30 2 * * *'),
  WECOM_JOB_FUNCTIONS: jsonObject(z.record(z.string().min(1), z.string().regex(/^[a-z0-9_-]{1,64}$/, 'values must be lowercase slugs such as rnd'))).default({}),
  /** Integrations (issue 12): first-start defaults; the console's Integrations page overrides each of them. */
  JIRA_WEBHOOK_SECRET: optional,
  JIRA_BASE_URL: z.url().optional(),
  JIRA_EMAIL: optional,
  JIRA_API_TOKEN: optional,
  TAPD_WEBHOOK_SECRET: optional,
  TAPD_API_BASE: z.url().optional(),
  TAPD_API_USER: optional,
  TAPD_API_PASSWORD: optional,
  CRM_BASE_URL: z.url().optional(),
  CRM_CLIENT_ID: optional,
  CRM_CLIENT_SECRET: optional,
  INTEGRATIONS_INBOX_DIR: optional,
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const zoneValidity = new Map<string, boolean>();

/** Whether Intl knows the IANA zone; cached, since imports ask once per row. */
export function isValidTimeZone(tz: string): boolean {
  let valid = zoneValidity.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(tz, valid);
  }
  return valid;
}

/** Parses the environment; throws ConfigError listing every invalid key. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return result.data;
}

export function slackEnabled(c: Config): boolean {
  return Boolean(c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN));
}

/** Sign in with Slack: the app's OAuth client id and secret are set. */
export function slackSignInEnabled(c: Config): boolean {
  return Boolean(c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET);
}

/**
 * Whether browsers reach the console over HTTPS, which decides the Secure flag of every cookie and HSTS. COOKIE_SECURE
 * says so explicitly (off stays an override, e.g. a TLS proxy in front of a plain-HTTP test); unset, a production
 * process with an https PUBLIC_URL is taken to be behind HTTPS, so a real deployment is secure without opting in.
 */
export function servedOverHttps(c: Config): boolean {
  if (c.COOKIE_SECURE) return c.COOKIE_SECURE === 'on';
  return c.NODE_ENV === 'production' && (c.PUBLIC_URL ?? '').startsWith('https:');
}

export function wecomEnabled(c: Config): boolean {
  return Boolean(c.WECOM_CORP_ID && c.WECOM_AGENT_ID && c.WECOM_SECRET && c.WECOM_TOKEN && c.WECOM_AES_KEY);
}
