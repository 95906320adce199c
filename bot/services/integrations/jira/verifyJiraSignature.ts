import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Jira Cloud admin webhooks with a secret send `X-Hub-Signature: sha256=<hex>`: HMAC-SHA256 of the raw body bytes
 * keyed with the secret (confluence.atlassian.com managing-webhooks; MrRefactoring/jira.js src/webhooks/verify.ts).
 * Checked on the bytes before any JSON parsing, in constant time on equal-length buffers.
 */
export function verifyJiraSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!secret || !header) return false;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(m[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
