import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../bot/platform/slack/channelPacer';
import { toDeliveryError } from '../../bot/platform/slack/deliveryErrors';
import { renderMessage } from '../../bot/platform/slack/messageBlocks';
import { fromSlackText, toSlackText } from '../../bot/platform/slack/slackText';
import { DeliveryError } from '../../bot/platform/port';

describe('Slack adapter parts', () => {
  it('paces a channel to one message per interval, a burst going out in order', () => {
    const pacer = new ChannelPacer(1000);
    expect(pacer.acquire('D1', 1, 0)).toBe(0);
    expect(pacer.acquire('D1', 2, 10)).toBe(990); // books 1000
    expect(pacer.acquire('D1', 3, 20)).toBe(1980); // books 2000
    expect(pacer.acquire('D2', 4, 20)).toBe(0); // other channels are free
    expect(pacer.acquire('D1', 3, 1000)).toBe(1000); // not its turn yet
    expect(pacer.acquire('D1', 2, 1000)).toBe(0);
    expect(pacer.acquire('D1', 3, 2000)).toBe(0);
    expect(pacer.acquire('D1', 5, 2000)).toBe(1000); // next free slot is 3000
  });

  it('maps Web API failures to what the outbox should do', () => {
    const coded = (code: string, extra: object) => Object.assign(new Error(code), { code, ...extra });
    const limited = toDeliveryError(coded(webApi.ErrorCode.RateLimitedError, { retryAfter: 7 }));
    expect(limited.options).toEqual({ retryable: true, retryAfterMs: 7000, deferred: true, rateLimited: true });
    expect(toDeliveryError(coded(webApi.ErrorCode.PlatformError, { data: { error: 'channel_not_found' } })).options.retryable).toBe(false);
    expect(toDeliveryError(coded(webApi.ErrorCode.PlatformError, { data: { error: 'internal_error' } })).options.retryable).toBe(true);
    expect(toDeliveryError(coded(webApi.ErrorCode.HTTPError, { statusCode: 503 })).message).toBe('Slack answered HTTP 503');
    expect(toDeliveryError(coded(webApi.ErrorCode.RequestError, {})).options.retryable).toBe(true);
    const own = new DeliveryError('mine', { retryable: false });
    expect(toDeliveryError(own)).toBe(own);
  });

  it('escapes what we say and unescapes what people type', () => {
    expect(toSlackText('a < b & <!channel>')).toBe('a &lt; b &amp; &lt;!channel&gt;');
    expect(fromSlackText('see <https://x.io/a|the doc>, ask <@U123> in <#C9|team> &lt;3 &amp; <!here>')).toBe('see the doc (https://x.io/a), ask @U123 in #team <3 & @here');
  });

  it('keeps a long message inside Block Kit limits', () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const buttons = Array.from({ length: 30 }, (_, i) => ({ actionId: 'rewards.redeem', label: `Reward ${i}`, value: String(i) }));
    const { text: fallback, blocks } = renderMessage({ text, buttons }, 'en');
    expect(fallback.length).toBeLessThanOrEqual(3000);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((b) => b.type === 'section') as { text: { text: string } }[];
    expect(sections.every((s) => s.text.text.length <= 3000)).toBe(true);
    const actions = blocks.filter((b) => b.type === 'actions') as { elements: { action_id: string }[] }[];
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    expect(new Set(actions.flatMap((a) => a.elements.map((e) => e.action_id))).size).toBe(30);
  });
});
