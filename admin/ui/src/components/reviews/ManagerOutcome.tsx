import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { GradeLabel } from './GradeLabel';

/** The grade given, the feedback, and the reason for going above a cap (which sends it to calibration). */
export function ManagerOutcome({ draft: d }: { draft: ReviewDraft }) {
  return (
    <section class="card panel" data-testid="review-outcome" data-grade={d.grade ?? ''}>
      <h3>{t('reviews.outcome')}</h3>
      <p>
        {t('reviews.grade')} {d.grade ? <GradeLabel grade={d.grade} scale={d.scale} /> : '—'}
      </p>
      {d.feedback && <p class="pre-wrap" data-testid="review-feedback">{d.feedback}</p>}
      {d.overrideReason && (
        <p class="small" data-testid="review-override">
          {t('reviews.overrideShown', { reason: d.overrideReason })}
        </p>
      )}
    </section>
  );
}
