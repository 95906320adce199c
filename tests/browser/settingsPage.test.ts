/**
 * Real-browser test of the Settings page and the safe run-now: an admin (a person in the directory, signed in
 * through the chat link) sees a server problem in Chinese, changes a standup question, sends a test prompt to
 * themselves only, and is asked to confirm a real run with the number of people it would message.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, WAIT, ZH_DESKTOP, localMessages, screenshotPath, signInViaChatLink, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

const ADMIN_PERSON = 'zhou.admin@example.com';
const PEOPLE = `${CONSOLE_TEAM_CSV}A1,周管理,${ADMIN_PERSON},总部,,general,Asia/Shanghai,zh-CN,,,admin\n`;

/**
 * The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai (Thursday 19:00 in Los Angeles), running on in real time.
 * On the machine's own clock the run-now count depended on the hour: from Monday 10:00 in Shanghai, when the last
 * week's round closes, until Monday in Los Angeles, Kevin (still on Sunday there) is not asked, and it read 4.
 */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;

const suite = useConsoleBrowser({ tmpPrefix: 'perf-settings-', people: PEOPLE, env: CONSOLE_ENV, page: ZH_DESKTOP, now: clock });

describe('the settings page', () => {
  it('an admin changes a question and runs a test prompt to themselves', async () => {
    const p = suite.page;
    await signInViaChatLink(p, suite.app, ADMIN_PERSON);
    await p.locator('[data-testid="nav-tab"][data-route="settings"]').click();
    const form = p.getByTestId('standup-settings');
    await form.waitFor(WAIT);
    const first = form.getByTestId('question-zh').first();
    expect(await first.inputValue()).toBe('本周完成了什么？');

    // An empty question: the server refuses it, nothing changes, and the problem reads in Chinese under the field.
    await first.fill('');
    await form.getByTestId('standup-save').click();
    const problem = form.locator('[data-testid="field-problem"][data-field="standup.questions.0.zh-CN"]');
    await problem.waitFor(WAIT);
    expect(await problem.innerText()).toBe('必填。');
    expect(((await suite.app.api.call<{ standup: { questions: { 'zh-CN': string }[] } }>('GET', '/api/settings')).standup.questions[0])['zh-CN']).toBe('本周完成了什么？');

    await first.fill('本周最重要的成果是什么？');
    await form.getByTestId('question-en').first().fill('What was your most important result this week?');
    await form.getByTestId('standup-save').click();
    await p.getByTestId('settings-saved').waitFor(WAIT);
    const stored = await suite.app.api.call<{ standup: { questions: { 'zh-CN': string }[] } }>('GET', '/api/settings');
    expect(stored.standup.questions.map((q) => q['zh-CN'])).toEqual(['本周最重要的成果是什么？', '遇到哪些障碍？', '下周计划做什么？']);

    // A test prompt to me only: the new question reaches my chat, nobody else's, and no round opens.
    await p.locator('[data-testid="test-job"][data-job="standup-prompt"]').click();
    const result = p.locator('[data-testid="job-result"][data-job="standup-prompt"][data-test="yes"]');
    await result.waitFor(WAIT);
    expect(await result.innerText()).toBe('“发送站会提问”的测试消息已只发给你，没有发给其他人。');
    await expect.poll(async () => (await localMessages(suite.app, ADMIN_PERSON)).filter((m) => m.from === 'bot').at(-1)?.text ?? '', WAIT).toContain('1. 本周最重要的成果是什么？');
    expect((await localMessages(suite.app, 'li.lei@example.com')).filter((m) => m.from === 'bot')).toEqual([]);

    // The real run first says how many people it would message; cancelling sends nothing.
    await p.locator('[data-testid="run-job"][data-job="standup-prompt"]').click();
    const confirm = p.getByTestId('job-confirmation');
    await confirm.waitFor(WAIT);
    expect(await confirm.getAttribute('data-count')).toBe('5');
    expect(await confirm.innerText()).toContain('将立即给 5 人发消息');
    await p.screenshot({ path: screenshotPath('settings-run-confirm') });
    await p.getByTestId('job-cancel').click();
    expect((await localMessages(suite.app, 'li.lei@example.com')).filter((m) => m.from === 'bot')).toEqual([]);
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 90_000);
});
