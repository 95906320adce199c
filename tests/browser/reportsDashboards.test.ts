/**
 * Real-browser test of issue 13 items 4–5: HR reads the progress log as a journal and downloads it as CSV and XLSX,
 * downloads the cycle report, and the dashboards (ECharts) draw on a desktop and on a phone (390 px) with no console
 * errors; a chart exports as PNG. Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, DESKTOP, PHONE, WAIT, ZH_DESKTOP, screenshotShell, screenshotPath, signInViaChatLink, testIds, useConsoleBrowser } from '../support/browser';
import { DEFAULT_TEMPLATE } from '../support/reviewTemplates';
import { RunningClock } from '../support/clock';

/** The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const PEOPLE = `${CONSOLE_TEAM_CSV}E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr\n`;
const FORMULA = '=SUM(1+1)';

/** Every console error (not only CSP ones): the dashboards must draw without any. */
const consoleErrors: string[] = [];

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-reports-',
  people: PEOPLE,
  env: CONSOLE_ENV,
  now: clock,
  page: { ...ZH_DESKTOP, acceptDownloads: true },
  setUp: async () => {
    const api = suite.app.api;
    suite.page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await api.call('POST', '/api/jobs/standup-prompt/run');
    const answers: Record<string, string[]> = {
      'li.lei@example.com': [FORMULA, '等待测试环境', '继续做登录页'],
      'han.meimei@example.com': ['完成了设置页', '无', '做导出'],
    };
    for (const [employee, texts] of Object.entries(answers)) for (const text of texts) await api.call('POST', '/api/local/messages', { employee, text });
    // R&D figures for the role dashboard, and an open review cycle for the report.
    await api.call('POST', '/api/metric-definitions', { key: 'task_completion_rate', label: { 'zh-CN': '任务完成率', en: 'task completion rate' }, unit: '', direction: 'higher', aggregation: 'ratio' });
    const records = ['2026-09', '2026-10', '2026-11'].flatMap((period, i) => [
      { email: 'li.lei@example.com', metric: 'task_completion_rate', period, value: 0.8 + i * 0.05 },
      { email: 'han.meimei@example.com', metric: 'task_completion_rate', period, value: 0.9 },
    ]);
    await api.call('POST', '/api/metrics', { source: 'jira', records });
    await api.call('POST', '/api/review-templates', DEFAULT_TEMPLATE);
    const cycle = await api.call<{ id: number }>('POST', '/api/review-cycles', { name: '十一月考核', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    await api.call('POST', `/api/review-cycles/${cycle.id}/open`);
  },
});

const { tid, go, expectNoSidewaysScroll } = testIds(() => suite.page);

async function saved(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

async function downloadOf(p: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([p.waitForEvent('download', WAIT), click()]);
  return download;
}

/** Every ECharts chart on the page has drawn on its canvas (ECharts loads on demand). */
async function chartsDrawn(p: Page): Promise<number> {
  return p.locator('.echart').evaluateAll((els) =>
    els.filter((e) => e.getAttribute('data-ready') === 'true' && e.querySelector('canvas') && e.getBoundingClientRect().width > 100).length,
  );
}

describe('progress log page and dashboards', () => {
  it('HR reads the progress log as a journal and exports it as CSV and XLSX', async () => {
    const p = suite.page;
    await signInViaChatLink(p, suite.app, HR);
    consoleErrors.length = 0; // the login page's first /api/auth/me answers 401 before anyone signs in
    await go('log');
    await p.getByTestId('journal-page').waitFor(WAIT);
    const li = p.locator('[data-testid="journal-entry"][data-email="li.lei@example.com"]');
    await li.waitFor(WAIT);
    expect(await li.getAttribute('data-blocker')).toBe('true');
    expect(await li.getAttribute('data-state')).toBe('onTime');
    expect(await li.innerText()).toContain('等待测试环境');
    expect(await p.locator('[data-testid="journal-entry"][data-email="han.meimei@example.com"]').getAttribute('data-blocker')).toBeNull();
    expect(await p.locator('[data-testid="journal-entry"][data-email="wang.fang@example.com"]').getAttribute('data-state')).toBe('missing');
    await p.screenshot({ path: screenshotPath('progress-log-zh') });

    // Filtered by department: only the back-end team.
    await tid('journal-department').fill('研发中心/后端组');
    await tid('journal-department').press('Enter');
    await tid('journal-department').blur();
    await expect.poll(() => p.getByTestId('journal-entry').count(), WAIT).toBe(2);

    const csv = await downloadOf(p, () => tid('journal-csv').click());
    expect(csv.suggestedFilename()).toMatch(/^progress-log-.*\.csv$/);
    const rows = parse(await saved(csv), { bom: true }) as string[][];
    expect(rows[0].slice(0, 5)).toEqual(['周', '姓名', '邮箱', '部门', '状态']);
    expect(rows.slice(1).map((r) => r[2]).sort()).toEqual(['han.meimei@example.com', 'li.lei@example.com']);
    expect(rows.find((r) => r[2] === 'li.lei@example.com')![5]).toBe(`'${FORMULA}`);

    const xlsx = await downloadOf(p, () => tid('journal-xlsx').click());
    expect(xlsx.suggestedFilename()).toMatch(/^progress-log-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await saved(xlsx)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('进展日志');
    const values = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    const liRow = values.find((r) => r[2] === 'li.lei@example.com')!;
    expect(liRow[5]).toBe(`'${FORMULA}`);
    expect(liRow).toContain('是'); // the blocker column
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('HR downloads the cycle report and sees every dashboard drawn, exporting one as PNG and CSV', async () => {
    const p = suite.page;
    await go('reports');
    await p.getByTestId('reports-page').waitFor(WAIT);
    // participation, departments, blockers, update rate, overdue, points, completion; the sales dashboard has no figures
    await expect.poll(() => chartsDrawn(p), WAIT).toBe(7);
    await tid('roles-empty').waitFor(WAIT);
    await p.screenshot({ path: screenshotPath('dashboards-zh') });

    const report = await downloadOf(p, () => tid('cycle-report-download').click());
    expect(report.suggestedFilename()).toMatch(/^cycle-report-\d+\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await saved(report)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概览', '站会参与', '目标', '等级分布', '考核明细']);
    expect(book.getWorksheet('考核明细')!.rowCount).toBe(6); // header + five people

    const png = await downloadOf(p, () => tid('png-participation').click());
    expect(png.suggestedFilename()).toBe('participation.png');
    expect((await saved(png)).subarray(1, 4).toString('latin1')).toBe('PNG');
    const csv = await downloadOf(p, () => tid('csv-participation').click());
    const rows = parse(await saved(csv), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['周', '部门', '应答人数', '按时', '迟交', '未回答', '请假']);
    expect(rows).toContainEqual(['2026-W47', '', '5', '2', '0', '3', '0']);

    // The role dashboard of R&D: the team's task completion over the last months.
    await tid('roles-function').selectOption('rnd');
    await p.locator('[data-testid="echart-role-task_completion_rate"][data-ready="true"]').waitFor(WAIT);
    await expect.poll(() => chartsDrawn(p), WAIT).toBe(8);
    expect(await tid('roles-people-count').innerText()).toContain('3'); // 王芳, 李雷, 韩梅梅
    expect(consoleErrors).toEqual([]);
    expect(suite.pageErrors).toEqual([]);
  }, 90_000);

  it('draws the dashboards on a phone without sideways scrolling', async () => {
    const p = suite.page;
    await p.setViewportSize(PHONE);
    await p.reload();
    await p.getByTestId('reports-page').waitFor(WAIT);
    await expect.poll(() => chartsDrawn(p), WAIT).toBe(7); // a new page: the sales dashboard again, with no figures
    const widths = await p.locator('.echart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    for (const w of widths) expect(w).toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysScroll('dashboards (phone)');
    await screenshotShell(p, screenshotPath('dashboards-zh-phone'), true);
    await go('log');
    await p.getByTestId('journal-entry').first().waitFor(WAIT);
    await expectNoSidewaysScroll('progress log (phone)');
    await screenshotShell(p, screenshotPath('progress-log-zh-phone'), true);
    await p.setViewportSize(DESKTOP);
    expect(consoleErrors).toEqual([]);
    expect(suite.pageErrors).toEqual([]);
  }, 90_000);
});
