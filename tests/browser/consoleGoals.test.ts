/**
 * Real-browser test of the console's Goals page: the goal tree with rolled-up progress, a goal's detail
 * (checkpoints, check-ins, revision history) and its adjustment with a reason, the CSV import with line problems,
 * the update-rate report (chart and department table) and the escalation rules editor (a department override),
 * by role, in Chinese and English, at desktop and phone widths.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import { ADMIN_EMAIL, CONSOLE_ENV, CONSOLE_TEAM_CSV, DESKTOP, PHONE, WAIT, ZH_DESKTOP, screenshotPath, screenshotShell, signInViaChatLink, testIds, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

const GOALS_HEADER = 'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days';
const GOALS_CSV = [
  GOALS_HEADER,
  'CS-1,,department,Q4 续约率提升至85%,wang.fang@example.com,研发中心,%,70,85,1,2026-10-01,2026-12-31,14',
  'CS-1-1,CS-1,individual,每月回访重点客户,li.lei@example.com,研发中心/后端组,家,0,60,2,2026-10-01,2026-12-31,14',
  'CS-1-2,CS-1,individual,工单48小时闭环率,han.meimei@example.com,研发中心/后端组,%,60,90,1,2026-10-01,2026-12-31,14',
  'MK-1,,department,新客户签约,kevin.li@example.com,市场部,家,0,20,1,2026-10-01,2026-12-31,14',
].join('\n');

/**
 * The server's clock: set by hand, running on in real time from there (so revisions get distinct times).
 * Monday 23 Nov 2026, 10:00 in Shanghai; checkpoints fall every 14 days from 1 Oct: the next is Thursday 26 Nov.
 */
const serverClock = new RunningClock('2026-11-23T02:00:00Z');
const clock = serverClock.now;
/** When the browser part runs: Monday 30 Nov 2026, 10:00 in Shanghai (the 26 Nov checkpoints are past due). */
const BROWSER_NOW = '2026-11-30T02:00:00Z';

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-goals-',
  people: CONSOLE_TEAM_CSV,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    await setTheScene();
    // The browser's "today" is the server's (the update-rate report defaults to the last 12 weeks up to today).
    await suite.page.clock.setFixedTime(new Date(BROWSER_NOW));
  },
});

/** The logged-in admin client of the JSON API, for setting the scene and checking what the browser did. */
const call = <T = unknown>(method: string, url: string, body?: unknown, contentType?: string): Promise<T> =>
  suite.app.api.call<T>(method, url, body, contentType);

interface GoalJson {
  id: number;
  ref: string;
  title: string;
  progress: number;
  expected: number;
  status: string;
  nextCheckpoint: string | null;
  owner: { name: string };
  children: GoalJson[];
}
const flatten = (list: GoalJson[]): GoalJson[] => list.flatMap((g) => [g, ...flatten(g.children)]);
const apiGoals = async () => flatten((await call<{ goals: GoalJson[] }>('GET', '/api/goals')).goals);
const goalId = async (ref: string) => (await apiGoals()).find((g) => g.ref === ref)!.id;

const say = (employee: string, body: { text: string } | { action: string; value: string }) =>
  call('POST', '/api/local/messages', { employee, ...body });

/** Goals imported (after the people), and one check-in by 李雷 in chat on 23 Nov (on time for the 26 Nov checkpoint). */
async function setTheScene(): Promise<void> {
  expect(await call('POST', '/api/goals/import', GOALS_CSV, 'text/csv')).toEqual({ created: 4, updated: 0, total: 4 });
  const employee = 'li.lei@example.com';
  await say(employee, { action: 'goal.checkin', value: String(await goalId('CS-1-1')) });
  await say(employee, { text: '30' });
  await say(employee, { action: 'goal.status', value: 'on_track' });
  await say(employee, { action: 'goal.skipNote', value: '0' });
  const detail = await call<{ checkIns: { value: number; onTime: boolean }[] }>('GET', `/api/goals/${await goalId('CS-1-1')}`);
  expect(detail.checkIns).toEqual([expect.objectContaining({ value: 30, onTime: true })]);
  serverClock.set(BROWSER_NOW);
  await suite.app.api.login(); // a week later the first session has expired
}

const { tid, texts, go, expectNoSidewaysScroll, loginAsAdmin, expectTabsWithin } = testIds(() => suite.page);
/** Weeks the update-rate chart draws a bar for (its screen-reader table lists every week, with the rate where one was due). */
const rateBars = () => suite.page.locator('[data-testid="rate-week"]:not([data-rate=""])').count();
const node = (ref: string) => suite.page.locator(`[data-testid="goal-node"][data-ref="${ref}"]`);
/** The row of a goal (not its children's). */
const row = (ref: string) => node(ref).locator(':scope > .goal-row');
const attrs = (selector: string, name: string) => suite.page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);

async function view(name: 'tree' | 'update-rate' | 'escalation'): Promise<void> {
  await suite.page.locator(`[data-testid="goals-view"][data-view="${name}"]`).click();
  await suite.page.waitForSelector(`[data-testid="goals-page"][data-view="${name}"]`, WAIT);
}

async function shot(name: string, fullPage = false): Promise<void> {
  await screenshotShell(suite.page, screenshotPath(name), fullPage);
}

describe('console goals', () => {
  it('shows the goal tree with the parent rolled up from its weighted children', async () => {
    const p = suite.page;
    await loginAsAdmin(suite.app.url);
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['我的团队', 'HR 概览', '人员', '设置', '聊天模拟器', '进展日志', '看板', '积分榜', '奖励', '兑换审批', '目标', '考核', '人才', '日历', '审计', '数据集成', '配置']);

    await go('goals');
    expect(p.url()).toMatch(/#\/goals$/);
    await expect.poll(() => tid('goal-node').count(), WAIT).toBe(4);
    expect(await attrs('[data-testid="goal-node"]', 'data-ref')).toEqual(['CS-1', 'CS-1-1', 'CS-1-2', 'MK-1']);
    expect(await attrs('[data-testid="goal-node"]', 'data-depth')).toEqual(['0', '1', '1', '0']);

    // 李雷's 30 of 60 is 50%; 韩梅梅's is 0%: the department goal is (2 × 50 + 1 × 0) / 3.
    expect(await row('CS-1').getByTestId('goal-progress').getAttribute('data-progress')).toBe('33.3');
    expect(await row('CS-1').getByTestId('goal-progress-value').innerText()).toBe('33.3%');
    expect(await row('CS-1-1').getByTestId('goal-progress-value').innerText()).toBe('50%');
    const [fill, track, marker] = await Promise.all(
      ['.goal-progress-fill', '.goal-progress-track', '.goal-progress-expected'].map((s) => row('CS-1').locator(s).boundingBox()),
    );
    expect(fill!.width / track!.width).toBeCloseTo(0.333, 2);

    // Every row says what the API says: progress, the expected-by-today marker, status (in Chinese), owner, next check-in.
    const statusZh: Record<string, string> = { on_track: '正常', at_risk: '有风险', off_track: '落后', done: '已完成' };
    for (const g of await apiGoals()) {
      const r = row(g.ref);
      expect(await r.getByTestId('goal-title').innerText()).toBe(g.title);
      expect(Number(await r.getByTestId('goal-progress').getAttribute('data-progress'))).toBe(g.progress);
      expect(Number(await r.getByTestId('goal-progress').getAttribute('data-expected'))).toBe(g.expected);
      expect(await r.getByTestId('goal-status').innerText()).toBe(statusZh[g.status]);
      expect(await r.getByTestId('goal-owner').innerText()).toBe(g.owner.name);
    }
    const cs1 = (await apiGoals()).find((g) => g.ref === 'CS-1')!;
    expect(cs1.expected).toBeGreaterThan(60); // 30 Nov of Oct–Dec
    expect((marker!.x + marker!.width / 2 - track!.x) / track!.width).toBeCloseTo(cs1.expected / 100, 1);
    expect(await row('CS-1-1').getByTestId('goal-status').innerText()).toBe('正常'); // as 李雷 said in chat
    expect(await row('CS-1-1').getByTestId('goal-next').innerText()).toBe('下次检查 12月10日'); // 26 Nov is answered
    expect(await row('CS-1-2').getByTestId('goal-next').innerText()).toBe('下次检查 11月26日'); // still open, overdue

    // Collapsing the department goal hides its children; expanding shows them again.
    await row('CS-1').getByTestId('goal-toggle').click();
    await expect.poll(() => tid('goal-node').count(), WAIT).toBe(2);
    expect(await node('CS-1').getAttribute('data-expanded')).toBe('false');
    await row('CS-1').getByTestId('goal-toggle').click();
    await expect.poll(() => tid('goal-node').count(), WAIT).toBe(4);
    await shot('goals-tree-zh');
  }, 60_000);

  it('opens a goal with its checkpoints, check-ins and history, and adjusts its target with a reason', async () => {
    const p = suite.page;
    await row('CS-1-1').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"]', WAIT);
    expect(await tid('goal-detail-title').innerText()).toBe('每月回访重点客户');
    expect(await tid('goal-values').innerText()).toBe('30 / 60 家（起始 0）');
    expect(await attrs('[data-testid="goal-checkpoint"]', 'data-due')).toEqual(['2026-11-26', '2026-12-10', '2026-12-24', '2026-12-31']);
    expect(await attrs('[data-testid="goal-checkpoint"]', 'data-state')).toEqual(['on_time', 'open', 'open', 'open']);
    const checkIns = tid('goal-checkin');
    expect(await checkIns.count()).toBe(1);
    expect(await checkIns.first().getAttribute('data-value')).toBe('30');
    expect(await checkIns.first().innerText()).toContain('30 家');
    expect(await checkIns.first().innerText()).toContain('按时');
    expect(await checkIns.first().innerText()).toContain('李雷');
    expect(await tid('goal-revision').count()).toBe(1);
    expect(await tid('goal-revision').first().getAttribute('data-created')).toBe('true');
    expect(await tid('goal-revision-reason').first().innerText()).toBe('原因：CSV 导入');

    // 韩梅梅's goal: the 26 Nov checkpoint is overdue, and she has not checked in.
    await row('CS-1-2').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"][data-goal-id="' + (await goalId('CS-1-2')) + '"]', WAIT);
    expect(await attrs('[data-testid="goal-checkpoint"]', 'data-state')).toEqual(['overdue', 'open', 'open', 'open']);
    await tid('goal-checkins-empty').waitFor(WAIT);

    await row('CS-1-1').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"][data-goal-id="' + (await goalId('CS-1-1')) + '"]', WAIT);
    await p.locator('[data-testid="goal-adjust"] > summary').click();
    expect(await tid('goal-adjust-target').inputValue()).toBe('60');
    expect(await tid('goal-adjust-owner').inputValue()).toBe('li.lei@example.com');

    // An owner who is not in the directory: the server's 422, in words.
    await tid('goal-adjust-owner').fill('nobody@example.com');
    await tid('goal-adjust-reason').fill('换人负责');
    await tid('goal-adjust-submit').click();
    await tid('goal-adjust-error').waitFor(WAIT);
    expect(await tid('goal-adjust-error').innerText()).toBe('通讯录中没有邮箱为 nobody@example.com 的人员。');

    // A blank reason (spaces pass the browser's "required"): the server's 400 shows under the field.
    await tid('goal-adjust-owner').fill('li.lei@example.com');
    await tid('goal-adjust-target').fill('50');
    await tid('goal-adjust-reason').fill('   ');
    await tid('goal-adjust-submit').click();
    await p.locator('[data-testid="field-problem"][data-field="reason"]').waitFor(WAIT);
    expect(await tid('goal-adjust-error').innerText()).toBe('请修正标出的内容。');
    expect(await tid('goal-adjust-reason').getAttribute('aria-invalid')).toBe('true');
    await shot('goals-adjust-error-zh');

    await tid('goal-adjust-reason').fill('重点客户名单缩减为 50 家');
    await tid('goal-adjust-submit').click();
    await tid('goal-adjust-done').waitFor(WAIT);
    await expect.poll(() => tid('goal-revision').count(), WAIT).toBe(2);
    const newest = tid('goal-revision').first();
    expect(await newest.getAttribute('data-created')).toBe('false');
    expect(await newest.getByTestId('goal-revision-reason').innerText()).toBe('原因：重点客户名单缩减为 50 家');
    expect(await attrs('[data-testid="goal-revision"]:first-child [data-testid="goal-change"]', 'data-field')).toEqual(['targetValue']);
    expect(await newest.getByTestId('goal-change').innerText()).toBe('目标值 60 → 50');
    expect(await newest.innerText()).toContain(ADMIN_EMAIL); // who: the signed-in admin
    expect(await tid('goal-values').innerText()).toBe('30 / 50 家（起始 0）');

    // The tree follows: 30 of 50 is 60%, and the department goal (2 × 60 + 0) / 3 = 40%.
    await expect.poll(() => row('CS-1-1').getByTestId('goal-progress-value').innerText(), WAIT).toBe('60%');
    expect(await row('CS-1').getByTestId('goal-progress').getAttribute('data-progress')).toBe('40');
    const detail = await call<{ revisions: { changes: Record<string, unknown[]>; reason: string }[] }>('GET', `/api/goals/${await goalId('CS-1-1')}`);
    expect(detail.revisions[0]).toMatchObject({ changes: { targetValue: [60, 50] }, reason: '重点客户名单缩减为 50 家' });
    await shot('goals-detail-zh');
  }, 60_000);

  it('refuses an import with a bad row, listing the line problems, then imports a good one', async () => {
    const p = suite.page;
    await p.locator('[data-testid="goal-import"] > summary').click();
    const bad = [
      GOALS_HEADER,
      'CS-1-3,CS-1,individual,新人培训完成率,han.meimei@example.com,研发中心/后端组,%,0,100,-1,2026-10-01,2026-12-31,14',
      'CS-1-4,CS-1,individual,代码评审及时率,li.lei@example.com,研发中心/后端组,%,0,100,1,2026-13-01,2026-12-31,14',
    ].join('\n');
    // Picked as a file: its text lands in the box, then the import is refused as a whole.
    await tid('goal-import-file').setInputFiles({ name: 'goals.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect.poll(() => tid('goal-import-text').inputValue(), WAIT).toBe(bad);
    await tid('goal-import-submit').click();
    await tid('goal-import-error').waitFor(WAIT);
    expect(await tid('goal-import-error').getAttribute('data-code')).toBe('import_invalid');
    expect(await attrs('[data-testid="import-problem"]', 'data-line')).toEqual(['2', '3']);
    expect(await attrs('[data-testid="import-problem"]', 'data-field')).toEqual(['weight', 'period_start']);
    const problems = await texts('[data-testid="import-problem"]');
    expect(problems[0]).toMatch(/^第 2 行： weight /);
    expect(problems[1]).toMatch(/^第 3 行： period_start /);
    expect(await tid('goal-import-error').innerText()).toContain('未导入任何内容。请修正以下 2 个问题后重试：');
    expect(await tid('goal-node').count()).toBe(4); // nothing was written
    await shot('goals-import-error-zh');

    await tid('goal-import-text').fill(
      [GOALS_HEADER, 'CS-1-3,CS-1,individual,新人培训完成率,han.meimei@example.com,研发中心/后端组,%,0,100,1,2026-10-01,2026-12-31,14'].join('\n'),
    );
    await tid('goal-import-submit').click();
    await tid('goal-import-done').waitFor(WAIT);
    expect(await tid('goal-import-done').innerText()).toBe('已导入 1 个目标：新增 1 个，更新 0 个。');
    await node('CS-1-3').waitFor(WAIT);
    expect(await node('CS-1-3').getAttribute('data-depth')).toBe('1');
    // One more child at 0% weighs in: (2 × 60 + 0 + 0) / 4.
    await expect.poll(() => row('CS-1').getByTestId('goal-progress').getAttribute('data-progress'), WAIT).toBe('30');
  }, 60_000);

  it('charts the company update rate by week over the last 12 weeks, with a table by department', async () => {
    const p = suite.page;
    await view('update-rate');
    expect(p.url()).toMatch(/#\/goals\/update-rate$/);
    // The last 12 ISO weeks up to today (Monday 30 Nov): from Monday 14 Sep.
    // The range is filled once the page has today's date from the server: waited for, not read at once.
    await expect.poll(() => tid('rate-from').inputValue(), WAIT).toBe('2026-09-14');
    expect(await tid('rate-to').inputValue()).toBe('2026-11-30');
    await expect.poll(() => rateBars(), WAIT).toBe(1);
    expect(await tid('rate-week').count()).toBe(12);

    // Week 48 held the 26 Nov checkpoints: four were due, only 李雷's was made on time.
    const report = await call<{ weeks: { week: string; company: { due: number; onTime: number; rate: number } }[] }>(
      'GET',
      '/api/reports/update-rate?from=2026-09-14&to=2026-11-30',
    );
    expect(report.weeks).toEqual([expect.objectContaining({ week: '2026-W48', company: { due: 4, onTime: 1, rate: 0.25 } })]);
    const weeks = await p.locator('[data-testid="rate-week"]').evaluateAll((els) =>
      els.map((e) => ({ week: e.getAttribute('data-week'), rate: e.getAttribute('data-rate'), due: e.getAttribute('data-due') })),
    );
    expect(weeks[0]).toEqual({ week: '2026-W38', rate: '', due: '0' });
    expect(weeks[10]).toEqual({ week: '2026-W48', rate: '0.25', due: '4' });
    expect(weeks[11]).toEqual({ week: '2026-W49', rate: '', due: '0' });
    expect(await p.locator('[data-testid="rate-week"][data-week="2026-W48"] .rate-value').textContent()).toBe('25%');
    // ECharts has drawn the bars on its canvas
    await p.locator('[data-testid="echart-rate"][data-ready="true"] canvas').waitFor(WAIT);

    const table = () =>
      p.locator('[data-testid="rate-row"]').evaluateAll((els) =>
        Object.fromEntries(els.map((e) => [e.getAttribute('data-department'), [...e.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())])),
      );
    expect(await table()).toEqual({
      '*': ['全公司', '4', '1', '25%'],
      研发中心: ['研发中心', '1', '0', '0%'],
      '研发中心/后端组': ['研发中心/后端组', '2', '1', '50%'],
      市场部: ['市场部', '1', '0', '0%'],
    });
    await shot('goals-update-rate-zh');

    // Picking a week narrows the table; a range with nothing due says so; the default range comes back.
    await tid('rate-week-select').selectOption('2026-W48');
    expect((await table())['*']).toEqual(['全公司', '4', '1', '25%']);
    await tid('rate-from').fill('2026-11-27');
    await tid('rate-empty').waitFor(WAIT);
    await tid('rate-table-empty').waitFor(WAIT);
    expect(await tid('rate-week').count()).toBe(2);
    await tid('rate-reset').click();
    await expect.poll(() => tid('rate-from').inputValue(), WAIT).toBe('2026-09-14');
    await expect.poll(() => rateBars(), WAIT).toBe(1);
  }, 60_000);

  it('saves a department override of the escalation rules, refusing an unknown department and a bad rule', async () => {
    const p = suite.page;
    await view('escalation');
    const company = p.locator('[data-testid="rule-form"][data-mode="company"]');
    await company.waitFor(WAIT);
    // The defaults of the source case.
    expect(await company.getByTestId('rule-remind-before').inputValue()).toBe('3');
    expect(await company.getByTestId('rule-remind-due').isChecked()).toBe(true);
    expect(await company.getByTestId('rule-manager-after').inputValue()).toBe('1');
    expect(await company.getByTestId('rule-further-after').inputValue()).toBe('');
    expect(await company.getByTestId('rule-further-to').isDisabled()).toBe(true);
    expect(await company.getByTestId('rule-work-start').inputValue()).toBe('09:00');
    expect(await company.getByTestId('rule-work-end').inputValue()).toBe('18:00');
    await tid('rules-no-overrides').waitFor(WAIT);

    // A company rule whose working hours end before they start: the 400 shows under the field.
    await company.getByTestId('rule-work-end').fill('08:00');
    await company.getByTestId('rule-save').click();
    await company.locator('[data-testid="field-problem"][data-field="workEnd"]').waitFor(WAIT);
    await company.getByTestId('rule-work-end').fill('18:00');

    await p.locator('[data-testid="rule-add"] > summary').click();
    const add = p.locator('[data-testid="rule-form"][data-mode="new"]');
    await add.getByTestId('rule-department').fill('研发中心/不存在');
    await add.getByTestId('rule-save').click();
    await add.getByTestId('rule-error').waitFor(WAIT);
    expect(await add.getByTestId('rule-error').innerText()).toBe('没有这个部门。请填写完整路径，如：研发中心/后端组。');

    await add.getByTestId('rule-department').fill('研发中心/后端组');
    await add.getByTestId('rule-remind-before').fill('1');
    await add.getByTestId('rule-manager-after').fill('2');
    await add.getByTestId('rule-further-after').fill('3');
    await add.getByTestId('rule-further-to').selectOption('hr');
    await add.getByTestId('rule-save').click();
    await tid('rules-outcome').waitFor(WAIT);
    expect(await tid('rules-outcome').innerText()).toBe('已保存 研发中心/后端组 的覆盖规则。');
    const override = p.locator('[data-testid="rule-override"][data-department="研发中心/后端组"]');
    await override.waitFor(WAIT);
    expect(await override.getByTestId('rule-summary').innerText()).toBe(
      '提前 1 个工作日提醒；检查日当天提醒；逾期 2 个工作日通知主管；再过 3 个工作日升级给人事；消息时段 09:00–18:00',
    );
    const rules = await call<{ company: { managerAfterDays: number }; departments: unknown[] }>('GET', '/api/escalation-rules');
    expect(rules.company.managerAfterDays).toBe(1); // the company rule is untouched
    expect(rules.departments).toEqual([
      {
        department: '研发中心/后端组',
        remindBeforeDays: 1,
        remindOnDueDay: true,
        managerAfterDays: 2,
        furtherAfterDays: 3,
        furtherTo: 'hr',
        workStart: '09:00',
        workEnd: '18:00',
      },
    ]);
    // The add form is fresh for the next department.
    expect(await p.locator('[data-testid="rule-form"][data-mode="new"] [data-testid="rule-department"]').inputValue()).toBe('');
    await override.locator('summary').click();
    await shot('goals-escalation-zh', true);

    // Add and remove an override for 市场部.
    await p.locator('[data-testid="rule-form"][data-mode="new"] [data-testid="rule-department"]').fill('市场部');
    await p.locator('[data-testid="rule-form"][data-mode="new"] [data-testid="rule-save"]').click();
    const market = p.locator('[data-testid="rule-override"][data-department="市场部"]');
    await market.waitFor(WAIT);
    await market.locator('summary').click();
    await market.getByTestId('rule-remove').click();
    await market.waitFor({ state: 'detached', ...WAIT });
    expect(await tid('rules-outcome').getAttribute('data-action')).toBe('removed');
    expect((await call<{ departments: { department: string }[] }>('GET', '/api/escalation-rules')).departments.map((d) => d.department)).toEqual([
      '研发中心/后端组',
    ]);
  }, 60_000);

  it('shows managers and employees only what their role may do', async () => {
    const p = suite.page;
    const signInAs = async (email: string) => {
      await p.context().clearCookies();
      await signInViaChatLink(p, suite.app, email);
      await p.goto(`${suite.app.url}/#/goals`);
      await p.waitForSelector('[data-testid="goals-page"]', WAIT);
      await node('CS-1').waitFor(WAIT);
    };

    // 王芳 manages 李雷 and 韩梅梅: the update-rate report of her team, and the adjust form on their goals.
    await signInAs('wang.fang@example.com');
    expect(await attrs('[data-testid="nav-tab"]', 'data-route')).toEqual(['me', 'team', 'people', 'chat', 'log', 'reports', 'leaderboard', 'rewards', 'goals', 'reviews', 'talent']);
    expect(await attrs('[data-testid="goals-view"]', 'data-view')).toEqual(['tree', 'update-rate']);
    expect(await tid('goal-import').count()).toBe(0);
    await row('CS-1-2').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"]', WAIT);
    expect(await tid('goal-adjust').count()).toBe(1);
    // The rules are the admin's: the address falls back to the tree.
    await p.goto(`${suite.app.url}/#/goals/escalation`);
    await p.waitForSelector('[data-testid="goals-page"][data-view="tree"]', WAIT);

    // 李雷 sees the department goal and his own, not his colleague's, and adjusts none of them.
    await signInAs('li.lei@example.com');
    expect(await attrs('[data-testid="nav-tab"]', 'data-route')).toEqual(['me', 'chat', 'log', 'reports', 'leaderboard', 'rewards', 'goals']);
    expect(await tid('goals-view').count()).toBe(0);
    expect(await tid('goal-import').count()).toBe(0);
    expect(await node('CS-1-2').count()).toBe(0);
    await row('CS-1-1').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"]', WAIT);
    expect(await tid('goal-adjust').count()).toBe(0);
    await tid('goal-checkpoint').first().waitFor(WAIT);

    await p.context().clearCookies();
    await loginAsAdmin(suite.app.url);
    await p.goto(`${suite.app.url}/#/goals`);
    await p.waitForSelector('[data-testid="goals-view"]', WAIT);
  }, 90_000);

  it('switches the Goals page to English', async () => {
    const p = suite.page;
    await tid('lang-switch').selectOption('en');
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['My team', 'HR overview', 'People', 'Setup', 'Chat simulator', 'Progress log', 'Dashboards', 'Leaderboard', 'Rewards', 'Redemptions', 'Goals', 'Reviews', 'Talent', 'Calendar', 'Audit', 'Integrations', 'Settings']);
    expect(await texts('[data-testid="goals-view"]')).toEqual(['Goal tree', 'Update rate', 'Escalation rules']);
    await node('CS-1-1').waitFor(WAIT);
    expect(await row('CS-1-1').getByTestId('goal-status').innerText()).toBe('On track');
    expect(await row('CS-1-1').getByTestId('goal-next').innerText()).toBe('Next check-in Dec 10');
    await row('CS-1-1').getByTestId('goal-open').click();
    await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"]', WAIT);
    expect(await tid('goal-values').innerText()).toBe('30 of 50 家 (started at 0)');
    expect(await tid('goal-change').first().innerText()).toBe('Target 60 → 50');
    await shot('goals-detail-en');

    await view('update-rate');
    await expect.poll(() => rateBars(), WAIT).toBe(1);
    expect(await p.locator('.update-rate .data-table th').allInnerTexts()).toEqual(['Department', 'Due', 'On time', 'Rate']);
    await shot('goals-update-rate-en');

    await view('escalation');
    await p.locator('[data-testid="rule-override"]').first().waitFor(WAIT);
    expect(await tid('rule-summary').first().innerText()).toBe(
      'remind 1 working day(s) ahead; remind on the due day; manager after 2 working day(s) overdue; HR 3 working day(s) later; messages 09:00–18:00',
    );
    await shot('goals-escalation-en');
    await view('tree');
  }, 60_000);

  it('fits a phone screen in every section', async () => {
    const p = suite.page;
    await p.setViewportSize(PHONE);
    for (const lang of ['en', 'zh-CN']) {
      await tid('lang-switch').selectOption(lang);
      const suffix = lang === 'en' ? 'en' : 'zh';
      await expectTabsWithin(PHONE.width, lang);

      await view('tree');
      await node('CS-1').waitFor(WAIT);
      await expectNoSidewaysScroll(`goal tree (${lang}, phone)`);
      await shot(`goals-tree-${suffix}-phone`);
      await row('CS-1-1').getByTestId('goal-open').click();
      await p.waitForSelector('[data-testid="goal-detail"][data-status="ok"]', WAIT);
      await p.locator('[data-testid="goal-adjust"]').evaluate((el) => ((el as HTMLDetailsElement).open = true));
      await p.locator('[data-testid="goal-import"]').evaluate((el) => ((el as HTMLDetailsElement).open = true));
      await expectNoSidewaysScroll(`goal detail (${lang}, phone)`);
      await shot(`goals-detail-${suffix}-phone`, true);
      await tid('goal-detail-close').click();

      await view('update-rate');
      await expect.poll(() => rateBars(), WAIT).toBe(1);
      await expectNoSidewaysScroll(`update rate (${lang}, phone)`);
      await shot(`goals-update-rate-${suffix}-phone`, true);

      await view('escalation');
      await p.locator('[data-testid="rule-override"]').first().waitFor(WAIT);
      await expectNoSidewaysScroll(`escalation rules (${lang}, phone)`);
      await shot(`goals-escalation-${suffix}-phone`, true);
    }
    await p.setViewportSize(DESKTOP);
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 120_000);

  it('binds a key result to a metric in the adjust form; an import moves it, listed as 自动 with its source', async () => {
    const p = suite.page;
    await call('POST', '/api/metric-definitions', { key: 'closure_rate_48h', label: { 'zh-CN': '48 小时闭环率', en: '48 h closure rate' }, unit: '%', direction: 'higher', aggregation: 'last' });
    await view('tree');
    const hanGoal = await goalId('CS-1-2');
    await row('CS-1-2').getByTestId('goal-open').click();
    await p.waitForSelector(`[data-testid="goal-detail"][data-status="ok"][data-goal-id="${hanGoal}"]`, WAIT);
    expect(await tid('goal-metric').count()).toBe(0);
    await p.locator('[data-testid="goal-adjust"] > summary').click();
    await p.locator('[data-testid="goal-adjust-metric"] option[value="closure_rate_48h"]').waitFor({ state: 'attached', ...WAIT });
    expect(await tid('goal-adjust-metric').inputValue()).toBe('');
    await tid('goal-adjust-metric').selectOption('closure_rate_48h');
    await tid('goal-adjust-reason').fill('按客服系统数据自动更新');
    await tid('goal-adjust-submit').click();
    await tid('goal-adjust-done').waitFor(WAIT);
    await expect.poll(() => tid('goal-metric').innerText(), WAIT).toBe('48 小时闭环率（数值随指标自动更新）');
    expect(await tid('goal-change').first().innerText()).toContain('closure_rate_48h');

    // the helpdesk's figures arrive through the metric store: the goal moves by itself
    expect(await call('POST', '/api/metrics', { source: 'helpdesk-csv', records: [{ email: 'han.meimei@example.com', metric: 'closure_rate_48h', period: '2026-11', value: 75 }] })).toMatchObject({ created: 1 });
    await row('CS-1-1').getByTestId('goal-open').click();
    await p.waitForSelector(`[data-testid="goal-detail"][data-status="ok"][data-goal-id="${await goalId('CS-1-1')}"]`, WAIT);
    await row('CS-1-2').getByTestId('goal-open').click();
    await p.waitForSelector(`[data-testid="goal-detail"][data-status="ok"][data-goal-id="${hanGoal}"]`, WAIT);
    expect(await tid('goal-values').innerText()).toBe('75 / 90 %（起始 60）');
    const auto = tid('goal-checkin').first();
    expect(await auto.getAttribute('data-auto')).toBe('true');
    expect(await auto.getByTestId('checkin-auto').innerText()).toBe('自动');
    expect(await auto.innerText()).toContain('来源 helpdesk-csv');
    await shot('goals-metric-auto-zh');
    await tid('lang-switch').selectOption('en');
    expect(await auto.getByTestId('checkin-auto').innerText()).toBe('Auto');
    await tid('lang-switch').selectOption('zh-CN');
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);

  it('lists the current goals by default; the period switch (当前 / 全部 / a year) reaches last year’s goals', async () => {
    const p = suite.page;
    const lastYear = [
      GOALS_HEADER,
      'OLD-1,,department,2025 部门目标,wang.fang@example.com,研发中心,%,0,100,1,2025-01-01,2025-12-31,91',
      'OLD-1-1,OLD-1,individual,2025 回访客户,li.lei@example.com,研发中心/后端组,家,0,40,1,2025-01-01,2025-12-31,91',
    ].join('\n');
    expect(await call('POST', '/api/goals/import', lastYear, 'text/csv')).toEqual({ created: 2, updated: 0, total: 2 });
    await p.reload();
    await node('CS-1').waitFor(WAIT);
    expect(await tid('goals-period').inputValue()).toBe('current');
    expect(await p.locator('[data-testid="goals-period"] option').allInnerTexts()).toEqual(['当前', '全部', '2026', '2025', '2024', '2023']);
    expect(await node('OLD-1').count()).toBe(0);

    await tid('goals-period').selectOption('all');
    await node('OLD-1-1').waitFor(WAIT);
    expect(await attrs('[data-testid="goal-node"]', 'data-ref')).toEqual(expect.arrayContaining(['CS-1', 'CS-1-1', 'MK-1', 'OLD-1', 'OLD-1-1']));
    await shot('goals-tree-all-zh');

    await tid('goals-period').selectOption('2025');
    await expect.poll(() => node('CS-1').count(), WAIT).toBe(0);
    expect(await attrs('[data-testid="goal-node"]', 'data-ref')).toEqual(['OLD-1', 'OLD-1-1']);

    await tid('goals-period').selectOption('current');
    await expect.poll(() => node('OLD-1').count(), WAIT).toBe(0);
    await node('CS-1').waitFor(WAIT);
    await tid('lang-switch').selectOption('en');
    expect(await p.locator('[data-testid="goals-period"] option').allInnerTexts()).toEqual(['Current', 'All', '2026', '2025', '2024', '2023']);
    await tid('lang-switch').selectOption('zh-CN');
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
});
