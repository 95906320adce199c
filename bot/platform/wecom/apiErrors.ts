import { DeliveryError } from '../port';

/**
 * What a qyapi errcode means for us. `content`: the request itself is wrong, sending it again cannot help.
 * `config`: the app is set up wrongly (secret, trusted IP, visible range) — retried slowly so an admin can
 * fix it before messages dead-letter. `rate`: back off a whole window. `token`: refresh and retry once.
 */
type Kind = 'content' | 'config' | 'rate' | 'token' | 'transient';

const CODES: Record<number, { kind: Kind; text: string }> = {
  [-1]: { kind: 'transient', text: 'WeCom is busy' },
  40001: { kind: 'config', text: 'the secret (WECOM_SECRET) is wrong' },
  40003: { kind: 'content', text: 'the userid is not valid' },
  40008: { kind: 'content', text: 'the message type is not valid' },
  40013: { kind: 'config', text: 'the corp id (WECOM_CORP_ID) is wrong' },
  40014: { kind: 'token', text: 'the access_token is not valid' },
  40056: { kind: 'config', text: 'the agentid (WECOM_AGENT_ID) is wrong' },
  40058: { kind: 'content', text: 'a parameter is not valid' },
  41001: { kind: 'token', text: 'the access_token is missing' },
  42001: { kind: 'token', text: 'the access_token has expired' },
  44004: { kind: 'content', text: 'the text is empty' },
  45002: { kind: 'content', text: 'the content is too long' },
  45009: { kind: 'rate', text: 'the API call frequency limit was exceeded' },
  45033: { kind: 'rate', text: 'too many concurrent calls' },
  48002: { kind: 'config', text: 'the app may not call this API' },
  60011: { kind: 'config', text: 'the app may not see this member or department (check its visible range)' },
  60020: { kind: 'config', text: "this server's IP is not among the app's trusted IPs" },
  60111: { kind: 'content', text: 'the userid does not exist' },
  81013: { kind: 'content', text: 'every recipient is invalid (left, not activated, or outside the visible range)' },
  301002: { kind: 'config', text: 'the app has no permission for this' },
};

/** How long to wait before trying again after each kind (rate: WeCom blocks for the rest of the minute). */
const WAIT_MS: Partial<Record<Kind, number>> = { rate: 60_000, config: 5 * 60_000 };

/** A qyapi answer with errcode ≠ 0, or a transport failure (errcode null). */
export class WecomApiError extends Error {
  readonly kind: Kind;

  constructor(
    readonly api: string,
    readonly errcode: number | null,
    readonly errmsg: string,
  ) {
    const known = errcode === null ? undefined : CODES[errcode];
    super(`WeCom ${api}: ${errcode === null ? errmsg : `errcode ${errcode}, ${known?.text ?? 'unexpected error'} (${errmsg})`}`);
    this.kind = errcode === null ? 'transient' : (known?.kind ?? 'transient');
  }

  get isTokenProblem(): boolean {
    return this.kind === 'token';
  }

  get retryAfterMs(): number | undefined {
    return WAIT_MS[this.kind];
  }
}

/**
 * The dispatcher's view of a failure: content errors are final, everything else is retried (after a wait). A
 * frequency limit (45009, 45033) only asks us to wait, like Slack's 429: a deferral, not a failed attempt, so a long
 * run of them never dead-letters a batch of up to 1000 people.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof WecomApiError) return new DeliveryError(err.message, { retryable: err.kind !== 'content', retryAfterMs: err.retryAfterMs, deferred: err.kind === 'rate' });
  return new DeliveryError(`WeCom: ${err instanceof Error ? err.message : String(err)}`, { retryable: true });
}
