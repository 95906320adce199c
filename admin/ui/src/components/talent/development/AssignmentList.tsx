import { useSignal } from '@preact/signals';
import type { Assignment } from '../../../developmentShapes';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { assignments, cancelAssignment } from '../../../store/development';

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** Assignments with their completion and milestones (overdue marked); HR cancels one with a reason. */
export function AssignmentList({ readOnly }: { readOnly?: boolean } = {}) {
  const list = assignments.data.value;
  if (assignments.error.value && !list) return <p class="error" role="alert">{errorText(assignments.error.value)}</p>;
  if (!list) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section class="card panel" data-testid="assignments" aria-labelledby="assignments-title">
      <h3 id="assignments-title">{t('talent.paths.assignments', { count: list.filter((a) => a.status === 'active').length })}</h3>
      {list.length === 0 ? <p class="muted">{t('talent.paths.noAssignments')}</p> : (
        <ul class="plain-list">{list.map((a) => <AssignmentItem key={a.id} a={a} readOnly={readOnly} />)}</ul>
      )}
    </section>
  );
}

export function AssignmentItem({ a, readOnly }: { a: Assignment; readOnly?: boolean }) {
  const reason = useSignal('');
  const open = useSignal(false);
  const error = useSignal<unknown>(null);
  return (
    <li class="plain-item" data-testid="assignment" data-person={a.person.email} data-status={a.status}>
      <span class="plain-main">
        <strong>{a.person.name}</strong> · {a.path}{' '}
        <span class={`badge status-${a.status === 'active' ? 'pending' : a.status === 'completed' ? 'approved' : 'rejected'}`}>{t(`talent.paths.status.${a.status}`)}</span>
      </span>
      <span class="small" data-testid="assignment-completion">{t('talent.paths.completion', { pct: pct(a.completion), overdue: a.overdueMilestones })}</span>
      <progress class="cell-sub" max={100} value={Math.round((a.completion ?? 0) * 100)} aria-label={t('talent.paths.completionLabel')} />
      <ol class="cell-sub small">
        {a.milestones.map((m) => (
          <li key={m.goalId} data-testid="assignment-milestone">
            {m.title} — {t('talent.paths.due', { date: m.dueDate })} · {m.progress}%{' '}
            {m.done ? <span class="badge badge-ok">{t('talent.paths.done')}</span> : m.overdue ? <span class="badge badge-late">{t('talent.paths.overdue')}</span> : null}
          </li>
        ))}
      </ol>
      {a.closeReason ? <span class="cell-sub small muted">{t('talent.paths.cancelledBecause', { reason: a.closeReason })}</span> : null}
      {!readOnly && a.status === 'active' && (
        <div class="row-actions">
          {open.value ? (
            <>
              <input aria-label={t('talent.paths.reason')} placeholder={t('talent.paths.reason')} data-testid="cancel-reason" value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
              <button
                type="button"
                data-testid="cancel-confirm"
                disabled={!reason.value.trim()}
                onClick={() => cancelAssignment(a.id, reason.value.trim()).catch((err: unknown) => (error.value = err))}
              >
                {t('talent.paths.cancelPath')}
              </button>
            </>
          ) : (
            <button type="button" class="link-button" data-testid="cancel-open" onClick={() => (open.value = true)}>{t('talent.paths.cancelPath')}</button>
          )}
          {error.value ? <p class="error" role="alert">{errorText(error.value)}</p> : null}
        </div>
      )}
    </li>
  );
}
