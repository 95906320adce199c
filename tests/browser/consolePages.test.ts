/**
 * Real-browser test of the console's pages beyond the chat simulator: navigation, the system warnings banner,
 * the leaderboard (live and as announced), rewards (add and edit through the form, server validation),
 * redemption approval and manual points adjustments, in Chinese and English, at desktop and phone widths.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import { calendarWarnings } from '../../bot/domain/calendarWarnings';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, DESKTOP, PHONE, WAIT, ZH_DESKTOP, screenshotPath, testIds, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: 20 Nov 2026, 11:00 in Shanghai, running on in real time from the start of the test. */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;
const MONTH = '2026-11';

let coffeeId = 0;

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-console-',
  people: CONSOLE_TEAM_CSV,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    ({ coffeeId } = await setTheScene());
  },
});

/** The logged-in admin client of the JSON API, for setting the scene. */
const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);

const adjust = (email: string, amount: number, reason: string) => call('POST', '/api/points/adjust', { email, amount, reason });

interface Pending {
  redemptions: { id: number; email: string; status: string }[];
}
const pending = () => call<Pending>('GET', '/api/redemptions?status=pending');

/** Points, a reward, two redemptions by chat and the month's announcement, all through the API (after the people). */
async function setTheScene(): Promise<{ coffeeId: number }> {
  const coffee = await call<{ id: number }>('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift', stock: 10 });
  await adjust('han.meimei@example.com', 8, '季度分享');
  await adjust('kevin.li@example.com', 6, '客户好评');
  await adjust('li.lei@example.com', 5, '帮助新人');
  await adjust('wang.fang@example.com', 3, '组织培训');
  for (const employee of ['li.lei@example.com', 'han.meimei@example.com']) {
    await call('POST', '/api/local/messages', { employee, action: 'rewards.redeem', value: String(coffee.id) });
  }
  expect((await pending()).redemptions.map((r) => r.email)).toEqual(['li.lei@example.com', 'han.meimei@example.com']);
  // Announce November as it stands, then move the live board on: 王芳 overtakes everyone.
  await call('POST', '/api/jobs/leaderboard-monthly/run');
  await adjust('wang.fang@example.com', 10, '重大项目上线');
  return { coffeeId: coffee.id };
}

const { tid, texts, go, expectNoSidewaysScroll, loginAsAdmin, expectTabsWithin } = testIds(() => suite.page);

async function shot(name: string): Promise<void> {
  await suite.page.screenshot({ path: screenshotPath(name) });
}

describe('console pages', () => {
  it('logs in (the admin lands on Setup), opens the chat simulator, with navigation and the localized warnings banner', async () => {
    const p = suite.page;
    await loginAsAdmin(suite.app.url);

    expect(await texts('[data-testid="nav-tab"]')).toEqual(['我的团队', 'HR 概览', '人员', '设置', '聊天模拟器', '进展日志', '看板', '积分榜', '奖励', '兑换审批', '目标', '考核', '人才', '日历', '审计', '数据集成', '配置']);
    expect(await p.locator('[data-testid="nav-tab"][aria-current="page"]').getAttribute('data-route')).toBe('chat');

    // What the server warns about at this clock, in Chinese (the banner is absent when there is nothing).
    const expected = calendarWarnings(clock());
    if (expected.length === 0) {
      expect(await tid('warnings-banner').count()).toBe(0);
    } else {
      await tid('warnings-banner').waitFor(WAIT);
      const shown = await texts('[data-testid="warning"]');
      expect(shown).toEqual(
        expected.map((w) => `国家法定节假日数据尚未包含 ${w.params.year} 年：暂按农历推算的法定假日（临时）计算，调休补班日未知。请在公司日历中补录 ${w.params.year} 年的调休安排。`),
      );
    }
    await shot('console-chat-zh');

    // Known codes are localized with their parameters; unknown codes fall back to the server's message.
    await p.route('**/api/system/status', (route) =>
      route.fulfill({
        json: {
          warnings: [
            { code: 'holidays_missing', params: { year: 2031 }, message: 'ignored' },
            { code: 'brand_new_warning', params: {}, message: 'Something the console does not know yet.' },
          ],
        },
      }),
    );
    await p.reload();
    await tid('warnings-banner').waitFor(WAIT);
    expect(await texts('[data-testid="warning"]')).toEqual([
      '国家法定节假日数据尚未包含 2031 年：暂按农历推算的法定假日（临时）计算，调休补班日未知。请在公司日历中补录 2031 年的调休安排。',
      'Something the console does not know yet.',
    ]);
    await tid('warnings-dismiss').click();
    await tid('warnings-banner').waitFor({ state: 'detached', ...WAIT });
    await p.unroute('**/api/system/status');
  }, 60_000);

  it('shows the leaderboard in order with bars, filters by department, and the month as announced', async () => {
    const p = suite.page;
    await go('leaderboard');
    expect(p.url()).toMatch(/#\/leaderboard$/);
    // The month field fills in when the server's first answer says which month is current.
    await expect.poll(() => tid('leaderboard-month').inputValue(), WAIT).toBe(MONTH);

    const names = () => texts('[data-testid="leaderboard-row"] [data-testid="leaderboard-name"]');
    await expect.poll(names, WAIT).toEqual(['王芳', '韩梅梅', 'Kevin Li', '李雷']);
    expect(await texts('[data-testid="leaderboard-row"] [data-testid="leaderboard-score"]')).toEqual(['13', '8', '6', '5']);
    // the chart (ECharts, on a canvas) draws the same scores, the longest bar first
    expect(await tid('leaderboard-chart').getAttribute('data-scores')).toBe('13,8,6,5');
    await p.locator('[data-testid="echart-leaderboard"][data-ready="true"] canvas').waitFor(WAIT);

    // As announced: the frozen order before 王芳's last points, with the top share highlighted.
    const snapshot = await call<{ entries: { name: string; top: boolean }[] }>('GET', `/api/leaderboard/snapshots/${MONTH}`);
    expect(snapshot.entries.map((e) => e.name)).toEqual(['韩梅梅', 'Kevin Li', '李雷', '王芳']);
    await p.waitForSelector('[data-testid="snapshot-section"][data-status="ok"]', WAIT);
    expect(await p.locator('[data-testid="snapshot-section"] h3').innerText()).toBe('已公布的结果');
    const entries = await p
      .locator('[data-testid="snapshot-entry"]')
      .evaluateAll((els) => els.map((e) => ({ name: e.querySelector('.cell-main')?.textContent, top: e.getAttribute('data-top') === 'true' })));
    expect(entries).toEqual(snapshot.entries.map((e) => ({ name: e.name, top: e.top })));
    expect(entries[0]).toEqual({ name: '韩梅梅', top: true });
    await shot('console-leaderboard-zh');

    // Department filter: a path and everything under it.
    await tid('leaderboard-department').fill('研发中心/后端组');
    await expect.poll(names, WAIT).toEqual(['韩梅梅', '李雷']);
    await tid('leaderboard-department').fill('研发中心');
    await expect.poll(names, WAIT).toEqual(['王芳', '韩梅梅', '李雷']);
    await tid('leaderboard-department').fill('');
    await expect.poll(names, WAIT).toEqual(['王芳', '韩梅梅', 'Kevin Li', '李雷']);

    // A month nobody scored in, never announced.
    await tid('leaderboard-month').fill('2026-10');
    await tid('snapshot-none').waitFor(WAIT);
    expect(await tid('snapshot-none').innerText()).toBe('本月尚未公布');
    await expect.poll(() => tid('leaderboard-row').count(), WAIT).toBe(0);
    await tid('leaderboard-month').fill(MONTH);
    await expect.poll(names, WAIT).toEqual(['王芳', '韩梅梅', 'Kevin Li', '李雷']);
    await p.waitForSelector('[data-testid="snapshot-section"][data-status="ok"]', WAIT);
  }, 60_000);

  it('approves a redemption, shows a 409 for one decided elsewhere, and adjusts points', async () => {
    const p = suite.page;
    await go('redemptions');
    const items = (status: string) => p.locator(`[data-testid="redemption-item"][data-status="${status}"]`);
    await expect.poll(() => items('pending').count(), WAIT).toBe(2);
    await shot('console-redemptions-zh');

    // Approve 李雷's request with a note: it leaves the pending list.
    const lilei = p.locator('[data-testid="redemption-item"][data-email="li.lei@example.com"]');
    await lilei.getByTestId('redemption-note').fill('请到前台领取');
    await lilei.getByTestId('redemption-approve').click();
    await tid('redemption-done').waitFor(WAIT);
    expect(await tid('redemption-done').innerText()).toBe('已批准 李雷 的“咖啡券”兑换。');
    await expect.poll(() => items('pending').count(), WAIT).toBe(1);
    expect(await lilei.count()).toBe(0);

    // Someone else approves 韩梅梅's meanwhile; rejecting it here answers 409, which the page says, then refreshes.
    const [other] = (await pending()).redemptions;
    expect(other.email).toBe('han.meimei@example.com');
    await call('POST', `/api/redemptions/${other.id}/approve`, {});
    await p.locator('[data-testid="redemption-item"][data-email="han.meimei@example.com"]').getByTestId('redemption-reject').click();
    await tid('redemption-error').waitFor(WAIT);
    expect(await tid('redemption-error').innerText()).toContain('已经被处理过了');
    await tid('redemptions-empty').waitFor(WAIT);
    await shot('console-redemptions-409-zh');

    // Both are listed as approved, with the note.
    await p.locator('[data-testid="redemption-filter"][data-status="approved"]').click();
    await expect.poll(() => items('approved').count(), WAIT).toBe(2);
    expect(await p.locator('[data-testid="redemption-item"][data-email="li.lei@example.com"]').innerText()).toContain('备注：请到前台领取');

    // Points adjustment: the new balance, an unknown e-mail, and an overdraft.
    await tid('adjust-email').fill('li.lei@example.com');
    await tid('adjust-amount').fill('-1');
    await tid('adjust-reason').fill('更正重复记分');
    await tid('adjust-submit').click();
    await tid('adjust-result').waitFor(WAIT);
    expect(await tid('adjust-result').getAttribute('data-balance')).toBe('1'); // 5 − 3 (coffee) − 1
    expect(await tid('adjust-result').innerText()).toBe('li.lei@example.com：-1 分，新余额 1。');

    await tid('adjust-email').fill('nobody@example.com');
    await tid('adjust-amount').fill('2');
    await tid('adjust-reason').fill('测试');
    await tid('adjust-submit').click();
    await tid('adjust-error').waitFor(WAIT);
    expect(await tid('adjust-error').innerText()).toBe('通讯录中没有邮箱为 nobody@example.com 的人员。');

    await tid('adjust-email').fill('li.lei@example.com');
    await tid('adjust-amount').fill('-100');
    await tid('adjust-reason').fill('测试');
    await tid('adjust-submit').click();
    await expect.poll(() => tid('adjust-error').innerText(), WAIT).toBe('积分不足，余额不能为负。');
    await shot('console-redemptions-approved-zh');
  }, 60_000);

  it('adds a reward through the form (showing server validation first) and edits one', async () => {
    const p = suite.page;
    await go('rewards');
    const card = (name: string) => p.locator('[data-testid="reward-card"]').filter({ has: p.locator('[data-testid="reward-name"]', { hasText: name }) });
    await card('咖啡券').waitFor(WAIT);

    // Time off without hours: the server refuses and the form shows it under the field.
    await tid('reward-name-zh').fill('调休半天');
    await tid('reward-name-en').fill('Half day off');
    await tid('reward-cost-input').fill('20');
    await tid('reward-kind-input').selectOption('time_off');
    await tid('reward-stock-input').fill('2');
    await tid('reward-submit').click();
    await p.locator('[data-testid="field-problem"][data-field="hours"]').waitFor(WAIT);
    expect(await tid('reward-form-error').innerText()).toBe('请修正标出的内容。');
    expect(await tid('reward-hours-input').getAttribute('aria-invalid')).toBe('true');
    await shot('console-rewards-validation-zh');

    await tid('reward-hours-input').fill('4');
    await tid('reward-submit').click();
    await tid('reward-form-saved').waitFor(WAIT);
    expect(await tid('reward-form-saved').innerText()).toBe('已添加“调休半天”。');
    await card('调休半天').waitFor(WAIT);
    expect(await card('调休半天').getByTestId('reward-cost').innerText()).toBe('20 分');
    expect(await card('调休半天').getByTestId('reward-kind').innerText()).toBe('调休 · 4 小时');
    expect(await card('调休半天').getByTestId('reward-stock').innerText()).toBe('库存 2');
    expect(await tid('reward-name-zh').inputValue()).toBe(''); // ready for the next one

    // Edit the coffee voucher: cost 3 → 4 (PUT), then the form goes back to adding.
    await card('咖啡券').getByTestId('reward-edit').click();
    await p.waitForSelector('[data-testid="reward-form"][data-mode="edit"]', WAIT);
    expect(await tid('reward-name-en').inputValue()).toBe('Coffee voucher');
    expect(await tid('reward-stock-input').inputValue()).toBe('8'); // two redeemed
    await tid('reward-cost-input').fill('4');
    await tid('reward-submit').click();
    await p.waitForSelector('[data-testid="reward-form"][data-mode="add"]', WAIT);
    expect(await tid('reward-form-saved').innerText()).toBe('已保存“咖啡券”。');
    await expect.poll(() => card('咖啡券').getByTestId('reward-cost').innerText(), WAIT).toBe('4 分');
    const rewards = await call<{ rewards: { id: number; cost: number }[] }>('GET', '/api/rewards');
    expect(rewards.rewards.find((r) => r.id === coffeeId)?.cost).toBe(4);
    await shot('console-rewards-zh');
  }, 60_000);

  it('switches every page to English', async () => {
    const p = suite.page;
    await tid('lang-switch').selectOption('en');
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['My team', 'HR overview', 'People', 'Setup', 'Chat simulator', 'Progress log', 'Dashboards', 'Leaderboard', 'Rewards', 'Redemptions', 'Goals', 'Reviews', 'Talent', 'Calendar', 'Audit', 'Integrations', 'Settings']);
    expect(await p.locator('.rewards-page h2').innerText()).toBe('Rewards');
    await expect.poll(() => texts('[data-testid="reward-name"]'), WAIT).toEqual(['Coffee voucher', 'Half day off']);
    expect(await texts('[data-testid="reward-kind"]')).toEqual(['Gift', 'Time off · 4 h']);
    expect(await tid('reward-submit').innerText()).toBe('Add reward');
    await shot('console-rewards-en');

    await go('leaderboard');
    expect(await p.locator('[data-testid="snapshot-section"] h3').innerText()).toBe('As announced');
    expect(await p.locator('.leaderboard-table th').allInnerTexts()).toEqual(['Rank', 'Name', 'Points']);
    await shot('console-leaderboard-en');

    await go('redemptions');
    expect(await p.locator('[data-testid="redemption-filter"]').allInnerTexts()).toEqual(['Pending', 'Approved', 'Rejected', 'All']);
    expect(await tid('adjust-submit').innerText()).toBe('Adjust');
    await shot('console-redemptions-en');

    // The language sticks across a reload (and the warnings come back, in English).
    await p.reload();
    await tid('redemptions-page').waitFor(WAIT);
    expect(await texts('[data-testid="nav-tab"]')).toContain('Redemptions');
    const expected = calendarWarnings(clock());
    if (expected.length > 0) {
      await tid('warnings-banner').waitFor(WAIT);
      expect((await texts('[data-testid="warning"]'))[0]).toContain(`public holidays for ${expected[0].params.year}`);
    }
  }, 60_000);

  it('fits a phone screen on every page', async () => {
    const p = suite.page;
    await p.setViewportSize(PHONE);
    for (const lang of ['en', 'zh-CN']) {
      await tid('lang-switch').selectOption(lang);
      const suffix = lang === 'en' ? 'en' : 'zh';
      // Every tab fits on the phone's screen, no hidden scrolling needed to find one.
      await expectTabsWithin(PHONE.width, lang);
      for (const route of ['chat', 'leaderboard', 'rewards', 'redemptions']) {
        await go(route);
        if (route === 'leaderboard') await tid('leaderboard-row').first().waitFor(WAIT);
        if (route === 'rewards') await tid('reward-card').first().waitFor(WAIT);
        await expectNoSidewaysScroll(`${route} (${lang}, phone)`);
        await shot(`console-${route}-${suffix}-phone`);
      }
    }
    // The phone layout stacks the leaderboard panels and keeps the tabs reachable.
    await go('leaderboard');
    await p.locator('.app-main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot('console-leaderboard-zh-phone-bottom');
    await p.setViewportSize(DESKTOP);
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 90_000);
});
