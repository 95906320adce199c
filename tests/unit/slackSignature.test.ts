import { createHmac, createSecretKey } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signatureMatches } from '../../bot/platform/slack/verifySignature';

const SECRET = 'fake-signing-secret-0123456789abcdef';
const key = createSecretKey(Buffer.from(SECRET, 'utf8'));
const ts = String(Math.floor(Date.now() / 1000));
const body = Buffer.from(`payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', view: { state: { values: { q0: { answer: { value: '完成了周报 ✓' } } } } } }))}`, 'utf8');
const sign = (secret: string, t: string, b: Buffer | string) => `v0=${createHmac('sha256', secret).update(`v0:${t}:`).update(b).digest('hex')}`;
const bolt = (t: string, b: Buffer, signature: string) =>
  isValidSlackRequest({ signingSecret: SECRET, body: b.toString('utf8'), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(t) } });

/** Our v0 check (key made once, bytes hashed as they are, one constant-time compare) decides as Bolt's does. */
describe('Slack v0 signature', () => {
  const cases: [string, string, Buffer, string][] = [
    ['signed by Slack', ts, body, sign(SECRET, ts, body)],
    ['another secret', ts, body, sign('another-secret', ts, body)],
    ['a byte of the body changed', ts, Buffer.concat([body.subarray(0, -1), Buffer.from('x')]), sign(SECRET, ts, body)],
    ['signed for another timestamp', ts, body, sign(SECRET, String(Number(ts) - 1), body)],
    ['version v1', ts, body, sign(SECRET, ts, body).replace(/^v0=/, 'v1=')],
    ['hash cut short', ts, body, sign(SECRET, ts, body).slice(0, -2)],
    ['no hash', ts, body, 'v0='],
    ['no signature', ts, body, ''],
    ['an empty body, signed', ts, Buffer.alloc(0), sign(SECRET, ts, '')],
  ];
  it.each(cases)('%s: the same answer as Bolt', (_name, t, b, signature) => {
    expect(signatureMatches(key, t, b, signature)).toBe(bolt(t, b, signature));
  });
  it('accepts only the genuine ones', () => {
    expect(cases.filter(([, t, b, s]) => signatureMatches(key, t, b, s)).map(([name]) => name)).toEqual(['signed by Slack', 'an empty body, signed']);
  });
});
