/**
 * Real-browser test of the admin console's chat simulator: a stand-up round trip through the UI.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startApp } from '../../bot/app';

const CHROMIUM = '/usr/bin/chromium';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleIndex = path.join(repoRoot, 'admin/ui/dist/index.html');
const screenshotDir = path.join(repoRoot, 'tests/browser/__screenshots__');

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'correct-horse-battery';
const EMPLOYEE = 'li.lei@example.com';
const MANAGER = 'boss@example.com';
const PEOPLE_CSV = [
  'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role',
  'E1,王经理,boss@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,研发中心,boss@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
].join('\n') + '\n';

const WAIT = { timeout: 20_000 };

type App = Awaited<ReturnType<typeof startApp>>;
let app: App | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let dataDir: string | undefined;
const pageErrors: string[] = [];

/** Logs in with fetch and imports the two test people through the API. */
async function importPeople(baseUrl: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(login.status, `admin login failed: ${await login.clone().text()}`).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  expect(cookie, 'login response set no cookie').not.toBe('');

  const imported = await fetch(`${baseUrl}/api/people/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: PEOPLE_CSV,
  });
  expect(imported.ok, `people import failed: ${imported.status} ${await imported.clone().text()}`).toBe(true);
}

const count = (selector: string) => page!.locator(selector).count();
const BOT = '[data-testid="chat-message"][data-from="bot"]';
const PERSON = '[data-testid="chat-message"][data-from="person"]';

/** Waits until at least `n` elements match `selector`. */
async function waitForCount(selector: string, n: number): Promise<void> {
  await page!.waitForFunction(
    ([sel, min]) => document.querySelectorAll(sel as string).length >= (min as number),
    [selector, n] as const,
    WAIT,
  );
}

async function openConversation(search: string, email: string): Promise<void> {
  await page!.getByTestId('person-search').fill(search);
  const item = page!.locator(`[data-testid="person-item"][data-email="${email}"]`);
  await item.click(WAIT);
  await page!.waitForSelector(`[data-testid="person-item"][data-email="${email}"][aria-pressed="true"]`, WAIT);
}

/** Clicks a run-job button and waits for its confirmation; fails with the shown error otherwise. */
async function runJob(job: string): Promise<void> {
  await page!.locator(`[data-testid="run-job"][data-job="${job}"]`).click();
  const result = page!.locator(`[data-testid="job-result"][data-job="${job}"]`);
  await result.waitFor(WAIT);
  const status = await result.getAttribute('data-status');
  expect(status, `job ${job}: ${await result.innerText()}`).toBe('ok');
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      process.env.CI
        ? `CI: Chromium is missing at ${CHROMIUM}; the CI script must install it (apt-get install chromium).`
        : `Chromium is missing at ${CHROMIUM}; install it with "apt-get install chromium" and re-run.`,
    );
  }
  if (!existsSync(consoleIndex)) {
    throw new Error(`The console is not built (${consoleIndex} is missing); run "npm run build:console" first.`);
  }

  dataDir = await mkdtemp(path.join(tmpdir(), 'perf-browser-'));
  app = await startApp({
    env: {
      PORT: '0',
      DATABASE_PATH: path.join(dataDir, 'perf.db'),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
    },
  });
  await importPeople(app.url);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(screenshotDir, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

describe('console chat simulator', () => {
  it('runs a stand-up for an employee through the browser and digests it for the manager', async () => {
    const p = page!;

    // A wrong password shows an error; the right one opens the simulator.
    await p.goto(app!.url);
    await p.getByTestId('login-email').fill(ADMIN_EMAIL);
    await p.getByTestId('login-password').fill('wrong-password');
    await p.getByTestId('login-submit').click();
    await p.getByTestId('login-error').waitFor(WAIT);
    await p.getByTestId('login-email').fill(ADMIN_EMAIL);
    await p.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await p.getByTestId('login-submit').click();
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
    await p.screenshot({ path: path.join(screenshotDir, 'chat-simulator-employee.png') });

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

    await p.screenshot({ path: path.join(screenshotDir, 'chat-simulator.png') });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.screenshot({ path: path.join(screenshotDir, 'chat-simulator-mobile.png') });
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 60_000);
});
