/**
 * Real-browser test of a cycle still being opened (issue 15: its reviews are drafted in slices after the cycle is
 * marked open). The cycle is left as a crash mid-drafting leaves it: open, drafting not done, one review undrafted.
 * HR sees "drafting… 2 / 3" on the cycle, on its reviews page and on the undrafted row, and opening that review says it
 * is being drafted (no empty draft, no grading form). When the opening resumes (as at start-up), the open pages fill
 * in by themselves.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import type { TemplateBody } from '../../bot/domain/reviewTemplate';
import { finishOpenings } from '../../bot/services/reviews/openCycle';
import { CONSOLE_ENV, PEOPLE_HEADER, WAIT, ZH_DESKTOP, signInViaChatLink, testIds, useConsoleBrowser } from '../support/browser';
import { RunningClock } from '../support/clock';

const clock = new RunningClock('2026-10-12T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const SELLER = 'li.lei@example.com';
const PEOPLE = `${[
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,销售部/华东组,wang.fang@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E3,韩梅梅,han.meimei@example.com,销售部/华东组,wang.fang@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
].join('\n')}\n`;

const SALES: TemplateBody = {
  name: '销售月度评估',
  jobFunction: 'sales',
  sections: [{ title: { 'zh-CN': '业绩', en: 'Results' }, weight: 100, items: [{ kind: 'goals', weight: 50 }, { kind: 'rating', label: { 'zh-CN': '客户沟通', en: 'Customer communication' }, weight: 50 }] }],
  rules: [],
};

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-review-drafting-',
  people: PEOPLE,
  env: CONSOLE_ENV,
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    await call('POST', '/api/review-templates', SALES);
  },
});

const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);
const { tid, go } = testIds(() => suite.page);

describe('a review cycle still being opened, in the console', () => {
  it('shows drafting progress instead of an empty draft, then the draft once the opening resumes', async () => {
    const { id } = await call<{ id: number }>('POST', '/api/review-cycles', { name: '2026 年 10 月考核', kind: 'monthly', periodStart: '2026-10-01', periodEnd: '2026-10-31', departments: ['销售部'] });
    expect(await call('POST', `/api/review-cycles/${id}/open`)).toEqual({ reviews: 3, drafting: null });
    // As a kill mid-drafting leaves it: 李雷's review not drafted yet, the cycle's drafting not done.
    const c = suite.app.app.db.$client;
    const seller = c.prepare(`select r.id from reviews r join people p on p.id = r.person_id where p.email = ?`).pluck().get(SELLER) as number;
    c.prepare(`update reviews set draft = null, draft_at = null, total = null, suggested_grade = null where id = ?`).run(seller);
    c.prepare(`update review_cycles set drafted = 2, drafting_done_at = null where id = ?`).run(id);

    const p = suite.page;
    await signInViaChatLink(p, suite.app, HR);
    await go('reviews');
    const row = p.locator(`[data-testid="cycle-row"][data-id="${id}"]`);
    await row.getByTestId('cycle-drafting').waitFor(WAIT);
    expect(await row.getByTestId('cycle-drafting').innerText()).toContain('正在生成草稿… 2 / 3');
    expect(await row.getByTestId('cycle-release').count()).toBe(0); // nothing to release while it opens

    await row.getByTestId('cycle-open').click();
    await tid('cycle-reviews').getByTestId('cycle-drafting').waitFor(WAIT);
    const sellerRow = p.locator(`[data-testid="review-row"][data-email="${SELLER}"]`);
    expect(await sellerRow.getByTestId('review-drafting').innerText()).toContain('草稿生成中');
    expect(await p.locator('[data-testid="review-row"][data-email="han.meimei@example.com"] [data-testid="review-suggested"]').count()).toBe(1);

    await sellerRow.getByTestId('review-open').click();
    await p.waitForSelector('[data-testid="review-page"][data-drafting="yes"]', WAIT);
    expect(await tid('review-drafting').innerText()).toContain('草稿还在生成中');
    expect(await tid('review-drafting').innerText()).toContain('2 / 3');
    expect(await tid('manager-form').count()).toBe(0);
    expect(await tid('review-suggested').count()).toBe(0);

    // The opening resumes (as the start-up or the review job does): the page reads the review again by itself.
    await finishOpenings(suite.app.app.deps);
    expect(c.prepare(`select drafted from review_cycles where id = ?`).pluck().get(id)).toBe(3);
    await p.waitForSelector('[data-testid="review-page"]:not([data-drafting])', WAIT);
    await tid('review-suggested').waitFor(WAIT);
    expect(await tid('review-drafting').count()).toBe(0);
  }, 120_000);
});
