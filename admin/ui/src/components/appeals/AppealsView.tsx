import { useEffect } from 'preact/hooks';
import type { Appeal } from '../../appealShapes';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { appeals } from '../../store/appeals';
import { isStaff, reviewHref } from '../../store/route';
import { AppealResolveForm } from './AppealResolveForm';

/** The appeal queue (`#/reviews/appeals`): open appeals first by deadline (late ones marked), then answered ones. */
export function AppealsView() {
  useEffect(() => {
    void appeals.load();
  }, []);
  const list = appeals.data.value;
  if (appeals.error.value && !list) return <p class="error" role="alert">{errorText(appeals.error.value)}</p>;
  if (!list) return <p class="muted">{t('app.loading')}</p>;
  return (
    <section class="card panel" data-testid="appeals-view" aria-labelledby="appeals-title">
      <h3 id="appeals-title">{t('appeal.queue', { open: list.filter((a) => a.status === 'open').length })}</h3>
      {list.length === 0 ? (
        <p class="muted" data-testid="appeals-empty">
          {t('appeal.none')}
        </p>
      ) : (
        <ul class="plain-list">
          {list.map((a) => (
            <AppealItem key={a.id} appeal={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AppealItem({ appeal: a }: { appeal: Appeal }) {
  return (
    <li class="plain-item" data-testid="appeal-item" data-id={a.id} data-status={a.status} data-overdue={a.overdue ? 'yes' : 'no'}>
      <a class="plain-main" href={reviewHref(a.reviewId)}>
        {a.name}
      </a>
      <span class="badge">{t(`appeal.status.${a.status}`)}</span>
      <span class="cell-sub">
        {[a.cycle, a.department ?? '', t('appeal.grade', { grade: a.gradeBefore ?? '—' }), t(`appeal.channel.${a.channel}`)].filter(Boolean).join(' · ')}
      </span>
      <p class="cell-sub">{a.reason}</p>
      {a.status === 'open' ? (
        <p class={a.overdue ? 'cell-sub small error' : 'cell-sub small muted'} data-testid="appeal-due">
          {t(a.overdue ? 'appeal.overdue' : 'appeal.due', { date: formatDateTime(a.dueAt) })}
        </p>
      ) : (
        <p class="cell-sub small muted" data-testid="appeal-outcome">
          {t(`appeal.answered.${a.status}`, { before: a.gradeBefore ?? '—', after: a.gradeAfter ?? '—', at: formatDateTime(a.resolvedAt) })} — {a.note}
        </p>
      )}
      {a.status === 'open' && isStaff.value && (
        <div class="cell-sub">
          <AppealResolveForm appeal={a} />
        </div>
      )}
    </li>
  );
}
