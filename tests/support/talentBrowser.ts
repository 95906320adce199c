/**
 * Browser helpers for the talent pages (issue 16), shared by the pools test and the one HR flow that goes on to
 * paths and mentors: a console app on the demo company (three years of talent history, the demo pools proposed),
 * and the steps HR takes on a pool's page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startApp } from '../../bot/app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, CONSOLE_ENV, WAIT, type ConsoleApp } from './browser';

/** The app on a temp database with the demo company loaded (DEMO_DATA=on), its clock `now`. */
export async function startDemoConsoleApp(now: () => Date, tmpPrefix = 'perf-talent-'): Promise<ConsoleApp> {
  const dir = await mkdtemp(path.join(tmpdir(), tmpPrefix));
  const app = await startApp({
    env: { ...CONSOLE_ENV, PORT: '0', DATABASE_PATH: path.join(dir, 'perf.db'), ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_DATA: 'on', LOG_LEVEL: 'silent' },
    now,
  });
  const api = new ApiClient(app.url);
  await api.login();
  return {
    app,
    url: app.url,
    api,
    close: async () => {
      await app.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens `#/talent/pools`, then the pool named `name`; resolves on its page. */
export async function openPool(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/#/talent/pools`);
  await page.locator(`[data-testid="pool-item"][data-name="${name}"] a`).click();
  await page.getByTestId('pool-page').waitFor(WAIT);
}

/** A person's row in a section of the pool's page: 'pool-proposals', 'pool-members' or 'pool-history'. */
export function poolPerson(page: Page, section: 'pool-proposals' | 'pool-members' | 'pool-history', name: string): Locator {
  return page.getByTestId(section).locator('[data-testid="pool-person"]').filter({ has: page.locator('.plain-main', { hasText: name }) });
}

/** HR accepts or declines a proposal with a reason; resolves when the person has moved out of the proposals. */
export async function decideProposal(page: Page, name: string, decision: 'accept' | 'decline', reason: string): Promise<void> {
  const row = poolPerson(page, 'pool-proposals', name);
  await row.getByTestId('pool-decision-reason').fill(reason);
  await row.getByTestId(decision === 'accept' ? 'pool-accept' : 'pool-decline').click();
  await poolPerson(page, decision === 'accept' ? 'pool-members' : 'pool-history', name).waitFor(WAIT);
}
