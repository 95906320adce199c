/**
 * Real-browser test of signing in for everyone and the pages by role: an employee signs in through the link the
 * bot sends in chat and answers the standup on My page on a phone; a manager sees the team's week and nudges
 * someone; an employee sees only their own pages.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CONSOLE_ENV, CONSOLE_TEAM_CSV, PHONE, WAIT, lastMessageId, localMessages, screenshotPath, signInViaChatLink, useConsoleBrowser, watchPage,
} from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai (standup day), running on in real time. */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;
const WEEK = { from: '2026-11-16', to: '2026-11-22' };

const EMPLOYEE = 'li.lei@example.com';
const MANAGER = 'wang.fang@example.com';
const MISSING = 'han.meimei@example.com';
const GOALS_CSV = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'CS-1,,department,Q4 续约率提升至85%,wang.fang@example.com,研发中心,%,70,85,1,2026-10-01,2026-12-31,14',
  'CS-1-1,CS-1,individual,每月回访重点客户,li.lei@example.com,研发中心/后端组,家,0,60,2,2026-10-01,2026-12-31,14',
].join('\n');
const PHONE_ZH = { viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true };

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-signin-',
  people: CONSOLE_TEAM_CSV,
  env: CONSOLE_ENV,
  now: clock,
  page: PHONE_ZH,
  setUp: async () => {
    await suite.app.api.call('POST', '/api/goals/import', GOALS_CSV, 'text/csv');
    await suite.app.api.call('POST', '/api/jobs/standup-prompt/run');
  },
});

const tabs = (p: Page) => p.locator('[data-testid="nav-tab"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-route')));
const currentTab = (p: Page) => p.locator('[data-testid="nav-tab"][aria-current="page"]').getAttribute('data-route');

/** The browser's clock follows the server's, so "this week" and "the last 12 weeks" agree with it. */
async function sameClock(p: Page): Promise<void> {
  await p.clock.install({ time: clock() });
}

async function expectNoSidewaysScroll(p: Page, where: string): Promise<void> {
  const widths = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${where}: page wider than the screen`).toBeLessThanOrEqual(PHONE.width);
  expect(widths.scroll, `${where}: sideways scroll`).toBeLessThanOrEqual(widths.client);
}

describe('sign-in for everyone and pages by role', () => {
  it('an employee signs in through the chat link and answers the standup on My page at 390×844', async () => {
    const p = suite.page;
    await sameClock(p);
    await p.goto(suite.app.url);
    await p.getByTestId('login-page').waitFor(WAIT);
    await expectNoSidewaysScroll(p, 'login page');
    await p.getByTestId('chat-link-open').click();
    await p.getByTestId('chat-link-email').fill(EMPLOYEE);
    await p.screenshot({ path: screenshotPath('sign-in-chat-link-phone') });

    await signInViaChatLink(p, suite.app, EMPLOYEE);
    await p.getByTestId('my-page').waitFor(WAIT);
    expect(new URL(p.url()).hash).toBe('#/me');
    expect(await currentTab(p)).toBe('me');

    // This week's standup: open, three questions, nothing answered yet.
    const status = p.getByTestId('standup-status');
    await status.waitFor(WAIT);
    expect(await status.getAttribute('data-open')).toBe('yes');
    expect(await status.getAttribute('data-state')).toBe('pending');
    const boxes = p.getByTestId('standup-answer');
    expect(await boxes.count()).toBe(3);
    const answers = ['完成了登录页面', '等待接口文档', '接入团队页面'];
    for (const [i, answer] of answers.entries()) await boxes.nth(i).fill(answer);
    await p.getByTestId('standup-submit').click();
    await p.getByTestId('standup-saved').waitFor(WAIT);
    await p.waitForSelector('[data-testid="standup-status"][data-state="completed"]', WAIT);

    // Stored: the admin reads the answers in the progress log.
    const log = await suite.app.api.call<{ entries: { week: string; answers: { answer: string | null }[] }[] }>(
      'GET',
      `/api/progress-log?${new URLSearchParams({ ...WEEK, email: EMPLOYEE })}`,
    );
    expect(log.entries.map((e) => e.answers.map((a) => a.answer))).toEqual([answers]);
    // …and so does the person, in their own log on My page.
    await p.locator('[data-testid="my-log"] [data-testid="log-week"]').first().waitFor(WAIT);
    expect(await p.locator('[data-testid="my-log"] [data-testid="log-answer"] dd').first().innerText()).toBe(answers[0]);

    // The on-time standup earned points.
    await expect.poll(() => p.locator('[data-testid="my-balance"] dd').innerText(), WAIT).not.toBe('0');

    // A check-in on my goal: 20 of 60 customers visited.
    const goal = p.locator('[data-testid="my-goal"]').filter({ hasText: '每月回访重点客户' });
    await goal.getByTestId('checkin-open').click();
    await goal.getByTestId('checkin-value').fill('20');
    await goal.getByTestId('checkin-status').selectOption('on_track');
    await goal.getByTestId('checkin-note').fill('本周回访 5 家');
    await goal.getByTestId('checkin-submit').click();
    await p.waitForSelector('[data-testid="my-goal"] [data-testid="goal-progress"][data-progress^="33.3"]', WAIT);
    await goal.getByTestId('checkin-done').waitFor(WAIT);
    expect(await goal.getByTestId('checkin-not-yet').count()).toBe(0); // it answered the checkpoint due on 26 Nov
    // Again at once: saved, but 10 Dec's window opens only after 26 Nov, so the form says when a check-in counts.
    await goal.getByTestId('checkin-value').fill('21');
    await goal.getByTestId('checkin-submit').click();
    await goal.getByTestId('checkin-not-yet').waitFor(WAIT);
    expect(await goal.getByTestId('checkin-not-yet').innerText()).toContain('下一次检查点是 2026年12月10日，2026年11月27日 起签到可得积分');

    // Goals, points and the log below fit the phone too.
    await expectNoSidewaysScroll(p, 'My page');
    await p.screenshot({ path: screenshotPath('my-page-phone') });
    await p.getByTestId('my-log').scrollIntoViewIfNeeded();
    await expectNoSidewaysScroll(p, 'My page, scrolled to the log');
    await p.screenshot({ path: screenshotPath('my-page-log-phone') });
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);

  it('an employee sees no Team, HR or Setup tab, and a forged #/setup shows their landing page', async () => {
    const p = suite.page; // still signed in as the employee
    const seen = await tabs(p);
    expect(seen).toEqual(expect.arrayContaining(['me', 'chat', 'goals', 'leaderboard', 'rewards']));
    for (const hidden of ['team', 'hr', 'setup', 'redemptions', 'reviews', 'talent', 'calendar', 'audit']) expect(seen).not.toContain(hidden);

    for (const forged of ['#/setup', '#/hr', '#/team', '#/no-such-page']) {
      await p.goto(`${suite.app.url}/${forged}`);
      await p.getByTestId('my-page').waitFor(WAIT);
      expect(await currentTab(p), forged).toBe('me');
      expect(await p.getByTestId('setup-page').count()).toBe(0);
    }

    // In English too, My page fits the phone.
    await p.getByTestId('lang-switch').selectOption('en');
    expect(await p.locator('.my-page h2').innerText()).toBe('My page · 李雷');
    expect(await p.getByTestId('standup-state').innerText()).toBe('Completed');
    await expect.poll(() => p.locator('[data-testid="my-log"] [data-testid="log-answer"] dt').first().innerText(), WAIT).toBe('What did you complete this week?');
    await expectNoSidewaysScroll(p, 'My page (en)');
    await p.screenshot({ path: screenshotPath('my-page-en-phone') });
    await p.getByTestId('lang-switch').selectOption('zh-CN');

    // The chat simulator opens on their own conversation, where they may speak.
    await p.locator('[data-testid="nav-tab"][data-route="chat"]').click();
    await p.waitForSelector(`[data-testid="person-item"][data-email="${EMPLOYEE}"][aria-pressed="true"]`, WAIT);
    await p.waitForSelector('.composer[data-can-speak="yes"]', WAIT);
    await expectNoSidewaysScroll(p, 'chat simulator');
  }, 60_000);

  it('asking for too many chat links says when to try again (Retry-After), in English', async () => {
    const p = await suite.page.context().browser()!.newPage({ ...PHONE_ZH, locale: 'en' });
    try {
      await p.goto(suite.app.url);
      await p.getByTestId('lang-switch').selectOption('en');
      await p.getByTestId('chat-link-open').click();
      await p.getByTestId('chat-link-email').fill('kevin.li@example.com');
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 6; i++) {
        const answered = p.waitForResponse((r) => r.url().endsWith('/api/auth/chat-link'));
        await p.getByTestId('chat-link-submit').click();
        const response = await answered;
        statuses.push(response.status());
        retryAfter = response.headers()['retry-after'];
        await p.waitForSelector('[data-testid="chat-link-submit"]:not([disabled])', WAIT);
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      expect(retryAfter, 'the 429 says when to try again').toMatch(/^\d+$/);
      const error = await p.getByTestId('chat-link-error').innerText();
      expect(error).toBe(`Too many attempts. Try again in ${retryAfter} s.`);
      expect(await p.getByTestId('chat-link-sent').count()).toBe(0);
    } finally {
      await p.close();
    }
  }, 60_000);

  it('offers Slack and WeCom only when the server has them on; inside the WeCom client it goes to WeCom by itself', async () => {
    const browser = suite.page.context().browser()!;
    const methods = (slack: boolean, wecom: boolean) => async (p: Page) => {
      await p.route('**/api/auth/methods', (route) => route.fulfill({ json: { password: true, chatLink: true, slack, wecom } }));
      await p.route('**/auth/wecom', (route) => route.fulfill({ contentType: 'text/html', body: '<p id="wecom">WeCom OAuth</p>' }));
    };
    const p = await browser.newPage(PHONE_ZH);
    try {
      await p.goto(suite.app.url); // the real server: neither is configured here
      await p.waitForSelector('[data-testid="login-page"][data-methods-loaded="yes"]', WAIT);
      expect(await p.getByTestId('sign-in-slack').count()).toBe(0);
      expect(await p.getByTestId('sign-in-wecom').count()).toBe(0);

      await methods(true, true)(p);
      await p.reload();
      await p.waitForSelector('[data-testid="login-page"][data-methods-loaded="yes"]', WAIT);
      expect(await p.getByTestId('sign-in-slack').getAttribute('href')).toBe('/auth/slack');
      expect(await p.getByTestId('sign-in-wecom').innerText()).toBe('企业微信登录');
      expect(await p.getByTestId('sign-in-wecom').getAttribute('href')).toBe('/auth/wecom');
      await p.screenshot({ path: screenshotPath('sign-in-all-ways-phone') });
    } finally {
      await p.close();
    }

    const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1';
    const inWeCom = await browser.newPage({ ...PHONE_ZH, userAgent: ua });
    try {
      await methods(false, true)(inWeCom);
      await inWeCom.goto(suite.app.url);
      await inWeCom.waitForSelector('#wecom', WAIT);
      expect(new URL(inWeCom.url()).pathname).toBe('/auth/wecom');
    } finally {
      await inWeCom.close();
    }
  }, 60_000);

  it('a manager sees the team\'s week and nudges one person', async () => {
    const p = await suite.page.context().browser()!.newPage(PHONE_ZH);
    watchPage(p, suite.pageErrors);
    try {
      await sameClock(p);
      await signInViaChatLink(p, suite.app, MANAGER);
      await p.getByTestId('team-page').waitFor(WAIT);
      expect(new URL(p.url()).hash).toBe('#/team');
      expect(await tabs(p)).toEqual(expect.arrayContaining(['me', 'team']));
      expect(await tabs(p)).not.toContain('setup');

      const member = (email: string) => p.locator(`[data-testid="team-member"][data-email="${email}"]`);
      await member(EMPLOYEE).waitFor(WAIT);
      expect(await member(EMPLOYEE).getAttribute('data-status')).toBe('answered');
      expect(await member(MISSING).getAttribute('data-status')).toBe('missing');
      expect(await member(EMPLOYEE).getByTestId('nudge-button').count()).toBe(0);

      // Her log opens under her name.
      await member(EMPLOYEE).getByTestId('member-log-toggle').click();
      await member(EMPLOYEE).locator('[data-testid="log-week"][data-week="2026-W47"]').waitFor(WAIT);

      const before = await lastMessageId(suite.app, MISSING);
      const nudge = member(MISSING).getByTestId('nudge-button');
      expect(await nudge.isEnabled()).toBe(true);
      await nudge.click();
      await member(MISSING).locator('[data-testid="nudge"][data-state="sent"]').waitFor(WAIT);
      expect(await nudge.isDisabled()).toBe(true);
      await expect
        .poll(async () => (await localMessages(suite.app, MISSING)).filter((m) => m.from === 'bot' && m.id > before).length, WAIT)
        .toBeGreaterThan(0);

      await expectNoSidewaysScroll(p, 'My team');
      await p.screenshot({ path: screenshotPath('my-team-phone'), fullPage: true });

      // After a reload the server's nudgedToday keeps the button off.
      await p.reload();
      await member(MISSING).locator('[data-testid="nudge"][data-state="already"]').waitFor(WAIT);
      expect(await member(MISSING).getByTestId('nudge-button').isDisabled()).toBe(true);
    } finally {
      await p.close();
    }
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);

  it('after the close My page shows the round closed and keeps the answers as they were', async () => {
    const p = suite.page; // the employee
    await suite.app.api.call('POST', '/api/jobs/standup-close/run');
    await p.goto(`${suite.app.url}/#/me`);
    await p.reload();
    await p.waitForSelector('[data-testid="standup-status"][data-open="no"]', WAIT);
    expect(await p.getByTestId('standup-open').innerText()).toBe('已结束');
    expect(await p.getByTestId('standup-answer').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).disabled))).toEqual([true, true, true]);
    expect(await p.getByTestId('standup-submit').count()).toBe(0);
    expect(await p.getByTestId('standup-answer').first().inputValue()).toBe('完成了登录页面');
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
  it('a sign-in link that no longer works shows its page styled under the CSP (stylesheet, no inline style)', async () => {
    const p = await suite.page.context().browser()!.newPage(PHONE_ZH);
    const errors: string[] = [];
    watchPage(p, errors);
    try {
      const res = await p.goto(`${suite.app.url}/auth/link?token=not-a-real-token`);
      expect(res?.status()).toBe(404);
      expect(res?.headers()['content-security-policy']).toContain("style-src 'self'");
      await p.locator('[data-problem="unknown"]').waitFor(WAIT);
      // the stylesheet at /auth/page.css applied: the page is a narrow column, not the browser's default body
      expect(await p.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('512px');
      expect(errors, 'uncaught errors or CSP violations').toEqual([]);
    } finally {
      await p.close();
    }
  }, 60_000);
});
