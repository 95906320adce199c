import { CallbackRefused } from './callbackCrypto';

/** How far a callback's `timestamp` may be from now, either way: the same five minutes as Slack's window. */
export const WECOM_CALLBACK_WINDOW_SECONDS = 300;

/**
 * Refuses (401) a callback signed more than five minutes before or after now. The signature covers the
 * timestamp, so without this a captured callback (or URL verification) could be replayed for ever; the MsgId
 * dedupe then only stops replays of messages still on record. The machine's wall clock, not the business
 * clock: this is about the network, as in the Slack receiver.
 */
export function checkFresh(timestamp: string, wallClockMs: number): void {
  const ts = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(wallClockMs / 1000 - ts) > WECOM_CALLBACK_WINDOW_SECONDS) {
    throw new CallbackRefused(401, 'stale_request', 'The timestamp is more than 5 minutes from now.');
  }
}
