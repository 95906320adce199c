import { randomBytes } from 'node:crypto';

/** A card button's `key` (≤ 1024 bytes) carries the port's actionId and value; the callback hands it back as EventKey. */
export function buttonKey(actionId: string, value: string): string {
  return `${encodeURIComponent(actionId)}:${encodeURIComponent(value)}`;
}

export function parseButtonKey(key: string): { actionId: string; value: string } | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return { actionId: decodeURIComponent(key.slice(0, colon)), value: decodeURIComponent(key.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export const MAX_KEY_BYTES = 1024;
export const TASK_ID_PATTERN = /^[0-9A-Za-z_\-@]{1,128}$/;

/**
 * A task_id unique per app ([0-9A-Za-z_-@], ≤ 128 bytes): the first delivery's id plus randomness, so a retried
 * send never reuses the id of a card WeCom may already have created.
 */
export function newTaskId(deliveryId: number): string {
  return `pb_${deliveryId}_${randomBytes(6).toString('hex')}`;
}
