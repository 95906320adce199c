import { ApiError } from './api';
import { hasKey, t } from './i18n';

/** A localized, user-facing description of a failed request. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('error.network');
    const key = `error.${err.code}`;
    if (hasKey(key)) return t(key);
    return t('error.generic', { message: err.message || err.code });
  }
  return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
}
