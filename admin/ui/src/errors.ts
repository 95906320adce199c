import { ApiError } from './api';
import { hasKey, t } from './i18n';

/** A localized, user-facing description of a failed request. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('error.network');
    if (err.status === 429) {
      return err.retryAfter !== undefined ? t('error.tooManyWait', { seconds: err.retryAfter }) : t('error.tooMany');
    }
    const key = `error.${err.code}`;
    if (hasKey(key)) return t(key);
    return t('error.generic', { message: err.message || err.code });
  }
  return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
}

/** The server's error code of a failed request ('' for anything else). */
export const errorCode = (err: unknown): string => (err instanceof ApiError ? err.code : '');
