import { environment } from './envFile';
import { openDatabase } from '../db/client';
import { loadConfig, ConfigError } from './config';
import { importPeople } from './services/people/importPeople';
import { loadDemoMetrics } from './services/metrics/loadDemoMetrics';
import { buildDemoCompanyCsv } from '../db/seed/demoCompany';
import { seedDemoTemplates } from '../db/seed/demoTemplates';

/** `npm run seed:demo`: loads (or refreshes, by e-mail) the demo company and its metrics (source demo) into DATABASE_PATH. */
try {
  const config = loadConfig(environment());
  const db = openDatabase(config.DATABASE_PATH);
  const result = importPeople({ db, now: () => new Date(), defaults: { timezone: config.DEFAULT_TIMEZONE, locale: config.DEFAULT_LOCALE } }, buildDemoCompanyCsv());
  const seeded = seedDemoTemplates(db, new Date());
  const metrics = loadDemoMetrics({ db, now: () => new Date() }, config.DEFAULT_TIMEZONE);
  console.log(`Demo company loaded into ${config.DATABASE_PATH}: ${result.created} created, ${result.updated} updated; ${seeded.templates} review template(s) and ${seeded.metrics} metric definition(s) added; metrics: ${metrics.created} created, ${metrics.revised} revised, ${metrics.unchanged} unchanged.`);
  db.$client.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `seed:demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
