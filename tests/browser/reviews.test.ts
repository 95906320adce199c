/**
 * Real-browser test of the review pages: HR builds a sales template in the editor (sections, weights, a metric
 * from the catalogue, rules) and watches the live preview follow the rule as it is typed; the employee answers the
 * self-review on My page and the manager reviews on a phone (390×844): the draft with the rule applied, a grade above
 * the cap refused with the reason, then given with an override reason (flagged for calibration); HR clears a flag.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { seedCollectionRate } from '../support/reviewTemplates';
import { CONSOLE_ENV, PEOPLE_HEADER, PHONE, WAIT, ZH_DESKTOP, screenshotPath, screenshotShell, signInViaChatLink, testIds, useConsoleBrowser, watchPage } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Monday 12 Oct 2026, 11:00 in Shanghai (Q3 is over), running on in real time. */
const clock = new RunningClock('2026-10-12T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const MANAGER = 'wang.fang@example.com';
const SELLER = 'li.lei@example.com';
const PEOPLE = `${[
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,销售部/华东组,wang.fang@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
].join('\n')}\n`;
const Q3 = { periodStart: '2026-07-01', periodEnd: '2026-09-30' };
const PHONE_ZH = { viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true };

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-reviews-',
  people: PEOPLE,
  // employees' self-reviews open with the cycle (not 3 working days after their managers')
  env: { ...CONSOLE_ENV, REVIEW_MANAGER_LEAD_DAYS: '0' },
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    // The catalogue's collection rate, and 李雷's for Q3: 72%.
    await seedCollectionRate(call, SELLER, '2026-Q3', 0.72);
  },
});

const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);
const { tid, go } = testIds(() => suite.page);

/** A cycle's reviews as the admin reads them. */
const cycleRows = (cycleId: number) => call<{ id: number; email: string }[]>('GET', `/api/review-cycles/${cycleId}/reviews`);

describe('review pages', () => {
  it('HR builds a template with rules in the editor and the live preview follows the rule as it is typed', async () => {
    const p = suite.page;
    await signInViaChatLink(p, suite.app, HR);
    await go('reviews');
    await p.locator('[data-testid="reviews-view"][data-view="templates"]').click();
    await tid('template-list').waitFor(WAIT);
    await tid('rating-scale').waitFor(WAIT);
    await expect.poll(() => tid('scale-grade').count(), WAIT).toBe(5); // S/A/B/C/D until HR saves another
    await tid('template-new').click();
    await p.waitForSelector('[data-testid="template-editor"][data-id="new"]', WAIT);

    await tid('template-name').fill('销售岗季度考核');
    await tid('template-function').fill('sales');
    const section = p.locator('[data-testid="template-section"][data-index="0"]');
    await section.locator('[data-testid="section-title"] input[data-lang="zh-CN"]').fill('业绩与能力');
    await section.locator('[data-testid="section-title"] input[data-lang="en"]').fill('Results and skills');
    // The first item: a rating question, 60 of the section; the running sum is red until the items make 100.
    const rating = section.locator('[data-testid="template-item"][data-index="0"]');
    await rating.locator('[data-testid="item-label"] input[data-lang="zh-CN"]').fill('客户经营');
    await rating.locator('[data-testid="item-label"] input[data-lang="en"]').fill('Account management');
    await rating.getByTestId('item-weight').fill('60');
    expect(await section.getByTestId('section-sum').getAttribute('data-ok')).toBe('no');
    expect(await section.getByTestId('section-sum').getAttribute('data-sum')).toBe('60');
    // A metric from the catalogue for the other 40.
    await section.getByTestId('item-kind').selectOption('metric');
    await section.getByTestId('item-add').click();
    const metric = section.locator('[data-testid="template-item"][data-index="1"]');
    await metric.getByTestId('item-metric').selectOption('collection_rate');
    await metric.getByTestId('item-target').fill('1');
    await metric.getByTestId('item-weight').fill('40');
    expect(await section.getByTestId('section-sum').getAttribute('data-ok')).toBe('yes');
    expect(await tid('overall-sum').getAttribute('data-ok')).toBe('yes');

    // Preview on 李雷 for Q3.
    await tid('person-search').fill('李雷');
    await p.locator(`[data-testid="person-item"][data-email="${SELLER}"]`).click(WAIT);
    await tid('preview-start').fill(Q3.periodStart);
    await tid('preview-end').fill(Q3.periodEnd);
    await p.waitForSelector('[data-testid="preview-result"]', WAIT);

    // A cap: collection rate under 80% → at most B. 李雷's 72% → it applies, and the preview says so in Chinese.
    await tid('rule-add').click();
    const rule = p.locator('[data-testid="rule"][data-index="0"]');
    await rule.getByTestId('rule-effect').selectOption('cap');
    await rule.getByTestId('rule-grade').selectOption('B');
    await rule.locator('[data-testid="rule-reason"] input[data-lang="zh-CN"]').fill('回款不足');
    await rule.locator('[data-testid="rule-reason"] input[data-lang="en"]').fill('Collections short');
    await rule.getByTestId('rule-when').fill('collection_rate < 0.8');
    const outcome = rule.getByTestId('rule-outcome');
    await expect.poll(() => outcome.getAttribute('data-applies'), WAIT).toBe('yes');
    expect(await outcome.getByTestId('rule-explanation').innerText()).toContain('最高 B');
    await expect.poll(() => tid('preview-suggested').getAttribute('data-grade'), WAIT).toBe('B');
    await screenshotShell(p, screenshotPath('review-template-editor'), true);

    // 70% instead: 72% is above it, the rule no longer applies.
    await rule.getByTestId('rule-when').fill('collection_rate < 0.7');
    await expect.poll(() => outcome.getAttribute('data-applies'), WAIT).toBe('no');
    expect(await outcome.getByTestId('rule-explanation').innerText()).not.toContain('最高 B');
    // In English the explanation follows the console's language.
    await tid('lang-switch').selectOption('en');
    await rule.getByTestId('rule-when').fill('collection_rate < 0.8');
    await expect.poll(() => outcome.getAttribute('data-applies'), WAIT).toBe('yes');
    expect(await outcome.getByTestId('rule-explanation').innerText()).toContain('at most B');
    await tid('lang-switch').selectOption('zh-CN');

    // A flag too: under 75% the review is flagged.
    await tid('rule-add').click();
    const flagRule = p.locator('[data-testid="rule"][data-index="1"]');
    await flagRule.getByTestId('rule-effect').selectOption('flag');
    await flagRule.getByTestId('rule-flag').fill('collections-low');
    await flagRule.locator('[data-testid="rule-reason"] input[data-lang="zh-CN"]').fill('回款低于 75%');
    await flagRule.getByTestId('rule-when').fill('collection_rate < 0.75');
    await expect.poll(() => flagRule.getByTestId('rule-outcome').getAttribute('data-applies'), WAIT).toBe('yes');

    // A typo is listed by where it is, and nothing is saved.
    await flagRule.getByTestId('rule-when').fill('collection_rat < 0.75');
    await tid('template-save').click();
    await tid('template-problem').first().waitFor(WAIT);
    expect(await tid('template-problem').first().getAttribute('data-path')).toMatch(/^rules\.1/);
    await flagRule.getByTestId('rule-when').fill('collection_rate < 0.75');
    await tid('template-save').click();
    await p.waitForSelector('[data-testid="template-editor"]:not([data-id="new"])', WAIT);
    const { templates } = await call<{ templates: { id: number; jobFunction: string; version: number }[] }>('GET', '/api/review-templates');
    const saved = templates.find((x) => x.jobFunction === 'sales')!;
    expect(saved.version).toBe(1);
    const detail = await call<{ body: { rules: { when: string; effect: string; grade?: string; flag?: string }[] } }>('GET', `/api/review-templates/${saved.id}`);
    expect(detail.body.rules).toEqual([
      expect.objectContaining({ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B' }),
      expect.objectContaining({ when: 'collection_rate < 0.75', effect: 'flag', flag: 'collections-low' }),
    ]);
    expect(suite.pageErrors, 'uncaught errors in the page').toEqual([]);
  }, 120_000);

  it('the employee answers the self-review on My page, and the manager reviews on a phone: above the cap only with a reason', async () => {
    const { id: cycleId } = await call<{ id: number }>('POST', '/api/review-cycles', { name: '2026 Q3', kind: 'quarterly', ...Q3, departments: ['销售部'] });
    expect(await call('POST', `/api/review-cycles/${cycleId}/open`)).toMatchObject({ reviews: expect.any(Number) });
    const browser = suite.page.context().browser()!;

    // 李雷: My page has his self-review with his figures and the questions.
    const seller = await browser.newPage(PHONE_ZH);
    watchPage(seller, suite.pageErrors);
    try {
      await signInViaChatLink(seller, suite.app, SELLER);
      await seller.getByTestId('my-self-review').waitFor(WAIT);
      await seller.getByTestId('self-answer').first().waitFor(WAIT);
      const answers = seller.getByTestId('self-answer');
      for (let i = 0; i < (await answers.count()); i++) await answers.nth(i).fill(`第 ${i + 1} 题：华东大客户续约，回款进度偏慢。`);
      await seller.getByTestId('self-review-submit').click();
      await seller.getByTestId('self-review-done').waitFor(WAIT);
      await seller.screenshot({ path: screenshotPath('review-self-phone'), fullPage: true });
    } finally {
      await seller.close();
    }

    // 王芳 on her phone: the cycle, her team's reviews, 李雷's.
    const p = await browser.newPage(PHONE_ZH);
    watchPage(p, suite.pageErrors);
    try {
      await signInViaChatLink(p, suite.app, MANAGER);
      await p.locator('[data-testid="nav-tab"][data-route="reviews"]').click();
      await p.locator(`[data-testid="cycle-row"][data-id="${cycleId}"] [data-testid="cycle-open"]`).click(WAIT);
      const row = p.locator(`[data-testid="review-row"][data-email="${SELLER}"]`);
      await row.waitFor(WAIT);
      expect(await row.getByTestId('review-cap').innerText()).toContain('最高 B');
      await row.getByTestId('review-open').click();
      await p.getByTestId('review-page').waitFor(WAIT);
      const reviewId = Number(await p.getByTestId('review-page').getAttribute('data-id'));
      expect(await p.getByTestId('review-suggested').getAttribute('data-grade')).toBe('B');
      expect(await p.locator('[data-testid="review-rule"][data-effect="cap"]').innerText()).toContain('最高 B');
      expect(await p.locator('[data-testid="review-metric"][data-metric="collection_rate"]').count()).toBe(1);
      await p.getByTestId('manager-form').waitFor(WAIT);
      await testIdsOf(p).expectNoSidewaysScroll('the review on a phone');

      // A above the cap B: refused with the reason, nothing stored; the override reason field appears.
      await p.getByTestId('rating-s0i0').selectOption('A');
      await p.getByTestId('manager-feedback').fill('大客户经营出色，回款节奏需要加强。');
      await p.getByTestId('manager-grade').selectOption('A');
      expect(await p.getByTestId('override-reason').count()).toBe(0);
      await p.getByTestId('manager-submit').click();
      await p.getByTestId('above-cap').waitFor(WAIT);
      expect(await p.getByTestId('above-cap').innerText()).toContain('最高 B');
      expect((await call<{ grade: string | null }>('GET', `/api/reviews/${reviewId}`)).grade).toBeNull();
      await p.screenshot({ path: screenshotPath('review-above-cap-phone'), fullPage: true });

      // With a reason it is taken, and flagged for calibration.
      await p.getByTestId('override-reason').fill('季度末两笔大额回款已确认，10 月初到账。');
      await p.getByTestId('manager-submit').click();
      await p.getByTestId('manager-done').waitFor(WAIT);
      await p.getByTestId('review-needs-calibration').waitFor(WAIT);
      expect(await p.getByTestId('review-page').getAttribute('data-calibration')).toBe('yes');
      const stored = await call<{ grade: string; needsCalibration: boolean; overrideReason: string; status: string }>('GET', `/api/reviews/${reviewId}`);
      expect(stored).toMatchObject({ grade: 'A', needsCalibration: true, overrideReason: '季度末两笔大额回款已确认，10 月初到账。' });
      await testIdsOf(p).expectNoSidewaysScroll('the submitted review on a phone');
      await p.screenshot({ path: screenshotPath('review-submitted-phone'), fullPage: true });
    } finally {
      await p.close();
    }

    // HR (the desktop page, still signed in) clears the flag with a reason.
    const hr = suite.page;
    const id = (await cycleRows(cycleId)).find((r) => r.email === SELLER)!.id;
    await hr.goto(`${suite.app.url}/#/reviews/review/${id}`);
    const flag = hr.locator('[data-testid="review-flag"][data-flag="collections-low"]');
    await flag.waitFor(WAIT);
    await flag.getByTestId('flag-clear-open').click();
    await flag.getByTestId('flag-clear-reason').fill('已与销售总监确认回款计划');
    await flag.getByTestId('flag-clear-submit').click();
    await hr.waitForSelector('[data-testid="review-flag"][data-flag="collections-low"][data-cleared="yes"]', WAIT);
    expect(suite.pageErrors, 'uncaught errors in the pages').toEqual([]);
  }, 150_000);
});

const testIdsOf = (p: Page) => testIds(() => p);
