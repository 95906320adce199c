import { environment } from './envFile';
import { openDatabase } from '../db/client';
import { holidays } from '../db/schema';
import { loadConfig, ConfigError } from './config';
import { WorkCalendar } from './domain/calendar';
import { createLogger } from './logger';
import { createRouter } from './platform/routing';
import type { ServiceDeps } from './services/context';
import { importPeople } from './services/people/importPeople';
import { loadDemoMetrics } from './services/metrics/loadDemoMetrics';
import { settingsFrom } from './settings';
import { buildDemoCompanyCsv } from '../db/seed/demoCompany';
import { seedDemoHistory } from '../db/seed/demoHistory';
import { seedDemoTemplates } from '../db/seed/demoTemplates';

/**
 * `npm run seed:demo`: loads (or refreshes, by e-mail) the demo company and its metrics (source demo) into
 * DATABASE_PATH, and — once, into a database with no standups yet — eight weeks of history (db/seed/demoHistory.ts).
 */
try {
  const config = loadConfig(environment());
  const db = openDatabase(config.DATABASE_PATH);
  const now = () => new Date();
  const deps: ServiceDeps = {
    db,
    now,
    calendar: () => new WorkCalendar(db.select({ date: holidays.date, kind: holidays.kind }).from(holidays).all()),
    settings: settingsFrom(config),
    route: createRouter(db, { slack: false, wecom: false }),
    chatPlatforms: { slack: false, wecom: false },
    log: createLogger('silent'),
  };
  const result = importPeople({ db, now, defaults: { timezone: config.DEFAULT_TIMEZONE, locale: config.DEFAULT_LOCALE } }, buildDemoCompanyCsv());
  const seeded = seedDemoTemplates(db, new Date());
  const metrics = loadDemoMetrics({ db, now }, config.DEFAULT_TIMEZONE);
  const history = seedDemoHistory(deps);
  console.log(`Demo company loaded into ${config.DATABASE_PATH}: ${result.created} created, ${result.updated} updated; ${seeded.templates} review template(s) and ${seeded.metrics} metric definition(s) added; metrics: ${metrics.created} created, ${metrics.revised} revised, ${metrics.unchanged} unchanged.`);
  console.log(
    history
      ? `History: ${history.weeks} weeks of standups (${history.answers} answers), ${history.goals} goals with ${history.checkIns} check-ins and ${history.escalations} escalations, ${history.redemptions} redemptions, ${history.snapshots} monthly leaderboard(s), a released review cycle of ${history.reviews} reviews, ${history.annualReviews} annual reviews over three years.`
      : 'History: already there (the database has standups), left as it is.',
  );
  db.$client.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `seed:demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
