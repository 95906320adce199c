/**
 * Real-browser test of the admin console's chat simulator: a stand-up round trip through the UI.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PEOPLE_HEADER, PHONE, WAIT, screenshotPath, useConsoleBrowser } from '../support/browser';

const EMPLOYEE = 'li.lei@example.com';
const MANAGER = 'boss@example.com';
const PEOPLE_CSV = [
  PEOPLE_HEADER,
  'E1,王经理,boss@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,研发中心,boss@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
].join('\n') + '\n';

// Logs in with fetch and imports the two test people through the API.
const suite = useConsoleBrowser({ tmpPrefix: 'perf-browser-', people: PEOPLE_CSV, page: { viewport: { width: 1280, height: 800 } } });

const count = (selector: string) => suite.page.locator(selector).count();
const BOT = '[data-testid="chat-message"][data-from="bot"]';
const PERSON = '[data-testid="chat-message"][data-from="person"]';

/** Waits until at least `n` elements match `selector`. */
async function waitForCount(selector: string, n: number): Promise<void> {
  await suite.page.waitForFunction(
    ([sel, min]) => document.querySelectorAll(sel as string).length >= (min as number),
    [selector, n] as const,
    WAIT,
  );
}

async function openConversation(search: string, email: string): Promise<void> {
  await suite.page.getByTestId('person-search').fill(search);
  const item = suite.page.locator(`[data-testid="person-item"][data-email="${email}"]`);
  await item.click(WAIT);
  await suite.page.waitForSelector(`[data-testid="person-item"][data-email="${email}"][aria-pressed="true"]`, WAIT);
}

/** Clicks a run-job button, confirms the count it shows, and waits for the result; fails with the shown error otherwise. */
async function runJob(job: string): Promise<void> {
  await suite.page.locator(`[data-testid="run-job"][data-job="${job}"]`).click();
  await suite.page.locator(`[data-testid="job-confirmation"][data-job="${job}"]`).waitFor(WAIT);
  await suite.page.getByTestId('job-confirm').click();
  const result = suite.page.locator(`[data-testid="job-result"][data-job="${job}"]`);
  await result.waitFor(WAIT);
  const status = await result.getAttribute('data-status');
  expect(status, `job ${job}: ${await result.innerText()}`).toBe('ok');
}

describe('console chat simulator', () => {
  it('runs a stand-up for an employee through the browser and digests it for the manager', async () => {
    const p = suite.page;

    // A wrong password shows an error; the right one opens the simulator.
    await p.goto(suite.app.url);
    await p.getByTestId('login-email').fill(ADMIN_EMAIL);
    await p.getByTestId('login-password').fill('wrong-password');
    await p.getByTestId('login-submit').click();
    await p.getByTestId('login-error').waitFor(WAIT);
    await p.getByTestId('login-email').fill(ADMIN_EMAIL);
    await p.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('setup-page').waitFor(WAIT); // the admin lands on Setup
    await p.locator('[data-testid="nav-tab"][data-route="chat"]').click();
    await p.getByTestId('person-search').waitFor(WAIT);

    // Pick 李雷 and send the stand-up questions.
    await openConversation('李', EMPLOYEE);
    await runJob('standup-prompt');
    await waitForCount(BOT, 1);
    expect(await count(PERSON)).toBe(0);

    // Answer the three questions, one send per answer, each followed by a new bot message.
    const answers = ['完成了登录页面和接口联调', '编写聊天模拟器的浏览器测试', '暂无阻碍'];
    for (const [i, answer] of answers.entries()) {
      const botBefore = await count(BOT);
      await p.getByTestId('chat-input').fill(answer);
      if (i === 0) await p.getByTestId('chat-send').click();
      else await p.getByTestId('chat-input').press('Enter');
      await waitForCount(PERSON, i + 1);
      await waitForCount(BOT, botBefore + 1);
      await expect.poll(() => p.getByTestId('chat-input').inputValue(), WAIT).toBe('');
    }
    expect(await count(PERSON)).toBe(answers.length);
    const messages = p.getByTestId('chat-message');
    await expect.poll(() => messages.last().getAttribute('data-from'), WAIT).toBe('bot');
    const froms = await messages.evaluateAll((els) => els.map((e) => e.getAttribute('data-from')));
    expect(froms.lastIndexOf('bot'), 'a bot reply follows the third answer').toBeGreaterThan(froms.lastIndexOf('person'));
    await p.screenshot({ path: screenshotPath('chat-simulator-employee') });

    // Close the stand-up: the manager's conversation gets a digest naming 李雷.
    await runJob('standup-close');
    await openConversation('王', MANAGER);
    await p.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="chat-message"]')].some((m) =>
          (m.textContent ?? '').includes('李雷'),
        ),
      undefined,
      WAIT,
    );

    // The two silent jobs are in the bar too: no connector is configured (0 run), and Slack is not connected, which
    // is said in the console's language instead of a raw error.
    await runJob('integrations-sync');
    expect(await p.locator('[data-testid="job-result"][data-job="integrations-sync"]').innerText()).toMatch(/Ran 0 connector|已运行 0 个连接器/);
    await p.locator('[data-testid="run-job"][data-job="slack-dm-open"]').click();
    await p.getByTestId('job-confirm').click();
    const refused = p.locator('[data-testid="job-result"][data-job="slack-dm-open"][data-status="error"]');
    await refused.waitFor(WAIT);
    expect(await refused.innerText()).toMatch(/Slack is not connected|尚未连接 Slack/);

    await p.screenshot({ path: screenshotPath('chat-simulator') });
    await p.setViewportSize(PHONE);
    await p.screenshot({ path: screenshotPath('chat-simulator-mobile') });
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
});
