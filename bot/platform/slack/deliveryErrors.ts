import { webApi } from '@slack/bolt';
import { DeliveryError } from '../port';

/** Slack platform errors worth another try later; every other `{ok:false,error}` will not improve by retrying. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);
/**
 * The token was refused: an expiring (rotated) or revoked token is fixed by the operator or by rotation, not by the
 * message. Retried with backoff like a network error, so a fan-out that met a bad token goes out once it works
 * again; a token that stays bad dead-letters after DISPATCH_MAX_ATTEMPTS, and /healthz reports the dead letters.
 */
const CREDENTIALS = new Set(['token_expired', 'invalid_auth', 'not_authed', 'token_revoked', 'account_inactive']);

interface WebApiError {
  code?: string;
  message?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
}

/**
 * What a failed Web API call means for the outbox. The WebClient is set to reject rate-limited calls and not
 * to retry, so the dispatcher alone decides when to try again: 429 → after Retry-After (a deferral, not a
 * failed attempt); HTTP and network errors and refused tokens → with backoff; channel_not_found, user_not_found, invalid_blocks …
 * → dead letter at once.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as WebApiError;
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = e.retryAfter ?? 1;
      // Slack only asks us to wait: not a failed attempt, so a long burst of 429s never dead-letters a message.
      return new DeliveryError(`Slack rate limit: retry after ${seconds}s`, { retryable: true, retryAfterMs: seconds * 1000, deferred: true, rateLimited: true });
    }
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      const detail = e.data?.response_metadata?.messages?.join('; ');
      return new DeliveryError(`Slack refused: ${code}${detail ? ` (${detail})` : ''}`, { retryable: TRANSIENT.has(code) || CREDENTIALS.has(code) });
    }
    case webApi.ErrorCode.HTTPError:
      return new DeliveryError(`Slack answered HTTP ${e.statusCode ?? '?'}`, { retryable: true });
    case webApi.ErrorCode.RequestError:
      return new DeliveryError(`Slack unreachable: ${e.message ?? 'request failed'}`, { retryable: true });
    default:
      return new DeliveryError(e.message ?? String(err), { retryable: true });
  }
}

/** The `{ok:false,error}` code of a failed Web API call, if that is what it was. */
export function platformErrorCode(err: unknown): string | undefined {
  const e = (err ?? {}) as WebApiError;
  return e.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}
