/**
 * Real-browser test of the leaderboard a page at a time (issue 15): 520 people with tied scores, the table shows 50
 * places with previous / next, ranks carry on across pages as the API ranks them (ties sharing a rank across a page
 * break), the chart keeps the top 10 while the table pages on, a department filter starts again at its first page,
 * and the month as announced shows its first 500 entries with "show more" for the rest.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENV, PEOPLE_HEADER, WAIT, ZH_DESKTOP, testIds, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

const clock = new RunningClock('2026-11-20T03:00:00Z').now;
const MONTH = '2026-11';
const PEOPLE = 520;

const CSV = [PEOPLE_HEADER, ...Array.from({ length: PEOPLE }, (_, i) => `E${i + 1},成员${i + 1},m${i + 1}@example.com,${i % 4 === 0 ? '市场部' : '研发中心'},,rnd,Asia/Shanghai,zh-CN,,,employee`)].join('\n') + '\n';

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-lb-pages-',
  people: CSV,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    // Scores 1..30 with ties (four people each), written as ledger entries: the totals trigger keeps points_monthly.
    const c = suite.app.app.db.$client;
    const ids = (c.prepare(`select id from people where email like 'm%@example.com' order by id`).all() as { id: number }[]).map((p) => p.id);
    const insert = c.prepare(`insert into points_ledger (person_id, amount, kind, reason, source_key, score_month, created_at) values (?, ?, 'adjustment', 'test', ?, ?, '2026-11-19T00:00:00Z')`);
    c.transaction(() => ids.forEach((id, i) => insert.run(id, 1 + ((i * 7) % 30), `lb-page:${id}`, MONTH)))();
  },
});

interface Row {
  personId: number;
  rank: number;
  score: number;
}
const page = (query: string) => suite.app.api.call<{ rows: Row[]; total: number }>('GET', `/api/leaderboard?month=${MONTH}&${query}`);
const { tid, texts, go, loginAsAdmin } = testIds(() => suite.page);

/** What the table shows: person, rank and score of each row. */
const shown = () =>
  suite.page.locator('[data-testid="leaderboard-row"]').evaluateAll((els) =>
    els.map((e) => ({ personId: Number(e.getAttribute('data-person-id')), rank: Number(e.getAttribute('data-rank')), score: Number(e.querySelector('[data-testid="leaderboard-score"]')!.textContent) })),
  );

describe('the console leaderboard, a page at a time', () => {
  it('pages through everyone with previous / next, ranks carrying on across pages, the chart keeping the top 10', async () => {
    const p = suite.page;
    await loginAsAdmin(suite.app.url);
    await go('leaderboard');
    const all = [...(await page('limit=50&offset=0')).rows, ...(await page('limit=50&offset=50')).rows, ...(await page('limit=50&offset=100')).rows];
    const pick = (rows: Row[]) => rows.map(({ personId, rank, score }) => ({ personId, rank, score }));
    // ties across the first page break: places 50 and 51 share a score, so the second page starts with a shared rank
    expect(all[49].score).toBe(all[50].score);
    expect(all[50].rank).toBeLessThan(51);

    await expect.poll(() => tid('leaderboard-row').count(), WAIT).toBe(50);
    expect(await shown()).toEqual(pick(all.slice(0, 50)));
    expect(await tid('leaderboard-places').innerText()).toBe(`第 1–50 名，共 ${PEOPLE} 人`);
    expect(await tid('leaderboard-prev').isDisabled()).toBe(true);
    const chart = all.slice(0, 10).map((r) => r.score).join(',');
    expect(await tid('leaderboard-chart').getAttribute('data-scores')).toBe(chart);

    await tid('leaderboard-next').click();
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 51–100 名，共 ${PEOPLE} 人`);
    expect(await shown()).toEqual(pick(all.slice(50, 100)));
    expect(await tid('leaderboard-chart').getAttribute('data-scores')).toBe(chart); // the chart is the top, not the page

    await tid('leaderboard-next').click();
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 101–150 名，共 ${PEOPLE} 人`);
    expect(await shown()).toEqual(pick(all.slice(100, 150)));
    // on to the last page, where next stops
    for (let from = 151; from <= 451; from += 50) {
      await tid('leaderboard-next').click();
      await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 ${from}–${from + 49} 名，共 ${PEOPLE} 人`);
    }
    await tid('leaderboard-next').click();
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 501–520 名，共 ${PEOPLE} 人`);
    expect(await shown()).toEqual(pick((await page('limit=50&offset=500')).rows));
    expect(await tid('leaderboard-next').isDisabled()).toBe(true);

    await tid('leaderboard-prev').click();
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 451–500 名，共 ${PEOPLE} 人`);

    // Paged on, then filtered: the department's ranking from its first page.
    await tid('leaderboard-department').fill('市场部');
    const market = await page(`department=${encodeURIComponent('市场部')}&limit=50`);
    expect(market.total).toBe(PEOPLE / 4);
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 1–50 名，共 ${PEOPLE / 4} 人`);
    expect(await shown()).toEqual(pick(market.rows));
    await tid('leaderboard-department').fill('');
    await expect.poll(() => tid('leaderboard-places').innerText(), WAIT).toBe(`第 1–50 名，共 ${PEOPLE} 人`);
    expect(p.url()).toMatch(/#\/leaderboard$/);
  }, 120_000);

  it('shows the month as announced 500 entries at a time, with "show more" for the rest', async () => {
    const run = await suite.app.api.call<{ result: { announced: string[] } }>('POST', '/api/jobs/leaderboard-monthly/run');
    expect(run.result.announced).toEqual([MONTH]);
    await go('chat');
    await go('leaderboard');
    await suite.page.waitForSelector('[data-testid="snapshot-section"][data-status="ok"]', WAIT);
    await expect.poll(() => tid('snapshot-entry').count(), WAIT).toBe(500);
    expect(await tid('snapshot-shown').innerText()).toBe(`已显示 500 / ${PEOPLE} 人`);
    await tid('snapshot-more').click();
    await expect.poll(() => tid('snapshot-entry').count(), WAIT).toBe(PEOPLE);
    expect(await tid('snapshot-more').count()).toBe(0);
    const snap = await suite.app.api.call<{ entries: { personId: number }[] }>('GET', `/api/leaderboard/snapshots/${MONTH}?limit=${PEOPLE}`);
    const ids = await suite.page.locator('[data-testid="snapshot-entry"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-person-id'))));
    expect(ids).toEqual(snap.entries.map((e) => e.personId));
    expect(await texts('[data-testid="snapshot-entry"] .rank-badge')).toHaveLength(PEOPLE);
  }, 60_000);
});
