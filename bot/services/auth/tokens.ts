import { createHash, randomBytes } from 'node:crypto';
import { boundedMemo } from '../boundedMemo';

/** A fresh secret for a cookie or a link: 32 random bytes, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored instead of a token: its SHA-256, so a copy of the database signs nobody in. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const recentHashes = new Map<string, string>();
const RECENT_LIMIT = 1000;

/**
 * tokenHash for a session cookie, which comes back with every API request: the hashes of the last 1,000 tokens seen
 * are kept (a pure function of the token, so nothing about the session is cached: the lookup still reads the row).
 */
export function sessionTokenHash(token: string): string {
  return boundedMemo(recentHashes, token, RECENT_LIMIT, () => tokenHash(token));
}
