import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { releasedCycle } from '../support/releasedCycle';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';
import { settle, startWecomApp, WECOM_TEAM_CSV } from '../support/wecomHarness';

/**
 * Issue 11: an appeal started on WeCom and on Slack ("申诉", then the reason), answered by HR in the console, and the
 * outcome told back on the same platform.
 */
const REASON = '本月大部分时间在支援客户现场，目标未及时调整';

describe('appeals on the chat platforms', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(async () => close());

  it('on WeCom: appealed by text, changed by HR, told in WeCom', async () => {
    const w = await startWecomApp({ clock: new TestClock('2026-12-01T02:00:00Z') });
    close = () => w.destroy();
    expect((await w.t.importPeople(WECOM_TEAM_CSV)).status).toBe(200);
    insertTemplates(w.t, DEFAULT_TEMPLATE);
    await releasedCycle(w.t, { name: '2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30', grades: { 'li.lei@example.com': 'C' } });
    await settle(w.t);
    const texts = () => w.fake.messagesTo('LiLei').map((m) => m.text ?? '');
    expect(texts().at(-1)).toContain('申诉');
    expect((await w.callbacks.text('LiLei', '申诉')).status).toBe(200);
    await settle(w.t);
    expect(texts().at(-1)).toContain('说明理由');
    expect((await w.callbacks.text('LiLei', REASON)).status).toBe(200);
    await settle(w.t);
    expect(texts().at(-1)).toContain('已提交给 HR');
    const { appeals } = (await (await w.t.request('GET', '/api/appeals')).json()) as { appeals: { id: number; reason: string; channel: string }[] };
    expect(appeals).toEqual([expect.objectContaining({ reason: REASON, channel: 'chat' })]);
    expect((await w.t.request('POST', `/api/appeals/${appeals[0].id}/resolve`, { outcome: 'changed', grade: 'B', note: '已核实现场支援工作量' })).status).toBe(200);
    await settle(w.t);
    expect(texts().at(-1)).toContain('由 C 调整为 B');
  });

  it('on Slack: appealed in one message, upheld by HR, told in Slack', async () => {
    const s: SlackTestApp = await startSlackApp({ clock: new TestClock('2026-12-01T02:00:00Z') });
    close = () => s.close();
    insertTemplates(s.t, DEFAULT_TEMPLATE);
    await releasedCycle(s.t, { name: '2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    await s.settle();
    const person = s.member('li.lei@example.com');
    expect(person.last().text).toContain('申诉');
    await person.dm(`申诉：${REASON}`);
    await s.settle();
    expect(person.last().text).toContain('已提交给 HR');
    const { appeals } = (await (await s.t.request('GET', '/api/appeals')).json()) as { appeals: { id: number; reason: string }[] };
    expect(appeals.map((a) => a.reason)).toEqual([REASON]);
    expect((await s.t.request('POST', `/api/appeals/${appeals[0].id}/resolve`, { outcome: 'upheld', note: '与校准会结论一致' })).status).toBe(200);
    await s.settle();
    expect(person.last().text).toContain('维持 B');
  });
});
