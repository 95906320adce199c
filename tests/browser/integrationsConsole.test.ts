/**
 * Real-browser test of the Integrations page: the admin sees the four connectors, saves a CRM secret (write-only:
 * the page only says it is set), runs a dry run against a local Salesforce-like org and sees what it would write,
 * runs it for real, uploads a helpdesk export refused by line and accepted once fixed, and finds the quarantine;
 * HR reads the page without the buttons.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, WAIT, ZH_DESKTOP, screenshotPath, signInViaChatLink, testIds, useConsoleBrowser } from '../support/browser';
import { FakeSalesforce } from '../support/fakeSalesforce';
import { RunningClock } from '../support/clock';

const clock = new RunningClock('2026-11-20T03:00:00Z').now;
const HR = 'zhao.min@example.com';
const PEOPLE = `${CONSOLE_TEAM_CSV}E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr\n`;

const sf = new FakeSalesforce();
const suite = useConsoleBrowser({
  tmpPrefix: 'perf-integrations-',
  people: PEOPLE,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    await sf.start();
    sf.records = [{ Id: '006A', Amount: 120000, CloseDate: '2026-11-03', IsWon: true, AccountId: '001X', OwnerId: '005L', Owner: { Email: 'li.lei@example.com' } }];
    await suite.app.api.call('PUT', '/api/integrations/crm', { enabled: true, settings: { baseUrl: sf.url, clientId: sf.clientId } });
  },
});
const { tid, loginAsAdmin, go } = testIds(() => suite.page);
const sql = <T = Record<string, unknown>>(query: string): T[] => suite.app.app.db.$client.prepare(query).all() as T[];
const card = (key: string) => suite.page.locator(`[data-testid="integration-connector"][data-key="${key}"]`);
const HEADER = 'Id,Assignee,Created at,Satisfaction Score,First reply time in minutes,Full resolution time in minutes';

describe('the Integrations page', () => {
  it('the admin saves a write-only secret, dry-runs and runs the CRM, and uploads a helpdesk export', async () => {
    const p = suite.page;
    await loginAsAdmin(suite.app.url);
    await go('integrations');
    await tid('integrations-page').waitFor(WAIT);
    await expect.poll(() => p.getByTestId('integration-connector').count(), WAIT).toBe(4);
    expect(await card('crm').innerText()).toContain('未配置');

    await card('crm').getByTestId('integration-edit').click();
    await card('crm').getByTestId('integration-secret-clientSecret').fill(sf.clientSecret);
    await card('crm').getByTestId('integration-save').click();
    await card('crm').getByTestId('integration-saved').waitFor(WAIT);
    expect(await card('crm').getByTestId('integration-secret-clientSecret').inputValue()).toBe('');
    // the card shows the reloaded connector once its list has been read again
    await expect.poll(() => card('crm').innerText(), WAIT).toContain('clientSecret · 已设置');
    expect(await p.content()).not.toContain(sf.clientSecret);

    await card('crm').getByTestId('integration-dry-run').click();
    const report = card('crm').getByTestId('integration-report');
    await report.waitFor(WAIT);
    expect(await report.getAttribute('data-status')).toBe('dry-run');
    expect(await report.getByTestId('integration-changes').innerText()).toContain('li.lei@example.com');
    expect(suite.app.app.db.$client.prepare("select count(*) as n from metric_values where source = 'crm'").get()).toEqual({ n: 0 });

    await card('crm').getByTestId('integration-run').click();
    await expect.poll(() => card('crm').getByTestId('integration-report').getAttribute('data-status'), WAIT).toBe('ok');
    await expect.poll(() => card('crm').getByTestId('integration-last-run').innerText(), WAIT).toContain('完成');
    expect(suite.app.app.db.$client.prepare("select value from metric_values where source = 'crm' and metric_key = 'signed_amount'").get()).toEqual({ value: 120000 });

    const upload = tid('helpdesk-upload');
    await upload.getByTestId('helpdesk-import-text').fill(`${HEADER}\n1,李雷,2026-11-16 09:00,Good,30,120\n2,李雷,2026-11-17 09:00,Good,soon,\n`);
    await upload.getByTestId('helpdesk-import-submit').click();
    await upload.getByTestId('helpdesk-import-error').waitFor(WAIT);
    expect(await upload.getByTestId('helpdesk-import-error').innerText()).toContain('3');
    await upload.getByTestId('helpdesk-import-text').fill(`${HEADER}\n1,李雷,2026-11-16 09:00,Good,30,120\n2,Nobody Here,2026-11-17 09:00,Good,20,\n`);
    // a dry run first: the figures it would write, nothing stored
    const storedBefore = sql<{ n: number }>(`select count(*) as n from metric_values`)[0].n;
    await upload.getByTestId('helpdesk-dry-run').check();
    await upload.getByTestId('helpdesk-import-submit').click();
    await upload.getByTestId('helpdesk-import-done').waitFor(WAIT);
    expect(await upload.getByTestId('helpdesk-import-done').innerText()).toContain('未保存');
    expect(sql<{ n: number }>(`select count(*) as n from metric_values`)[0].n).toBe(storedBefore);
    await upload.getByTestId('helpdesk-dry-run').uncheck();
    await upload.getByTestId('helpdesk-import-text').fill(`${HEADER}\n1,李雷,2026-11-16 09:00,Good,30,120\n2,Nobody Here,2026-11-17 09:00,Good,20,\n`);
    await upload.getByTestId('helpdesk-import-submit').click();
    await upload.locator('[data-testid="helpdesk-import-done"]:not(:has-text("未保存"))').waitFor(WAIT);
    expect(await upload.getByTestId('helpdesk-import-done').innerText()).toContain('2');
    await expect.poll(() => tid('integration-quarantine').innerText(), WAIT).toContain('Nobody Here');
    await p.screenshot({ path: screenshotPath('integrations-admin'), fullPage: true });
  }, 90_000);

  it('HR reads the page without the buttons', async () => {
    const p = suite.page;
    await p.context().clearCookies();
    await signInViaChatLink(p, suite.app, HR);
    await go('integrations');
    await expect.poll(() => p.getByTestId('integration-connector').count(), WAIT).toBe(4);
    expect(await p.getByTestId('integration-run').count()).toBe(0);
    expect(await p.getByTestId('helpdesk-upload').count()).toBe(0);
    expect(await tid('integration-runs').innerText()).toContain('CRM');
    await sf.stop();
  }, 60_000);
});
