/**
 * Shared setup of the real-browser tests (tests/browser): Chromium at /usr/bin/chromium driven by playwright-core,
 * the built console served by an app on a temp SQLite file, and an admin client of its JSON API.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startApp, type RunningApp } from '../../bot/app';
import { ADMIN, PEOPLE_HEADER } from './harness';

export const CHROMIUM = '/usr/bin/chromium';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleIndex = path.join(repoRoot, 'admin/ui/dist/index.html');
const screenshotDir = path.join(repoRoot, 'tests/browser/__screenshots__');

export const ADMIN_EMAIL = ADMIN.email;
export const ADMIN_PASSWORD = ADMIN.password;
export { PEOPLE_HEADER };

/** The console tests' team: a manager and two reports in one department tree, and one person in marketing (English). */
export const CONSOLE_TEAM_CSV = [
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E3,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E4,Kevin Li,kevin.li@example.com,市场部,,mkt,America/Los_Angeles,en,,,employee',
].join('\n') + '\n';

export const WAIT = { timeout: 20_000 };
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };
/** The console tests' app: on the loopback address, with no scheduler (jobs run when the test says). */
export const CONSOLE_ENV = { HOST: '127.0.0.1', SCHEDULER: 'off' };
/** The console tests' page: a desktop in Shanghai, in Chinese. */
export const ZH_DESKTOP: BrowserContextOptions = { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Where a test's screenshot named `name` goes (tests/browser/__screenshots__/<name>.png). */
export const screenshotPath = (name: string): string => path.join(screenshotDir, `${name}.png`);

/**
 * Fails (never skips) without Chromium or a built console, then launches headless Chromium
 * and makes sure the screenshots folder exists.
 */
export async function launchBrowser(): Promise<Browser> {
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
  const browser = await chromium.launch({
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
  return browser;
}

/** A new page whose uncaught errors and Content Security Policy violations are collected into `pageErrors`. */
export async function openPage(browser: Browser, options: BrowserContextOptions, pageErrors: string[]): Promise<Page> {
  const page = await browser.newPage(options);
  watchPage(page, pageErrors);
  return page;
}

/**
 * Collects a page's uncaught errors, and what the CSP refused: Chromium reports a blocked script, style or
 * connection only as a console error ("Refused to … because it violates the following Content Security Policy
 * directive"), and a blocked console part would otherwise just be missing.
 */
export function watchPage(page: Page, pageErrors: string[]): void {
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) pageErrors.push(`CSP: ${msg.text()}`);
  });
}

/**
 * Takes a screenshot; a full-page one lets the shell grow first (it scrolls inside .app-main). The style is added
 * as a constructed stylesheet through the CSSOM: the console's CSP refuses inline <style> (Playwright's addStyleTag).
 */
export async function screenshotShell(page: Page, path: string, fullPage: boolean): Promise<void> {
  const css = '.app-shell { height: auto !important; } .app-main { overflow: visible !important; }';
  if (fullPage) {
    await page.evaluate((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      (window as unknown as { __grown: CSSStyleSheet }).__grown = sheet;
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, css);
  }
  await page.screenshot({ path, fullPage });
  if (fullPage) {
    await page.evaluate(() => {
      const sheet = (window as unknown as { __grown: CSSStyleSheet }).__grown;
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    });
  }
}

/** A logged-in admin client of the JSON API; every call must succeed. */
export class ApiClient {
  private session = { cookie: '', csrf: '' };

  constructor(private readonly baseUrl: string) {}

  /** Logs the admin in (again), keeping the new session cookie and CSRF token. */
  async login(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(res.status, `admin login failed: ${await res.clone().text()}`).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie, 'login response set no cookie').not.toBe('');
    this.session = { cookie, csrf: csrfToken };
  }

  async call<T = unknown>(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        Cookie: this.session.cookie,
        'X-CSRF-Token': this.session.csrf,
        ...(body === undefined ? {} : { 'Content-Type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.ok, `${method} ${url}: ${res.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export interface ConsoleApp {
  app: RunningApp;
  url: string;
  api: ApiClient;
  /** Stops the app and removes its temp folder; never throws on a failed stop. */
  close(): Promise<void>;
}

export interface ConsoleAppOptions {
  /** The prefix of the temp folder that holds the database. */
  tmpPrefix: string;
  /** The people CSV imported through the API. */
  people: string;
  /** Added to (or overriding) the app's test environment. */
  env?: Record<string, string>;
  /** The server's clock. */
  now?: () => Date;
}

/**
 * Starts the app on a temp SQLite file and a free port with the test admin, logs the API client in
 * and imports `people` (a CSV) through the API.
 */
export async function startConsoleApp(opts: ConsoleAppOptions): Promise<ConsoleApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), opts.tmpPrefix));
  let app: RunningApp | undefined;
  const close = async (): Promise<void> => {
    await app?.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    app = await startApp({
      env: {
        PORT: '0',
        DATABASE_PATH: path.join(dataDir, 'perf.db'),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        DEMO_DATA: 'off',
        LOG_LEVEL: 'silent',
        ...opts.env,
      },
      now: opts.now,
    });
    const api = new ApiClient(app.url);
    await api.login();
    await api.call('POST', '/api/people/import', opts.people, 'text/csv');
    return { app, url: app.url, api, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export interface BrowserSuite {
  readonly app: ConsoleApp;
  readonly page: Page;
  /** Uncaught errors in the page so far. */
  readonly pageErrors: string[];
}

/**
 * Registers the file's `beforeAll` (launch Chromium, start the app with its people, open a page, then `setUp`)
 * and `afterAll` (close the browser, stop the app, remove its temp folder).
 */
export function useConsoleBrowser(
  opts: ConsoleAppOptions & { page: BrowserContextOptions; setUp?: () => Promise<void> },
): BrowserSuite {
  let browser: Browser | undefined;
  let app: ConsoleApp | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startConsoleApp(opts);
    page = await openPage(browser, opts.page, pageErrors);
    await opts.setUp?.();
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  return {
    get app() {
      if (!app) throw new Error('The app is not running (did beforeAll fail?).');
      return app;
    },
    get page() {
      if (!page) throw new Error('There is no page (did beforeAll fail?).');
      return page;
    },
    pageErrors,
  };
}

/** Page helpers, for a page that exists once `beforeAll` has run. */
export function testIds(page: () => Page) {
  const tid = (id: string) => page().getByTestId(id);
  const texts = (selector: string) => page().locator(selector).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));

  /** Clicks a navigation tab and waits until it is the current page. */
  async function go(route: string): Promise<void> {
    await page().locator(`[data-testid="nav-tab"][data-route="${route}"]`).click();
    await page().waitForSelector(`[data-testid="nav-tab"][data-route="${route}"][aria-current="page"]`, WAIT);
  }

  /** Nothing on the page is wider than the viewport (the page never scrolls sideways on a phone). */
  async function expectNoSidewaysScroll(where: string): Promise<void> {
    const overflow = await page().evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
        .filter((e) => !e.closest('.nav-tabs')) // the tab strip scrolls on its own
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
      return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
    });
    expect(overflow, `${where}: sideways overflow`).toEqual({ scroll: 0, wide: [] });
  }

  /** Logs in as the admin through the login form (landing on Setup), then opens the chat simulator. */
  async function loginAsAdmin(url: string): Promise<void> {
    await page().goto(url);
    await tid('login-email').fill(ADMIN_EMAIL);
    await tid('login-password').fill(ADMIN_PASSWORD);
    await tid('login-submit').click();
    await tid('setup-page').waitFor(WAIT);
    await go('chat');
    await tid('person-search').waitFor(WAIT);
  }

  /** Every navigation tab lies within `width` (no hidden scrolling needed to find one). */
  async function expectTabsWithin(width: number, what: string): Promise<void> {
    const tabs = await page()
      .locator('[data-testid="nav-tab"]')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent, right: Math.round(e.getBoundingClientRect().right) })));
    expect(tabs.filter((tab) => tab.right > width), `${what}: tabs beyond the screen`).toEqual([]);
  }

  return { tid, texts, go, expectNoSidewaysScroll, loginAsAdmin, expectTabsWithin };
}

interface LocalMessage {
  id: number;
  from: 'bot' | 'person';
  text: string;
}

/** A person's conversation in the built-in chat, read through the admin API. */
export async function localMessages(app: ConsoleApp, email: string): Promise<LocalMessage[]> {
  const res = await app.api.call<{ messages: LocalMessage[] }>('GET', `/api/local/messages?${new URLSearchParams({ employee: email })}`);
  return res.messages;
}

/**
 * The newest absolute link containing `marker` that the bot sent the person in chat (waits for it to arrive),
 * moved onto the app's own origin (PUBLIC_URL may name another host).
 */
export async function linkFromChat(app: ConsoleApp, email: string, marker: string, after = 0): Promise<string> {
  let link = '';
  await expect
    .poll(async () => {
      const bot = (await localMessages(app, email)).filter((m) => m.from === 'bot' && m.id > after);
      const found = bot.map((m) => m.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(marker))).filter(Boolean);
      link = found.at(-1) ?? '';
      return link;
    }, { ...WAIT, message: `a link with ${marker} in ${email}'s chat` })
    .not.toBe('');
  const url = new URL(link);
  return `${app.url}${url.pathname}${url.search}${url.hash}`;
}

/** The id of the newest message in a person's chat (0 when empty), to find what arrives after it. */
export async function lastMessageId(app: ConsoleApp, email: string): Promise<number> {
  return (await localMessages(app, email)).at(-1)?.id ?? 0;
}

/**
 * Signs `email` in the way everyone can: on the login page, "Sign in via chat", then the link the bot sent
 * to the person's chat. Resolves once the console shows its shell.
 */
export async function signInViaChatLink(page: Page, app: ConsoleApp, email: string): Promise<void> {
  const after = await lastMessageId(app, email);
  await page.goto(app.url);
  await page.getByTestId('chat-link-open').click();
  await page.getByTestId('chat-link-email').fill(email);
  await page.getByTestId('chat-link-submit').click();
  await page.getByTestId('chat-link-sent').waitFor(WAIT);
  await page.goto(await linkFromChat(app, email, '/auth/link?token=', after));
  await page.locator('.app-shell').waitFor(WAIT);
}
