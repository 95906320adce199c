/**
 * Real-browser test of the console's Calendar page: the warnings banner's link to the year whose public holidays are
 * missing, company days (add a day off and a make-up workday, change one, a refused save, remove one) with weekdays in
 * a list and on the year grid, and leave (add, a refused range, an unknown e-mail, the filter, remove), checked against
 * the API, by role, in Chinese and English, at desktop and phone widths.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import { calendarWarnings } from '../../bot/domain/calendarWarnings';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, DESKTOP, PHONE, WAIT, ZH_DESKTOP, screenshotPath, screenshotShell, testIds, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai, running on in real time from the start of the test. */
const NOW = '2026-11-20T03:00:00Z';
const clock = new RunningClock(NOW).now;
/** The year whose public holidays the calendar data does not have yet (the banner asks for it from October). */
const NEXT_YEAR = 2027;

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-calendar-',
  people: CONSOLE_TEAM_CSV,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    // The browser's "this year" and "this month" are the server's: 2026, and leave from 1 Nov 2026 to 31 Jan 2027.
    await suite.page.clock.setFixedTime(new Date(NOW));
  },
});

/** The logged-in admin client of the JSON API, for checking what the browser did. */
const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);

interface HolidayJson {
  date: string;
  name: string;
  kind: string;
}
const apiHolidays = async (year: number) =>
  (await call<{ holidays: HolidayJson[] }>('GET', `/api/holidays?year=${year}`)).holidays.map(({ date, name, kind }) => ({ date, name, kind }));

interface LeaveJson {
  id: number;
  email: string;
  startDate: string;
  endDate: string;
  reason: string | null;
}
const apiLeaves = async () =>
  (await call<{ leaves: LeaveJson[] }>('GET', '/api/leaves')).leaves.map(({ email, startDate, endDate, reason }) => ({ email, startDate, endDate, reason }));

const { tid, texts, go, expectNoSidewaysScroll, loginAsAdmin, expectTabsWithin } = testIds(() => suite.page);
const holiday = (date: string) => suite.page.locator(`[data-testid="holiday-item"][data-date="${date}"]`);
const gridDay = (date: string) => suite.page.locator(`[data-testid="holiday-grid"] td[data-date="${date}"]`);
const leaveOf = (email: string) => suite.page.locator(`[data-testid="leave-item"][data-email="${email}"]`);

async function shot(name: string, fullPage = false): Promise<void> {
  await screenshotShell(suite.page, screenshotPath(name), fullPage);
}

describe('console calendar', () => {
  it('opens the calendar for this year from the tab, and for the missing year from the banner', async () => {
    const p = suite.page;
    expect(
      calendarWarnings(clock()).map((w) => w.params.year),
      `the calendar data must lack ${NEXT_YEAR} for this test (chinese-days now has it: move NOW on a year)`,
    ).toContain(NEXT_YEAR);
    await loginAsAdmin(suite.app.url);
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['我的团队', 'HR 概览', '人员', '设置', '聊天模拟器', '进展日志', '看板', '积分榜', '奖励', '兑换审批', '目标', '考核', '人才', '日历', '审计', '数据集成', '配置']);

    // The tab: this year, where the national calendar is complete.
    await go('calendar');
    expect(p.url()).toMatch(/#\/calendar$/);
    await p.waitForSelector('[data-testid="holidays-panel"][data-year="2026"]', WAIT);
    expect(await p.locator('[data-testid="year-link"][aria-current="page"]').getAttribute('data-year')).toBe('2026');
    expect(await texts('[data-testid="year-link"]')).toEqual(['2026今年', '2027明年']);
    expect(await tid('holidays-missing').count()).toBe(0);
    expect(await p.locator('[data-testid="holidays-panel"] .panel-hint').innerText()).toBe(
      '这些日期叠加在中国大陆法定节假日和调休之上（后者机器人已自动遵循）。',
    );
    await tid('holidays-empty').waitFor(WAIT);
    // National days beside the company days: 2026 is published (with its make-up days), nothing provisional.
    await p.waitForSelector('[data-testid="national-days"][data-published="true"]', WAIT);
    expect(await tid('national-provisional').count()).toBe(0);
    expect(await p.locator('[data-testid="national-item"][data-kind="work"]').count()).toBeGreaterThan(0);

    // The banner's warning links to the calendar for that year, which says what to enter.
    const link = p.locator(`[data-testid="warning"][data-code="holidays_missing"] [data-testid="warning-link"]`).filter({ hasText: String(NEXT_YEAR) });
    expect(await link.getAttribute('href')).toBe(`#/calendar/${NEXT_YEAR}`);
    expect(await link.innerText()).toBe(`国家法定节假日数据尚未包含 ${NEXT_YEAR} 年：暂按农历推算的法定假日（临时）计算，调休补班日未知。请在公司日历中补录 ${NEXT_YEAR} 年的调休安排。`);
    await go('chat');
    await link.click();
    await p.waitForSelector(`[data-testid="holidays-panel"][data-year="${NEXT_YEAR}"]`, WAIT);
    expect(p.url()).toMatch(new RegExp(`#/calendar/${NEXT_YEAR}$`));
    expect(await p.locator('[data-testid="nav-tab"][aria-current="page"]').getAttribute('data-route')).toBe('calendar');
    expect(await p.locator('#holidays-title').innerText()).toBe(`${NEXT_YEAR} 年公司假期与调休`);
    expect(await tid('holidays-missing').innerText()).toContain(`国家法定节假日数据尚未包含 ${NEXT_YEAR} 年`);
    expect(await tid('holidays-empty').innerText()).toBe(`${NEXT_YEAR} 年还没有公司假期或调休。`);
    expect(await tid('holiday-month').count()).toBe(12);
    // 2027's statutory days, computed from the lunar calendar and marked provisional, beside the (empty) company days
    await p.waitForSelector('[data-testid="national-days"][data-published="false"]', WAIT);
    expect(await tid('national-provisional').innerText()).toBe('临时');
    expect(await p.locator('[data-testid="national-days"] > p').innerText()).toContain(`${NEXT_YEAR} 年的放假通知尚未收录，这些是按农历推算的法定假日`);
    const national = await p.locator('[data-testid="national-item"]').evaluateAll((els) =>
      els.map((e) => [(e as HTMLElement).dataset.from, (e as HTMLElement).dataset.to, e.querySelector('[data-testid="national-name"]')?.textContent, (e as HTMLElement).dataset.provisional]),
    );
    expect(national).toEqual([
      ['2027-01-01', '2027-01-01', '元旦', 'true'],
      ['2027-02-05', '2027-02-08', '春节（4 天）', 'true'],
      ['2027-04-05', '2027-04-05', '清明节', 'true'],
      ['2027-05-01', '2027-05-02', '劳动节（2 天）', 'true'],
      ['2027-06-09', '2027-06-09', '端午节', 'true'],
      ['2027-09-15', '2027-09-15', '中秋节', 'true'],
      ['2027-10-01', '2027-10-03', '国庆节（3 天）', 'true'],
    ]);
    expect(await gridDay('2027-02-05').getAttribute('class')).toContain('day-national-off day-provisional');
    expect(await gridDay('2027-02-05').getAttribute('title')).toContain('春节（放假，临时）');
    await shot('calendar-empty-zh', true);
  }, 60_000);

  it('adds a day off and a make-up workday with their weekdays, refuses a blank name, changes and removes one', async () => {
    const p = suite.page;
    // A day off through the form.
    await tid('holiday-date-input').fill('2027-01-01');
    await tid('holiday-name-input').fill('元旦');
    expect(await tid('holiday-kind-input').inputValue()).toBe('off');
    await tid('holiday-submit').click();
    await p.waitForSelector('[data-testid="holiday-outcome"][data-action="saved"]', WAIT);
    expect(await tid('holiday-outcome').innerText()).toBe('已保存 2027年1月1日 周五：元旦（放假）。');
    await holiday('2027-01-01').waitFor(WAIT);
    expect(await tid('holiday-date-input').inputValue()).toBe(''); // ready for the next one

    // A make-up Saturday picked on the year grid: the form is filled with the day, as a working day.
    await gridDay('2027-02-20').click();
    expect(await tid('holiday-date-input').inputValue()).toBe('2027-02-20');
    expect(await tid('holiday-kind-input').inputValue()).toBe('work');
    // A name of blanks passes the browser but not the server: its 400 is shown under the field.
    await tid('holiday-name-input').fill('   ');
    await tid('holiday-submit').click();
    await p.locator('[data-testid="field-problem"][data-field="name"]').waitFor(WAIT);
    expect(await tid('holiday-form-error').innerText()).toBe('请修正标出的内容。');
    expect(await tid('holiday-name-input').getAttribute('aria-invalid')).toBe('true');
    await shot('calendar-holiday-refused-zh');
    await tid('holiday-name-input').fill('春节调休');
    await tid('holiday-submit').click();
    await holiday('2027-02-20').waitFor(WAIT);
    expect(await tid('holiday-outcome').innerText()).toBe('已保存 2027年2月20日 周六：春节调休（上班）。');

    // Both listed in date order, with weekday and kind; marked on the grid.
    const rows = () =>
      p.locator('[data-testid="holiday-item"]').evaluateAll((els) =>
        els.map((e) => ['holiday-date', 'holiday-weekday', 'holiday-name', 'holiday-kind'].map((id) => e.querySelector(`[data-testid="${id}"]`)?.textContent)),
      );
    await expect.poll(rows, WAIT).toEqual([
      ['1月1日', '周五', '元旦', '放假'],
      ['2月20日', '周六', '春节调休', '上班'],
    ]);
    expect(await tid('holidays-count').innerText()).toBe('放假 1 天，上班 1 天');
    expect(await gridDay('2027-01-01').getAttribute('class')).toContain('day-off');
    expect(await gridDay('2027-02-20').getAttribute('class')).toContain('day-work');
    expect(await apiHolidays(NEXT_YEAR)).toEqual([
      { date: '2027-01-01', name: '元旦', kind: 'off' },
      { date: '2027-02-20', name: '春节调休', kind: 'work' },
    ]);
    await shot('calendar-holidays-zh', true);

    // Change one: the form says it replaces the day's entry (one PUT; still one entry on that date).
    await holiday('2027-01-01').getByTestId('holiday-edit').click();
    await p.waitForSelector('[data-testid="holiday-form"][data-mode="change"]', WAIT);
    expect(await tid('holiday-replaces').innerText()).toBe('将替换该日已有的“元旦”（放假）。');
    expect(await tid('holiday-submit').innerText()).toBe('保存修改');
    await tid('holiday-name-input').fill('元旦假期');
    await tid('holiday-submit').click();
    await expect.poll(() => holiday('2027-01-01').getByTestId('holiday-name').innerText(), WAIT).toBe('元旦假期');
    await p.waitForSelector('[data-testid="holiday-form"][data-mode="add"]', WAIT);

    // Remove it.
    await holiday('2027-01-01').getByTestId('holiday-remove').click();
    await p.waitForSelector('[data-testid="holiday-outcome"][data-action="removed"]', WAIT);
    expect(await tid('holiday-outcome').innerText()).toBe('已删除 2027年1月1日 周五：元旦假期（放假）。');
    await holiday('2027-01-01').waitFor({ state: 'detached', ...WAIT });
    expect(await gridDay('2027-01-01').getAttribute('class')).not.toContain('day-off');
    expect(await apiHolidays(NEXT_YEAR)).toEqual([{ date: '2027-02-20', name: '春节调休', kind: 'work' }]);

    // The year switch: the day belongs to 2027 only.
    await tid('year-prev').click();
    await p.waitForSelector('[data-testid="holidays-panel"][data-year="2026"]', WAIT);
    await tid('holidays-empty').waitFor(WAIT);
    await tid('year-next').click();
    await holiday('2027-02-20').waitFor(WAIT);
  }, 60_000);

  it('records leave for a person, shows a refused range and an unknown e-mail, filters, and removes it', async () => {
    const p = suite.page;
    // The default range: this month and the next two.
    expect(await tid('leave-from').inputValue()).toBe('2026-11-01');
    expect(await tid('leave-to').inputValue()).toBe('2027-01-31');
    await tid('leaves-empty').waitFor(WAIT);

    await tid('leave-email').fill('li.lei@example.com');
    await tid('leave-start').fill('2026-12-21');
    await tid('leave-end').fill('2026-12-25');
    await tid('leave-reason-input').fill('年假');
    await tid('leave-submit').click();
    await p.waitForSelector('[data-testid="leave-outcome"][data-action="added"]', WAIT);
    expect(await tid('leave-outcome').innerText()).toBe('已登记 李雷 的请假：2026年12月21日 周一 至 2026年12月25日 周五。');
    await leaveOf('li.lei@example.com').waitFor(WAIT);
    expect(await leaveOf('li.lei@example.com').getByTestId('leave-days').innerText()).toBe('5 天');
    expect(await leaveOf('li.lei@example.com').getByTestId('leave-reason').innerText()).toBe('年假');
    expect(await tid('leave-email').inputValue()).toBe('');
    expect(await apiLeaves()).toEqual([{ email: 'li.lei@example.com', startDate: '2026-12-21', endDate: '2026-12-25', reason: '年假' }]);

    // The last day before the first: the server refuses (400) and the form says why, under the last day.
    await tid('leave-email').fill('han.meimei@example.com');
    await tid('leave-start').fill('2026-12-10');
    await tid('leave-end').fill('2026-12-08');
    await tid('leave-submit').click();
    await p.locator('[data-testid="field-problem"][data-field="endDate"]').waitFor(WAIT);
    expect(await p.locator('[data-testid="field-problem"][data-field="endDate"]').innerText()).toBe('最后一天不能早于第一天。');
    expect(await tid('leave-form-error').innerText()).toBe('请修正标出的内容。');
    expect(await tid('leave-end').getAttribute('aria-invalid')).toBe('true');
    await shot('calendar-leave-refused-zh', true);

    // Somebody the directory does not know (404).
    await tid('leave-email').fill('nobody@example.com');
    await tid('leave-end').fill('2026-12-11');
    await tid('leave-submit').click();
    await expect.poll(() => tid('leave-form-error').innerText(), WAIT).toBe('通讯录中没有邮箱为 nobody@example.com 的人员。');
    expect(await apiLeaves()).toHaveLength(1);

    // The filter: part of a name or e-mail narrows the list; a whole e-mail asks the server.
    await tid('leave-filter').fill('han');
    await tid('leaves-empty').waitFor(WAIT);
    expect(await tid('leaves-empty').innerText()).toBe('该时间段内没有符合筛选条件的请假。');
    await tid('leave-filter').fill('li.lei@example.com');
    await leaveOf('li.lei@example.com').waitFor(WAIT);
    await tid('leave-filter').fill('kevin.li@example.com');
    await tid('leaves-empty').waitFor(WAIT);
    await tid('leave-filter').fill('');
    await leaveOf('li.lei@example.com').waitFor(WAIT);
    // A range that ends before the leave does not list it.
    await tid('leave-to').fill('2026-12-20');
    await tid('leaves-empty').waitFor(WAIT);
    await tid('leave-range-reset').click();
    await leaveOf('li.lei@example.com').waitFor(WAIT);
    await shot('calendar-leave-zh', true);

    await leaveOf('li.lei@example.com').getByTestId('leave-remove').click();
    await p.waitForSelector('[data-testid="leave-outcome"][data-action="removed"]', WAIT);
    expect(await tid('leave-outcome').innerText()).toBe('已删除 李雷 的请假：2026年12月21日 周一 至 2026年12月25日 周五。');
    await tid('leaves-empty').waitFor(WAIT);
    expect(await apiLeaves()).toEqual([]);

    // One more, kept for the pages that follow.
    await tid('leave-email').fill('kevin.li@example.com');
    await tid('leave-start').fill('2027-01-04');
    await tid('leave-end').fill('2027-01-08');
    await tid('leave-reason-input').fill('Family visit');
    await tid('leave-submit').click();
    await leaveOf('kevin.li@example.com').waitFor(WAIT);
    expect(await apiLeaves()).toEqual([{ email: 'kevin.li@example.com', startDate: '2027-01-04', endDate: '2027-01-08', reason: 'Family visit' }]);
  }, 60_000);

  it('switches the calendar to English', async () => {
    const p = suite.page;
    await tid('lang-switch').selectOption('en');
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['My team', 'HR overview', 'People', 'Setup', 'Chat simulator', 'Progress log', 'Dashboards', 'Leaderboard', 'Rewards', 'Redemptions', 'Goals', 'Reviews', 'Talent', 'Calendar', 'Audit', 'Integrations', 'Settings']);
    expect(await p.locator('.calendar-page h2').innerText()).toBe('Calendar');
    expect(await p.locator('#holidays-title').innerText()).toBe(`Company days in ${NEXT_YEAR}`);
    expect(await texts('[data-testid="year-link"]')).toEqual(['2026this year', '2027next year']);
    expect(await p.locator('[data-testid="holidays-panel"] .panel-hint').innerText()).toBe(
      "These come on top of mainland China's public holidays and make-up working days, which the bot already follows.",
    );
    expect(await tid('holidays-missing').innerText()).toContain(`China's public holidays for ${NEXT_YEAR} are not in the calendar data yet`);
    expect(await holiday('2027-02-20').innerText()).toContain('Feb 20');
    expect(await holiday('2027-02-20').getByTestId('holiday-weekday').innerText()).toBe('Sat');
    expect(await holiday('2027-02-20').getByTestId('holiday-kind').innerText()).toBe('Working day');
    expect(await p.locator('[data-testid="holiday-kind-input"] option').allInnerTexts()).toEqual(['Extra day off', 'Extra working day (make-up day)']);
    expect(await leaveOf('kevin.li@example.com').getByTestId('leave-dates').innerText()).toBe('Mon, Jan 4, 2027 – Fri, Jan 8, 2027');
    expect(await leaveOf('kevin.li@example.com').getByTestId('leave-days').innerText()).toBe('5 day(s)');
    expect(await tid('leave-submit').innerText()).toBe('Add leave');
    expect(await p.locator(`[data-testid="warning-link"]`).filter({ hasText: String(NEXT_YEAR) }).innerText()).toContain(
      `public holidays for ${NEXT_YEAR}`,
    );
    await shot('calendar-en', true);
  }, 60_000);

  it('fits a phone screen in both languages', async () => {
    const p = suite.page;
    await p.setViewportSize(PHONE);
    for (const lang of ['en', 'zh-CN']) {
      await tid('lang-switch').selectOption(lang);
      const suffix = lang === 'en' ? 'en' : 'zh';
      await expectTabsWithin(PHONE.width, lang);
      await p.reload(); // mounted on a phone: the year grid starts folded away
      await holiday('2027-02-20').waitFor(WAIT);
      expect(await p.locator('[data-testid="holiday-grid"]').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
      await expectNoSidewaysScroll(`calendar (${lang}, phone)`);
      await shot(`calendar-${suffix}-phone`, true);
      await p.locator('[data-testid="holiday-grid"] > summary').click();
      await gridDay('2027-02-20').waitFor(WAIT);
      await expectNoSidewaysScroll(`calendar with the year grid (${lang}, phone)`);
      await shot(`calendar-grid-${suffix}-phone`, true);
    }
    await p.setViewportSize(DESKTOP);
  }, 90_000);

  it('shows the calendar to HR, not to managers (no tab, no banner link)', async () => {
    const p = suite.page;
    const asRole = async (role: string) => {
      await p.unroute('**/api/auth/me');
      await p.route('**/api/auth/me', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { user: { role: string } };
        await route.fulfill({ response, json: { ...body, user: { ...body.user, role } } });
      });
      await p.goto(`${suite.app.url}/#/calendar/${NEXT_YEAR}`);
      await p.reload(); // a change of the hash alone does not load the page again
      await tid('warnings-banner').waitFor(WAIT);
    };

    await asRole('hr');
    await p.waitForSelector(`[data-testid="holidays-panel"][data-year="${NEXT_YEAR}"]`, WAIT);
    expect(await texts('[data-testid="nav-tab"]')).toContain('日历');
    expect(await tid('warning-link').count()).toBeGreaterThan(0);

    await asRole('manager');
    expect(await texts('[data-testid="nav-tab"]')).toEqual(['聊天模拟器', '进展日志', '看板', '积分榜', '奖励', '目标']);
    expect(await p.locator('[data-testid="nav-tab"][aria-current="page"]').getAttribute('data-route')).toBe('chat');
    expect(await tid('calendar-page').count()).toBe(0);
    expect(await tid('warning-link').count()).toBe(0);
    expect(await p.locator('[data-testid="warning"][data-code="holidays_missing"]').first().innerText()).toContain(String(NEXT_YEAR));

    await p.unroute('**/api/auth/me');
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
});
