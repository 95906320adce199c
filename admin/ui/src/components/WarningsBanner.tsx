import { hasKey, t } from '../i18n';
import { hrefOf, isStaff } from '../store/route';
import { dismissWarnings, warnings, warningsDismissed } from '../store/status';
import type { SystemWarning } from '../types';

/** A warning in the console's language when its code is known, else the server's own text. */
function warningText(w: SystemWarning): string {
  const key = `warning.${w.code}`;
  if (!hasKey(key)) return w.message;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(w.params ?? {})) params[name] = String(value);
  return t(key, params);
}

/** Where an admin or HR fixes a missing year of holidays: the Calendar page at that year. */
function calendarLink(w: SystemWarning): string | null {
  const year = w.params?.year;
  if (w.code !== 'holidays_missing' || !isStaff.value || !/^\d{4}$/.test(String(year ?? ''))) return null;
  return hrefOf('calendar', String(year));
}

/** Operational warnings, for the admin only (the server sends them to no one else); dismissed until they change. */
export function WarningsBanner() {
  const list = warnings.value;
  if (list.length === 0 || warningsDismissed.value) return null;
  return (
    <section class="warnings-banner" role="status" aria-label={t('warnings.title')} data-testid="warnings-banner">
      <ul>
        {list.map((w, i) => {
          const link = calendarLink(w);
          return (
            <li key={`${w.code}:${i}`} data-testid="warning" data-code={w.code}>
              {link ? (
                <a href={link} data-testid="warning-link" title={t('warnings.openCalendar', { year: String(w.params?.year) })}>
                  {warningText(w)}
                </a>
              ) : (
                warningText(w)
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" data-testid="warnings-dismiss" title={t('warnings.dismissHint')} onClick={dismissWarnings}>
        {t('warnings.dismiss')}
      </button>
    </section>
  );
}
