import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { startSlackApp, type SlackTestApp } from '../support/slackTestApp';

const GOALS = [
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days',
  'G-1,,individual,每月回访重点客户,li.lei@example.com,,家,0,60,1,2026-10-01,2026-12-31,14',
].join('\n');

describe('goal check-ins inside Slack', () => {
  let s: SlackTestApp;
  beforeEach(async () => {
    s = await startSlackApp({ clock: new TestClock('2026-11-23T02:00:00Z') }); // Monday 10:00 in Shanghai
    expect((await s.t.request('POST', '/api/goals/import', GOALS, 'text/csv')).status).toBe(200);
  });
  afterEach(async () => s.close());

  it('opens a check-in modal from the reminder, records value, status and note, and confirms by DM', async () => {
    await s.t.tick();
    await s.settle();
    const li = s.member('li.lei@example.com');
    const reminder = li.last();
    expect(reminder.text).toContain('2026-11-26 有目标检查点');
    expect((await li.click(reminder, '现在更新')).status).toBe(200);
    const modal = li.modal()!.view as { title: { text: string }; blocks: { type: string; element?: { type: string; initial_value?: string; initial_option?: { value: string } } }[] };
    expect(modal.title.text).toBe('目标进展更新');
    const inputs = modal.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.element!.type)).toEqual(['plain_text_input', 'static_select', 'plain_text_input']);
    expect(inputs[0].element!.initial_value).toBe('0');

    const bad = await li.submitModal(['三十', undefined, '']);
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { value: '请回复一个数字，例如 42 或 42.5。' } });
    expect(s.t.sql(`select count(*) as n from check_ins`)).toEqual([{ n: 0 }]);

    // Control characters typed or pasted into the modal are dropped before anything is stored (issue 14 #4).
    expect((await li.submitModal(['30', 'at_risk', '客户\u0000集中在\u001b月底'])).status).toBe(200);
    await s.settle();
    expect(s.t.sql(`select value, status, note, on_time from check_ins`)).toEqual([{ value: 30, status: 'at_risk', note: '客户集中在月底', on_time: 1 }]);
    expect(li.last().text).toContain('已更新 每月回访重点客户：30/60 家（50%），有风险。');
    expect(s.t.sql(`select kind, amount from points_ledger`)).toEqual([{ kind: 'checkin', amount: 1 }]);
  });

  it('lists my goals in the App Home with an Update button that opens the same modal', async () => {
    const li = s.member('li.lei@example.com');
    await li.openHome();
    await s.settle();
    const home = li.home()!.view as { blocks: { type: string; text?: { text: string } }[] };
    expect(home.blocks.map((b) => b.text?.text ?? '').join('\n')).toContain('1. 每月回访重点客户：0/60 家（0%）');
    expect((await li.click('home', '现在更新')).status).toBe(200);
    expect((li.modal()!.view as { title: { text: string } }).title.text).toBe('目标进展更新');
  });
});
