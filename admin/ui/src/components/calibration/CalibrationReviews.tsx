import { t } from '../../i18n';
import type { CalibrationSession } from '../../calibrationShapes';
import { reviewHref } from '../../store/route';

/** Every review in the session: who, the total, the suggested and current grade, the cap, flags; each links to its evidence. */
export function CalibrationReviews({ session: s }: { session: CalibrationSession }) {
  return (
    <section class="card panel" data-testid="calibration-reviews" aria-labelledby="calibration-reviews-title">
      <h3 id="calibration-reviews-title">{t('calibration.reviews')}</h3>
      <div class="table-scroll">
        <table class="data-table stack-table">
          <thead>
            <tr>
              <th>{t('calibration.person')}</th>
              <th>{t('calibration.department')}</th>
              <th>{t('calibration.manager')}</th>
              <th class="num">{t('reviews.total')}</th>
              <th class="num">{t('reviews.suggested')}</th>
              <th class="num">{t('reviews.grade')}</th>
              <th class="num">{t('calibration.cap')}</th>
              <th>{t('reviews.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {s.reviews.map((r) => (
              <tr key={r.reviewId} data-testid="calibration-review" data-review={r.reviewId} data-email={r.email} data-grade={r.grade ?? ''}>
                <td data-label={t('calibration.person')}>
                  <a href={reviewHref(r.reviewId)} data-testid="calibration-review-open">{r.name}</a>
                  {r.status !== 'submitted' && <span class="muted small"> · {t(`reviews.status.${r.status}`)}</span>}
                </td>
                <td data-label={t('calibration.department')}>{r.department ?? '—'}</td>
                <td data-label={t('calibration.manager')}>{r.managerName ?? '—'}</td>
                <td class="num" data-label={t('reviews.total')}>{r.total ?? '—'}</td>
                <td class="num" data-label={t('reviews.suggested')}>{r.suggestedGrade ?? '—'}</td>
                <td class="num score" data-label={t('reviews.grade')} data-testid="calibration-review-grade">{r.grade ?? '—'}</td>
                <td class="num" data-label={t('calibration.cap')}>{r.cap ?? '—'}</td>
                <td data-label={t('reviews.flags')}>
                  {r.flags.map((f) => (
                    <span key={f} class="badge badge-late">{f}</span>
                  ))}
                  {r.needsCalibration && <span class="badge badge-late" data-testid="calibration-needed">{t('reviews.calibration')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
