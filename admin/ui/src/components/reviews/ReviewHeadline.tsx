import { formatDate, formatNumber } from '../../format';
import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { hrefOf } from '../../store/route';
import { GradeLabel } from './GradeLabel';

/** Who, which cycle, the status; the total, the grade by the total and the suggested grade with its cap or floor. */
export function ReviewHeadline({ draft: d }: { draft: ReviewDraft }) {
  return (
    <section class="card panel" data-testid="review-headline">
      <div class="panel-head">
        <h3>
          {d.person.name} <span class="muted small">{d.cycle.name}</span>
        </h3>
        <span class={`badge status-${d.status}`} data-testid="review-status">{t(`reviews.status.${d.status}`)}</span>
      </div>
      <p class="muted small">
        {t('calendar.range', { from: formatDate(d.cycle.periodStart), to: formatDate(d.cycle.periodEnd) })}
        {d.manager ? ` · ${t('reviews.manager', { name: d.manager.name })}` : ''} ·{' '}
        <a href={hrefOf('file', String(d.person.id))} data-testid="review-file-link">{t('file.open')}</a>
      </p>
      <dl class="stat-row">
        <div class="stat" data-testid="review-total">
          <dt>{t('reviews.total')}</dt>
          <dd>{d.total === null ? '—' : formatNumber(d.total, 1)}</dd>
        </div>
        <div class="stat" data-testid="review-by-total">
          <dt>{t('reviews.byTotal')}</dt>
          <dd>{d.byTotal ? <GradeLabel grade={d.byTotal} scale={d.scale} /> : '—'}</dd>
        </div>
        <div class="stat" data-testid="review-suggested" data-grade={d.suggestedGrade ?? ''}>
          <dt>{t('reviews.suggested')}</dt>
          <dd>{d.suggestedGrade ? <GradeLabel grade={d.suggestedGrade} scale={d.scale} /> : '—'}</dd>
        </div>
      </dl>
      {(d.cap || d.floor) && (
        <p class="small" data-testid="review-limits">
          {[d.cap ? t('reviews.capAt', { grade: d.cap }) : '', d.floor ? t('reviews.floorAt', { grade: d.floor }) : ''].filter(Boolean).join(' · ')}
        </p>
      )}
      {d.needsCalibration && (
        <p class="notice notice-warning small" data-testid="review-needs-calibration">
          {t('reviews.needsCalibration')}
        </p>
      )}
    </section>
  );
}
