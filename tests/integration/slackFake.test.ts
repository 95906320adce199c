import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { FakeSlack } from '../support/fakeSlack';

/** The fake must refuse what Slack refuses, or the app's tests would pass against a Slack that does not exist. */
describe('the fake Slack Web API, driven by the real WebClient', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  const clock = new TestClock('2026-11-27T08:00:00Z');
  beforeEach(async () => {
    fake = await FakeSlack.start({ now: () => clock.now().getTime() });
    fake.addUser({ id: 'U0AMY', email: 'amy@example.com', name: 'amy' });
    client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
  });
  afterEach(async () => fake.close());

  const refusal = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (err) {
      const e = err as { code: string; data?: { error: string; response_metadata?: { messages?: string[] } }; retryAfter?: number };
      return { code: e.code, error: e.data?.error, messages: e.data?.response_metadata?.messages, retryAfter: e.retryAfter };
    }
    throw new Error('the call was accepted');
  };
  const modal = (over: Record<string, unknown> = {}) => ({
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Weekly standup' },
    submit: { type: 'plain_text' as const, text: 'Submit' },
    blocks: [{ type: 'input' as const, block_id: 'q0', label: { type: 'plain_text' as const, text: 'Q' }, element: { type: 'plain_text_input' as const, action_id: 'a', multiline: true } }],
    ...over,
  });

  it('checks the token and its kind, and the body encoding', async () => {
    expect((await client.auth.test()).user_id).toBe(fake.state.bot.userId);
    expect(await refusal(new webApi.WebClient('xoxb-wrong', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }).auth.test())).toMatchObject({ error: 'invalid_auth' });
    expect(await refusal(client.apps.connections.open({}))).toMatchObject({ error: 'not_allowed_token_type' });
    const form = fake.calls.at(-1)!;
    expect(form).toMatchObject({ method: 'apps.connections.open', ok: false, error: 'not_allowed_token_type' });
    const json = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":"U0AMY","text":"hi"}' });
    expect(await json.json()).toEqual({ ok: false, error: 'not_authed' });
    const plain = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'text/plain' }, body: 'channel=U0AMY' });
    expect(await plain.json()).toEqual({ ok: false, error: 'invalid_form_data' });
  });

  it('refuses invalid messages and views as Slack does', async () => {
    fake.limiter.limits = { ...fake.limiter.limits, channelBurst: 100 }; // refused calls count too: room for all of them
    const dm = (await client.conversations.open({ users: 'U0AMY' })).channel!.id!;
    expect(await refusal(client.conversations.open({ users: 'U0NOBODY' }))).toMatchObject({ error: 'user_not_found' });
    expect(await refusal(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await refusal(client.chat.postMessage({ channel: dm, text: '' }))).toMatchObject({ error: 'no_text' });
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    expect(await refusal(client.chat.postMessage({ channel: dm, text: 'x', blocks: many }))).toMatchObject({ error: 'invalid_blocks' });
    const twice = { type: 'actions' as const, elements: [0, 1].map(() => ({ type: 'button' as const, action_id: 'same', text: { type: 'plain_text' as const, text: 'b' } })) };
    expect((await refusal(client.chat.postMessage({ channel: dm, text: 'x', blocks: [twice] }))).messages).toEqual(['[ERROR] duplicate action_id "same" [json-pointer:/blocks/0/elements/1/action_id]']);
    expect(await refusal(client.apiCall('chat.postMessage', { channel: dm, text: 'x', blocks: '[not json' }))).toMatchObject({ error: 'invalid_blocks_format' });
    expect(await refusal(client.users.lookupByEmail({ email: 'nobody@example.com' }))).toMatchObject({ error: 'users_not_found' });

    expect(await refusal(client.views.open({ view: modal() } as never))).toMatchObject({ error: 'invalid_arguments', messages: ['[ERROR] missing required field: trigger_id'] });
    const trigger = () => fake.state.issueTrigger('U0AMY');
    expect(await refusal(client.views.open({ trigger_id: trigger(), view: modal({ title: { type: 'plain_text', text: 'A title of twenty-five c.' } }) }))).toMatchObject({
      error: 'invalid_arguments',
      messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    });
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(await refusal(client.views.open({ trigger_id: trigger(), view: modal({ blocks }) }))).toMatchObject({ messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] });
    expect(await refusal(client.views.open({ trigger_id: trigger(), view: modal({ submit: undefined }) }))).toMatchObject({ error: 'invalid_arguments' });
    const once = trigger();
    expect((await client.views.open({ trigger_id: once, view: modal() })).ok).toBe(true);
    expect(await refusal(client.views.open({ trigger_id: once, view: modal() }))).toMatchObject({ error: 'exchanged_trigger_id' });
    const late = trigger();
    clock.advance(3001);
    expect(await refusal(client.views.open({ trigger_id: late, view: modal() }))).toMatchObject({ error: 'expired_trigger_id' });
  });

  it('holds a channel to one message a second and answers 429 with Retry-After, recording every call', async () => {
    const dm = (await client.conversations.open({ users: 'U0AMY' })).channel!.id!;
    expect((await client.chat.postMessage({ channel: dm, text: 'one' })).ok).toBe(true);
    expect(await refusal(client.chat.postMessage({ channel: dm, text: 'two' }))).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', status: 429, ok: false, error: 'ratelimited' });
    clock.advance(1000);
    expect((await client.chat.postMessage({ channel: dm, text: 'two' })).ok).toBe(true);
    expect(fake.dmMessages('U0AMY').map((m) => m.text)).toEqual(['one', 'two']);
    expect(fake.calls.map((c) => `${c.method}:${c.status}`)).toEqual(['conversations.open:200', 'chat.postMessage:200', 'chat.postMessage:429', 'chat.postMessage:200']);
    expect(fake.calls[1].args).toMatchObject({ channel: dm, text: 'one' });
  });
});
