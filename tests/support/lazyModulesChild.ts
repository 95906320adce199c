/**
 * Run by tests/integration/lazyModules.test.ts in a process of its own (`node --import tsx --import
 * ./tests/support/moduleLoads.mjs`): which heavy modules a started app has loaded, with only the local chat, after an
 * XLSX export, and with Slack and WeCom configured. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../bot/app';
import { writeWorkbook } from '../../bot/services/exports/xlsxWorkbook';
// @ts-expect-error a plain .mjs helper without types
import { loadedModules } from './moduleLoads.mjs';

const WATCHED: Record<string, RegExp> = {
  bolt: /\/node_modules\/@slack\/bolt\//,
  slackPlugin: /\/bot\/platform\/slack\/slackPlugin\.ts$/,
  wecomCrypto: /\/node_modules\/@wecom\/crypto\//,
  wecomPlugin: /\/bot\/platform\/wecom\/wecomPlugin\.ts$/,
  xmlParser: /\/node_modules\/fast-xml-parser\//,
  exceljs: /\/node_modules\/exceljs\//,
  dateFnsIndex: /\/node_modules\/date-fns\/index\.js$/,
  demoSeed: /\/db\/seed\//,
};

async function watched(): Promise<string[]> {
  const urls = (await loadedModules()) as string[];
  return Object.keys(WATCHED).filter((name) => urls.some((u) => WATCHED[name].test(u)));
}

const dir = mkdtempSync(join(tmpdir(), 'perf-lazy-'));
const base = { PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'off', SCHEDULER: 'off', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'lazy-modules-password' };
const out: Record<string, string[] | boolean> = {};
try {
  const local = await startApp({ env: { ...base, DATABASE_PATH: join(dir, 'local.db') } });
  const health = await fetch(`${local.url}/healthz`);
  out.localServes = health.status === 200;
  out.localOnly = await watched();
  const xlsx = await writeWorkbook([{ name: 'Sheet', header: ['a'], rows: [[1]] }]);
  out.exportWorks = xlsx.subarray(0, 2).toString('latin1') === 'PK'; // a zip: the .xlsx container
  out.afterExport = await watched();
  await local.close();

  const [{ FakeSlack }, { FakeWecom }, { WECOM, wecomEnv }] = await Promise.all([import('./fakeSlack'), import('./fakeWecom'), import('./wecomHarness')]);
  const slack = await FakeSlack.start();
  const wecom = await FakeWecom.start({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId, now: () => new Date() });
  const both = await startApp({
    env: { ...base, DATABASE_PATH: join(dir, 'both.db'), SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: 'lazy-signing-secret', ...wecomEnv(wecom) },
  });
  out.slackAuthTested = slack.calls.some((c) => c.method === 'auth.test');
  out.withPlatforms = await watched();
  await both.close();
  await slack.close();
  await wecom.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
