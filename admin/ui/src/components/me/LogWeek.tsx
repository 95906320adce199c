import type { LogEntry } from '../../apiShapes';
import { formatDate } from '../../format';
import { t } from '../../i18n';

/** One week of someone's progress log: its state and each question's answer. */
export function LogWeek({ entry }: { entry: LogEntry }) {
  const state = entry.completedAt ? (entry.late ? 'late' : 'onTime') : 'missing';
  const badge = { onTime: 'badge-ok', late: 'badge-late', missing: 'badge-muted' }[state];
  return (
    <li class="log-week" data-testid="log-week" data-week={entry.week}>
      <div class="log-week-head">
        <strong>{entry.week}</strong>
        <span class="muted small">{formatDate(entry.dueDate)}</span>
        <span class={`badge ${badge}`}>{t(`log.state.${state}`)}</span>
      </div>
      <dl class="log-answers">
        {entry.answers.map((a, i) => (
          <div key={i} data-testid="log-answer">
            <dt>{a.question}</dt>
            <dd class={a.answer ? '' : 'muted'}>
              {a.answer ?? (a.skipped ? t('log.skipped') : t('log.noAnswer'))}
              {a.late && a.answer ? <span class="muted small"> · {t('log.late')}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
