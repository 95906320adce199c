import { describe, expect, it } from 'vitest';
import { buttonKey, newTaskId, parseButtonKey, TASK_ID_PATTERN } from '../../bot/platform/wecom/cardKeys';
import { MemberLimiter } from '../../bot/platform/wecom/memberLimiter';
import { render } from '../../bot/platform/wecom/render';
import { splitText } from '../../bot/platform/wecom/textParts';
import { TestClock } from '../support/clock';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('WeCom rendering', () => {
  it('splits long text at line breaks within 2048 bytes, and a too-long line by whole characters', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `第${i}行：完成了登录模块`);
    const parts = splitText(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    const oneLine = '障碍😀'.repeat(500);
    const pieces = splitText(oneLine);
    for (const p of pieces) expect(bytes(p)).toBeLessThanOrEqual(2048);
    expect(pieces.join('')).toBe(oneLine); // no character cut in half
  });

  it('puts a short message with buttons on one card; a long one goes first as text', () => {
    const buttons = [{ actionId: 'standup.skip', label: '跳过', value: '1' }];
    const [card] = render({ text: '问题 2/3：遇到哪些障碍？', buttons });
    expect(card).toEqual({ kind: 'card', title: '问题 2/3：遇到哪些障碍？', subtitle: undefined, buttons: [{ text: '跳过', key: 'standup.skip:1', style: 2 }] });
    const long = render({ text: '标题', fields: [{ label: '本周完成了什么？', value: '很长的回答'.repeat(60) }], buttons });
    expect(long.map((p) => p.kind)).toEqual(['text', 'card']);
    expect(long[0]).toMatchObject({ kind: 'text' });
    expect((long[0] as { content: string }).content).toContain('很长的回答很长的回答');
  });

  it('spreads more than six buttons over several cards', () => {
    const buttons = Array.from({ length: 8 }, (_, i) => ({ actionId: 'rewards.redeem', label: `奖励${i}`, value: String(i) }));
    const cards = render({ text: '可以兑换的奖励：', buttons });
    expect(cards.map((c) => (c.kind === 'card' ? c.buttons.length : 0))).toEqual([6, 2]);
  });

  it('round-trips button keys and makes task ids WeCom accepts', () => {
    expect(parseButtonKey(buttonKey('standup.leave', '2026-W48'))).toEqual({ actionId: 'standup.leave', value: '2026-W48' });
    expect(parseButtonKey(buttonKey('a:b', 'x|y:z'))).toEqual({ actionId: 'a:b', value: 'x|y:z' });
    expect(parseButtonKey('garbage')).toBeUndefined();
    expect(newTaskId(123456)).toMatch(TASK_ID_PATTERN);
  });
});

describe('per-member limiter', () => {
  it('admits 30 a minute, then reserves the next free moments in order', () => {
    const clock = new TestClock('2026-11-27T08:00:00Z');
    const limiter = new MemberLimiter(clock.now);
    for (let i = 0; i < 30; i++) {
      expect(limiter.check('m', i, 1)).toBe(0);
      limiter.record('m', 1);
      clock.advance(1000); // one a second
    }
    const first = limiter.check('m', 100, 1);
    const second = limiter.check('m', 101, 1);
    expect(first).toBeGreaterThanOrEqual(30_000); // when the oldest send leaves the minute
    expect(second).toBeGreaterThan(first);
    expect(limiter.check('other', 1, 1)).toBe(0);
    clock.advance(first);
    expect(limiter.check('m', 100, 1)).toBe(0); // its own reservation does not block it
    limiter.record('m', 1);
    expect(limiter.check('m', 102, 1)).toBeGreaterThan(0); // a newcomer queues behind 101
  });

  it('remembers sends from before a restart (seeded from the outbox)', () => {
    const clock = new TestClock('2026-11-27T08:00:00Z');
    const limiter = new MemberLimiter(clock.now);
    limiter.seed(Array.from({ length: 1000 }, (_, i) => ({ member: 'm', at: clock.now().getTime() - 3_000_000 + i })));
    expect(limiter.check('m', 1, 1)).toBeGreaterThan(0);
  });
});
