/**
 * Real-browser test of planning a cycle and correcting a metric in the console: HR creates a monthly cycle for 销售部
 * (a second with the same name and period is refused, as is an unknown department), opens it and is told how many
 * reviews it opened; then, on a phone (390×844), opens 李雷's review, whose collection rate of 72% caps it at B,
 * corrects the rate to 85% with a reason, and the cap rule is gone (the value's source now `manual`). A manager sees
 * neither the new-cycle form nor the correction.
 * Needs Chromium at /usr/bin/chromium and a built console (`npm run build:console`; `npm test` does it).
 */
import { describe, it, expect } from 'vitest';
import type { TemplateBody } from '../../bot/domain/reviewTemplate';
import { seedCollectionRate } from '../support/reviewTemplates';
import { CONSOLE_ENV, PEOPLE_HEADER, PHONE, WAIT, ZH_DESKTOP, screenshotPath, signInViaChatLink, testIds, useConsoleBrowser, watchPage } from '../support/browser';
import { RunningClock } from '../support/clock';

/** The server's clock: Monday 12 Oct 2026, 11:00 in Shanghai, running on in real time. */
const clock = new RunningClock('2026-10-12T03:00:00Z').now;

const HR = 'zhao.min@example.com';
const SELLER = 'li.lei@example.com';
const PEOPLE = `${[
  PEOPLE_HEADER,
  'E1,王芳,wang.fang@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'E2,李雷,li.lei@example.com,销售部/华东组,wang.fang@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'E5,赵敏,zhao.min@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
].join('\n')}\n`;
const PHONE_ZH = { viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true };

/** The sales template: collection rate against 100%, goals, one rating; under 80% collected → at most B. */
const SALES: TemplateBody = {
  name: '销售月度评估',
  jobFunction: 'sales',
  sections: [
    { title: { 'zh-CN': '业绩', en: 'Results' }, weight: 60, items: [{ kind: 'metric', metric: 'collection_rate', target: 1, weight: 60 }, { kind: 'goals', weight: 40 }] },
    { title: { 'zh-CN': '能力', en: 'Skills' }, weight: 40, items: [{ kind: 'rating', label: { 'zh-CN': '客户沟通', en: 'Customer communication' }, weight: 100 }] },
  ],
  rules: [{ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: { 'zh-CN': '回款完成率低于 80%', en: 'collection rate below 80%' } }],
};

const suite = useConsoleBrowser({
  tmpPrefix: 'perf-review-cycles-',
  people: PEOPLE,
  // employees' self-reviews open with the cycle, as their managers' do
  env: { ...CONSOLE_ENV, REVIEW_MANAGER_LEAD_DAYS: '0' },
  now: clock,
  page: ZH_DESKTOP,
  setUp: async () => {
    // The catalogue's collection rate, 李雷's for October (72%), and the sales template.
    await seedCollectionRate(call, SELLER, '2026-10', 0.72);
    await call('POST', '/api/review-templates', SALES);
  },
});

const call = <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => suite.app.api.call<T>(method, url, body);
const { tid, go } = testIds(() => suite.page);

describe('review cycles in the console', () => {
  it('HR plans and opens a monthly cycle for 销售部, then corrects a metric on a phone and the cap goes', async () => {
    const p = suite.page;
    await signInViaChatLink(p, suite.app, HR);
    await go('reviews');
    await tid('cycle-list').waitFor(WAIT);

    // The form starts on this month (where the browser is); quarterly moves it to this quarter.
    await tid('cycle-new-open').click();
    expect(await tid('cycle-start').inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    await tid('cycle-kind').selectOption('quarterly');
    expect(await tid('cycle-start').inputValue()).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    await tid('cycle-kind').selectOption('monthly');

    // An unknown department is refused by name.
    await tid('cycle-name').fill('2026 年 10 月考核');
    await tid('cycle-start').fill('2026-10-01');
    await tid('cycle-end').fill('2026-10-31');
    await tid('cycle-departments').fill('销售部, 不存在部');
    await tid('cycle-create').click();
    await p.waitForSelector('[data-testid="cycle-new-error"][data-code="unknown_department"]', WAIT);
    expect(await tid('cycle-new-error').innerText()).toContain('不存在部');

    // 销售部 alone: the cycle appears, planned, with an Open button.
    await tid('cycle-departments').fill('销售部');
    await tid('cycle-create').click();
    const row = p.locator('[data-testid="cycle-row"]', { hasText: '2026 年 10 月考核' });
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('planned');
    expect(await tid('cycle-new-error').count()).toBe(0);
    const cycleId = Number(await row.getAttribute('data-id'));

    // The same name and period again → cycle_exists, in Chinese.
    await tid('cycle-name').fill('2026 年 10 月考核');
    await tid('cycle-departments').fill('销售部');
    await tid('cycle-create').click();
    await p.waitForSelector('[data-testid="cycle-new-error"][data-code="cycle_exists"]', WAIT);
    expect(await tid('cycle-new-error').innerText()).toContain('已存在');

    // Open: 王芳 and 李雷 (销售部 and 销售部/华东组) get a review each.
    await row.getByTestId('cycle-open-reviews').click();
    const opened = row.getByTestId('cycle-opened');
    await opened.waitFor(WAIT);
    expect(await opened.getAttribute('data-reviews')).toBe('2');
    expect(await opened.innerText()).toContain('已开启 2 份考核');
    await p.waitForSelector(`[data-testid="cycle-row"][data-id="${cycleId}"][data-status="open"]`, WAIT);
    expect(await row.getByTestId('cycle-open-reviews').count()).toBe(0);
    await p.screenshot({ path: screenshotPath('review-cycle-opened'), fullPage: true });

    // On a phone: the cycle, 李雷's review capped at B by his 72%.
    const phone = await p.context().browser()!.newPage(PHONE_ZH);
    watchPage(phone, suite.pageErrors);
    const ph = testIds(() => phone);
    try {
      await signInViaChatLink(phone, suite.app, HR);
      await phone.locator('[data-testid="nav-tab"][data-route="reviews"]').click();
      await phone.locator(`[data-testid="cycle-row"][data-id="${cycleId}"] [data-testid="cycle-open"]`).click(WAIT);
      await phone.locator(`[data-testid="review-row"][data-email="${SELLER}"] [data-testid="review-open"]`).click(WAIT);
      await phone.getByTestId('review-page').waitFor(WAIT);
      const cap = phone.locator('[data-testid="review-rule"][data-effect="cap"]');
      expect(await cap.innerText()).toContain('最高 B');
      expect(await phone.getByTestId('review-suggested').getAttribute('data-grade')).toBe('B');
      const metric = phone.locator('[data-testid="review-metric"][data-metric="collection_rate"]');
      expect(await metric.getByTestId('metric-source').getAttribute('data-source')).toBe('crm');

      // Correct it to 85%, saying why: the review is read again, the rule no longer applies.
      await metric.getByTestId('metric-correct-open').click();
      expect(await metric.getByTestId('metric-correct-submit').isDisabled()).toBe(true); // no reason yet
      await metric.getByTestId('metric-correct-value').fill('0.85');
      await metric.getByTestId('metric-correct-reason').fill('CRM 漏记 9 月 28 日到账的回款');
      await ph.expectNoSidewaysScroll('the correction form on a phone');
      await metric.getByTestId('metric-correct-submit').click();
      await phone.waitForSelector('[data-testid="review-metric"][data-metric="collection_rate"] [data-testid="metric-source"][data-source="manual"]', WAIT);
      await expect.poll(() => cap.count(), WAIT).toBe(0);
      expect(await phone.getByTestId('review-rules').innerText()).not.toContain('最高 B');
      await ph.expectNoSidewaysScroll('the corrected review on a phone');
      await phone.screenshot({ path: screenshotPath('review-metric-corrected-phone'), fullPage: true });
    } finally {
      await phone.close();
    }

    // 王芳, a manager: the cycle and the review, but no planning, opening or correcting (the API refuses her).
    const manager = await p.context().browser()!.newPage(PHONE_ZH);
    watchPage(manager, suite.pageErrors);
    try {
      await signInViaChatLink(manager, suite.app, 'wang.fang@example.com');
      await manager.locator('[data-testid="nav-tab"][data-route="reviews"]').click();
      await manager.locator(`[data-testid="cycle-row"][data-id="${cycleId}"]`).waitFor(WAIT);
      expect(await manager.getByTestId('cycle-new').count()).toBe(0);
      await manager.locator(`[data-testid="cycle-row"][data-id="${cycleId}"] [data-testid="cycle-open"]`).click();
      await manager.locator(`[data-testid="review-row"][data-email="${SELLER}"] [data-testid="review-open"]`).click(WAIT);
      await manager.locator('[data-testid="review-metric"][data-metric="collection_rate"]').waitFor(WAIT);
      expect(await manager.getByTestId('metric-correct').count()).toBe(0);
    } finally {
      await manager.close();
    }

    // Stored as a manual correction of October's value.
    const { metrics } = await call<{ metrics: { metric: string; period: string; value: number; source: string }[] }>('GET', `/api/metrics?email=${encodeURIComponent(SELLER)}&period=2026-10`);
    expect(metrics).toEqual(expect.arrayContaining([expect.objectContaining({ metric: 'collection_rate', period: '2026-10', value: 0.85, source: 'manual' })]));
    expect(suite.pageErrors, 'uncaught errors in the pages').toEqual([]);
  }, 150_000);
});
