import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { count } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client';
import { GroupCommit } from '../db/groupCommit';
import { startWalCheckpointer } from '../db/walCheckpointer';
import { holidays, people } from '../db/schema';
import { schedulerPass, startClock } from '../scheduler/clock';
import { loadConfig, slackEnabled, wecomEnabled, type Config } from './config';
import { WorkCalendar } from './domain/calendar';
import { calendarWarnings, type Warning } from './domain/calendarWarnings';
import { healthCheck } from './http/health';
import { readRawBody } from './http/rawBody';
import { createHttpApp } from './http/server';
import { instanceName } from './instance';
import { adminPasswordNotice } from './adminNotice';
import { createLogger, type Logger } from './logger';
import { Dispatcher } from './outbox/dispatcher';
import { LocalChatAdapter } from './platform/local/localAdapter';
import type { PlatformHost, PlatformPlugin } from './platform/plugin';
import { createRouter } from './platform/routing';
import { ensureAdmin } from './services/auth/ensureAdmin';
import type { ServiceDeps } from './services/context';
import { finishOpenings, stopOpenings } from './services/reviews/openCycle';
import { startImportResumer } from './services/people/resumePeopleImports';
import { stopSlackDmOpens } from './services/people/openSlackDms';
import { INTEGRATION_WEBHOOK_PREFIX, integrationWebhookRoutes, WEBHOOK_BODY_LIMIT_BYTES } from '../admin/api/integrationWebhookRoutes';
import { initialCompanySettings, processSettingsFrom } from './settings';
import { createSettingsStore } from './services/settings/settingsStore';

export interface StartOptions {
  env: Record<string, string | undefined>;
  /** The clock; tests pass a fixed or movable one. */
  now?: () => Date;
  /** A logger instead of one built from LOG_LEVEL: tests read what the app logged. */
  log?: Logger;
  /** Where notices for the person at the terminal go (the generated admin password); stderr by default. */
  notice?: (text: string) => void;
}

export interface RunningApp {
  url: string;
  config: Config;
  db: Db;
  deps: ServiceDeps;
  dispatcher: Dispatcher;
  log: Logger;
  /** Runs the scheduler's every-minute pass now (tests, catch-up). */
  tick: () => Promise<void>;
  close: () => Promise<void>;
}

/** The composition root: config → database → adapters → outbox dispatcher → HTTP → scheduler. */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const config = loadConfig(options.env);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_PATH);
  // The company settings live in the database (the environment gives only the first start's); deps.settings
  // reads them through the store, so a change in the console applies to the next job run without a restart.
  const settingsStore = createSettingsStore(db, processSettingsFrom(config), initialCompanySettings(config), now);

  const local = new LocalChatAdapter(db, now, config.LOCAL_RATE_PER_SECOND);
  const chatPlatforms = { slack: slackEnabled(config), wecom: wecomEnabled(config) };
  const instance = instanceName();
  const deps: ServiceDeps = {
    instance,
    db,
    now,
    calendar: () => new WorkCalendar(db.select({ date: holidays.date, kind: holidays.kind }).from(holidays).all()),
    get settings() {
      return settingsStore.current();
    },
    route: createRouter(db, chatPlatforms),
    chatPlatforms,
    log,
    integrationDefaults: config,
  };
  let dispatcher: Dispatcher | undefined;
  // Inbound events arriving together (concurrent requests) share one commit.
  const inbound = new GroupCommit(db);
  // Deliver what is due now, but never keep an HTTP answer waiting more than 10 s on a large backlog.
  const flushOutbox = async () => {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise((resolve) => (timer = setTimeout(resolve, 10_000)));
    await Promise.race([dispatcher?.drain(), cap]).finally(() => clearTimeout(timer));
  };
  // The dispatcher is made once the plugins' adapters are: until then (never, in practice) nothing is claimed.
  const outbox: PlatformHost['outbox'] = {
    mark: () => dispatcher?.handOff.mark() ?? 0,
    claimSince: (platform, mark) => dispatcher?.handOff.claimSince(platform, mark) ?? { platform, rows: [], left: true },
    handOver: (claimed) => dispatcher?.handOff.handOver(claimed),
    sendHanded: (platform) => dispatcher?.sendHanded(platform) ?? Promise.resolve(0),
  };
  const host: PlatformHost = { config, deps, flush: flushOutbox, outbox, commit: (work, opts) => inbound.run(work, opts), readRawBody: (limit) => readRawBody({ limit, log }) };
  // Each chat platform is a plugin, enabled only when its credentials are set; the local chat is always on. A plugin's
  // modules (Bolt and its Web API client, the WeCom crypto and XML parser) are loaded only when it is enabled.
  const plugins: PlatformPlugin[] = [];
  if (wecomEnabled(config)) {
    const { createWecomPlugin } = await import('./platform/wecom/wecomPlugin');
    const wecom = createWecomPlugin(host);
    plugins.push(wecom);
    deps.directory ??= wecom.directory;
    deps.wecomUsers = wecom.users;
  }
  if (slackEnabled(config)) {
    const { createSlackPlugin } = await import('./platform/slack/slackPlugin');
    const slack = createSlackPlugin(host);
    plugins.push(slack);
    deps.slackDms = slack.dms;
  }
  // Fan-outs to platforms that send one message to many people per call use an impersonal message there.
  deps.batchingPlatforms = new Set(plugins.filter((p) => (p.adapter.maxBatch ?? 1) > 1).map((p) => p.adapter.platform));

  await loadDemoDataIfEmpty(deps, config);
  const admin = await ensureAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD, now());
  if (admin.generatedPassword) {
    (options.notice ?? ((text) => process.stderr.write(text)))(adminPasswordNotice(config.ADMIN_EMAIL, admin.generatedPassword));
    log.warn({ adminEmail: config.ADMIN_EMAIL }, `Console admin ${config.ADMIN_EMAIL} created with a generated password, printed once on stderr on a line starting "Admin password:" (set ADMIN_PASSWORD to choose your own).`);
  }
  const warnings = (): Warning[] => calendarWarnings(now());
  for (const w of warnings()) log.warn({ warning: w }, w.message);

  dispatcher = new Dispatcher({
    db,
    adapters: [local, ...plugins.map((p) => p.adapter)],
    now,
    log,
    instance,
    maxAttempts: config.DISPATCH_MAX_ATTEMPTS,
    // a due window at least one full batch wide, so identical messages can fill a batch (WeCom: 1000)
    batchSize: Math.max(config.DISPATCH_BATCH_SIZE, ...plugins.map((p) => p.adapter.maxBatch ?? 1)),
  });
  deps.deliverAtEnqueue = dispatcher.atEnqueue; // fan-outs to the local chat deliver as they enqueue
  const web = express();
  for (const p of plugins) p.mount?.(web); // platform receivers first: they need the raw request body
  web.use(INTEGRATION_WEBHOOK_PREFIX, integrationWebhookRoutes(deps, readRawBody({ limit: WEBHOOK_BODY_LIMIT_BYTES, log }), log)); // so do the integration webhooks
  const health = healthCheck({ db, now, dispatcher: () => dispatcher?.health() });
  createHttpApp({ deps, config, flushOutbox, warnings, health, inbound: { commit: (work) => inbound.run(work), deliverNow: dispatcher.deliverNow } }, web);
  const server = await listen(web, config.PORT, config.HOST);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (!config.PUBLIC_URL) settingsStore.updateBase({ publicUrl: `http://localhost:${port}` }); // the port actually bound (PORT=0 in tests)

  const started: PlatformPlugin[] = [];
  try {
    for (const p of plugins) {
      await p.start?.();
      started.push(p);
    }
  } catch (err) {
    // A platform that cannot start (wrong token, unreachable API) stops the whole start cleanly: nothing left listening.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const p of started) await p.stop?.();
    db.$client.close();
    throw err;
  }
  dispatcher.start();
  // WAL checkpoints (log → file, with their fsyncs) on a thread of their own, not in the middle of a request's commit.
  const checkpointer = startWalCheckpointer(db, log);
  // A review cycle whose opening a crash or restart interrupted goes on drafting where it stopped (in slices).
  void finishOpenings(deps);
  const imports = startImportResumer({ db, now, instance, log }); // finishes a people import a crash interrupted
  let stopClock = () => {};
  if (config.SCHEDULER === 'on') {
    stopClock = startClock(deps, () => dispatcher.kick());
    await schedulerPass(deps); // catch up on what fell due while the process was down
    dispatcher.kick();
  }
  log.info({ url, database: config.DATABASE_PATH }, 'perf-bot is running');

  return {
    url,
    config,
    db,
    deps,
    dispatcher,
    log,
    tick: async () => {
      await schedulerPass(deps);
      await dispatcher!.drain();
    },
    close: async () => {
      stopClock();
      await stopSlackDmOpens(db);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const p of plugins) await p.stop?.();
      await dispatcher!.stop();
      await stopOpenings(db);
      await imports.stop();
      await checkpointer.stop();
      db.$client.close();
    },
  };
}

function listen(web: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = web.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/**
 * First start with an empty directory and no platform credentials: load the demo company, and say so. The demo's
 * modules (its people, eight weeks of history, templates, metrics) are loaded only then.
 */
async function loadDemoDataIfEmpty(deps: ServiceDeps, config: Config): Promise<void> {
  if (config.DEMO_DATA === 'off' || slackEnabled(config) || wecomEnabled(config)) return;
  const { n } = deps.db.select({ n: count() }).from(people).get()!;
  if (n > 0) return;
  const [{ buildDemoCompanyCsv }, { seedDemoHistory }, { seedDemoTemplates }, { importPeople }, { loadDemoMetrics }] = await Promise.all([
    import('../db/seed/demoCompany'),
    import('../db/seed/demoHistory'),
    import('../db/seed/demoTemplates'),
    import('./services/people/importPeople'),
    import('./services/metrics/loadDemoMetrics'),
  ]);
  const result = importPeople({ db: deps.db, now: deps.now, defaults: { timezone: config.DEFAULT_TIMEZONE, locale: config.DEFAULT_LOCALE } }, buildDemoCompanyCsv());
  seedDemoTemplates(deps.db, deps.now());
  const metrics = loadDemoMetrics(deps, config.DEFAULT_TIMEZONE);
  const started = Date.now();
  const history = seedDemoHistory(deps);
  deps.log.warn(
    { history, ms: Date.now() - started },
    `Empty database and no Slack/WeCom credentials: loaded the demo company (${result.created} people, ${metrics.accepted} metric values, a review template per job function) with ${history?.weeks ?? 0} weeks of history. Set DEMO_DATA=off to start empty.`,
  );
}
