import type { LogEntry } from '../../apiShapes';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

/** One person's week in the journal: their status, then each question and answer, blockers and edits marked. */
export function JournalEntry({ entry }: { entry: LogEntry }) {
  const state = entry.completedAt ? (entry.late ? 'late' : 'onTime') : 'missing';
  const badge = { onTime: 'badge-ok', late: 'badge-late', missing: 'badge-muted' }[state];
  const blocked = entry.answers.some((a) => a.blocker);
  const edited = entry.answers.some((a) => a.editedAt);
  const typedBy = [...new Set(entry.answers.flatMap((a) => (a.enteredBy ? [a.enteredBy] : [])))];
  return (
    <li class="card journal-entry" data-testid="journal-entry" data-email={entry.email} data-week={entry.week} data-state={state} data-blocker={blocked || undefined} data-edited={edited || undefined}>
      <div class="journal-entry-head">
        <strong>{entry.name}</strong>
        <span class="muted small">{entry.department ?? ''}</span>
        <span class={`badge ${badge}`}>{t(`log.state.${state}`)}</span>
        {blocked ? <span class="badge badge-blocker">{t('journal.blocker')}</span> : null}
        {edited ? <span class="badge badge-edited">{t('journal.edited')}</span> : null}
        {entry.completedAt ? <span class="muted small">{formatDateTime(entry.completedAt)}</span> : null}
      </div>
      {entry.answers.every((a) => a.answer === null && !a.skipped) ? null : (
        <dl>
          {entry.answers.map((a, i) => (
            <div key={i} data-testid="journal-answer">
              <dt>{a.question}</dt>
              <dd class={[a.answer ? '' : 'muted', a.blocker ? 'blocker' : ''].join(' ').trim()}>
                {a.answer ?? (a.skipped ? t('log.skipped') : t('log.noAnswer'))}
                {a.late && a.answer ? <span class="muted small"> · {t('log.late')}</span> : null}
                {a.editedAt ? <span class="muted small"> · {t('journal.editedAt', { at: formatDateTime(a.editedAt) })}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {typedBy.length ? <p class="muted small">{t('journal.typedBy', { who: typedBy.join(', ') })}</p> : null}
    </li>
  );
}
