import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { locale, t } from '../../i18n';
import { LOG_WEEKS, loadLog, logs } from '../../store/progressLog';
import { LogWeek } from './LogWeek';

/** Someone's progress log of the last weeks, newest first (loaded when shown). */
export function PersonLog({ email }: { email: string }) {
  const lang = locale.value;
  useEffect(() => {
    void loadLog(email);
  }, [email, lang]);

  const log = logs.value[email];
  if (!log || (log.loading && log.entries.length === 0)) return <p class="muted small">{t('app.loading')}</p>;
  if (log.error) return <p class="error small" role="alert">{errorText(log.error)}</p>;
  if (log.entries.length === 0) return <p class="muted small" data-testid="log-empty">{t('log.empty', { weeks: LOG_WEEKS })}</p>;
  return (
    <ol class="log-weeks" data-testid="person-log" data-email={email}>
      {log.entries.map((e) => (
        <LogWeek key={e.week} entry={e} />
      ))}
    </ol>
  );
}
