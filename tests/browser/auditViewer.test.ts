/**
 * Real-browser test of the audit log page: HR signs in through the chat link, opens Audit, filters by entity, actor,
 * person and date, loads more, verifies the hash chain (intact), then a row is changed behind the app's back in SQL and
 * Verify names the broken entry.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, CONSOLE_TEAM_CSV, WAIT, ZH_DESKTOP, screenshotPath, signInViaChatLink, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Friday 20 Nov 2026, 11:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-11-20T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const PEOPLE = `${CONSOLE_TEAM_CSV}E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr\n`;

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-audit-',
  people: PEOPLE,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    const api = suite.app.api;
    const reward = await api.call<{ id: number }>('POST', '/api/rewards', { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 3, kind: 'gift', stock: null });
    await api.call('PUT', `/api/rewards/${reward.id}`, { nameZh: '咖啡券', nameEn: 'Coffee voucher', cost: 4, kind: 'gift', stock: null });
    for (let i = 1; i <= 55; i++) await api.call('POST', '/api/points/adjust', { email: 'li.lei@example.com', amount: 1, reason: `第 ${i} 次` });
    await api.call('POST', '/api/points/adjust', { email: 'han.meimei@example.com', amount: 5, reason: '季度分享' });
  },
});

describe('the audit log page', () => {
  it('HR filters the trail, loads more, verifies the chain, and sees where it was tampered with', async () => {
    const p = suite.page;
    const rows = p.getByTestId('audit-entry');
    await signInViaChatLink(p, suite.app, HR);
    await p.locator('[data-testid="nav-tab"][data-route="audit"]').click();
    await p.getByTestId('audit-page').waitFor(WAIT);
    expect(await p.locator('[data-testid="nav-tab"][aria-current="page"]').getAttribute('data-route')).toBe('audit');

    // Newest first, 50 a page; "load more" brings the rest (58 in all).
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(50);
    expect(await rows.first().innerText()).toContain('季度分享');
    await p.getByTestId('audit-more').click();
    await expect.poll(() => rows.count(), WAIT).toBe(58);
    expect(await p.getByTestId('audit-more').count()).toBe(0);

    // By entity: the reward's two changes, before → after as JSON.
    await p.getByTestId('audit-entity').selectOption('reward');
    await p.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.first().getByTestId('audit-before').innerText()).toContain('"cost":3');
    expect(await rows.first().getByTestId('audit-after').innerText()).toContain('"cost":4');

    // By actor: the admin made both reward changes (shown by e-mail, the stored actor under it); HR made none.
    await p.getByTestId('audit-actor').fill('admin@example.com');
    await p.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.first().getByTestId('audit-actor-cell').innerText()).toMatch(/^admin@example\.com\naccount:\d+$/);
    await p.getByTestId('audit-actor').fill(HR);
    await p.getByTestId('audit-apply').click();
    await expect.poll(() => p.getByTestId('audit-empty').innerText(), WAIT).toBe('没有符合条件的记录。');
    await p.getByTestId('audit-actor').fill('');

    // By person and date: Han Meimei's one adjustment today; none tomorrow.
    await p.getByTestId('audit-entity').selectOption('');
    await p.getByTestId('audit-person').fill('han.meimei@example.com');
    await p.getByTestId('audit-from').fill('2026-11-20');
    await p.getByTestId('audit-to').fill('2026-11-20');
    await p.getByTestId('audit-apply').click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().innerText()).toContain('季度分享');
    await p.getByTestId('audit-from').fill('2026-11-21');
    await p.getByTestId('audit-to').fill('2026-11-21');
    await p.getByTestId('audit-apply').click();
    // the empty card says "loading" until the answer is in
    await expect.poll(() => p.getByTestId('audit-empty').innerText(), WAIT).toBe('没有符合条件的记录。');

    // The chain is intact…
    await p.getByTestId('audit-verify').click();
    await p.locator('[data-testid="audit-chain"][data-ok="true"]').waitFor(WAIT);
    expect(await p.getByTestId('audit-chain').innerText()).toBe('完整（58 条）');
    await p.screenshot({ path: screenshotPath('audit-log') });

    // …until someone edits a row in the database.
    const db = suite.app.app.db.$client;
    const target = db.prepare(`select id from audit_log where reason = '第 7 次'`).get() as { id: number };
    db.exec('drop trigger audit_log_no_update');
    db.prepare(`update audit_log set after = ? where id = ?`).run(JSON.stringify({ balance: 999 }), target.id);
    await p.getByTestId('audit-verify').click();
    await p.locator('[data-testid="audit-chain"][data-ok="false"]').waitFor(WAIT);
    expect(await p.getByTestId('audit-chain').innerText()).toBe(`在第 ${target.id} 条被篡改`);
    expect(suite.pageErrors).toEqual([]);
  });
});
