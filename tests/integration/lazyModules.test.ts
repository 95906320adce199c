/**
 * The heavy modules a feature needs are loaded when it is used, not at start (issue 15, memory): a started app with
 * only the local chat has not loaded Bolt, the WeCom crypto and XML parser, exceljs, date-fns' index or the demo
 * company; the first XLSX export loads exceljs; configuring Slack and WeCom loads theirs. Run in a process of its own
 * (tests/support/lazyModulesChild.ts) with a loader hook recording every module loaded: vitest's own module graph
 * would not show what `npm start` loads.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('modules loaded on first use', () => {
  it('a local-only app loads no platform SDK, spreadsheet writer or demo data until they are used', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', './tests/support/moduleLoads.mjs', 'tests/support/lazyModulesChild.ts'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, string[] | boolean>;
    expect(out.localServes).toBe(true);
    expect(out.localOnly).toEqual([]);
    expect(out.exportWorks).toBe(true);
    expect(out.afterExport).toEqual(['exceljs']);
    // with both platforms configured the app started them (Slack's auth.test answered) and loaded their modules
    expect(out.slackAuthTested).toBe(true);
    expect(out.withPlatforms).toEqual(expect.arrayContaining(['bolt', 'slackPlugin', 'wecomCrypto', 'wecomPlugin', 'xmlParser']));
    expect(out.withPlatforms).not.toContain('dateFnsIndex');
    expect(out.withPlatforms).not.toContain('demoSeed');
  }, 130_000);
});
