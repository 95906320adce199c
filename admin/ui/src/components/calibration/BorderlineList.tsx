import { t } from '../../i18n';
import type { CalibrationSession } from '../../calibrationShapes';
import { reviewHref } from '../../store/route';

/** People whose total sits near a grade boundary, in the server's order (the A/B boundary first). */
export function BorderlineList({ session: s }: { session: CalibrationSession }) {
  return (
    <section class="card panel" data-testid="calibration-borderline" aria-labelledby="calibration-borderline-title">
      <h3 id="calibration-borderline-title">{t('calibration.borderline')}</h3>
      {s.borderline.length === 0 ? (
        <p class="muted">{t('calibration.noBorderline')}</p>
      ) : (
        <ol class="plain-list">
          {s.borderline.map((b) => (
            <li key={b.reviewId} class="plain-item" data-testid="borderline-row" data-review={b.reviewId} data-email={b.email} data-ab={b.ab ? 'yes' : 'no'}>
              <a class="plain-main" href={reviewHref(b.reviewId)}>{b.name}</a>
              {b.ab && <span class="badge badge-late">{t('calibration.abBoundary')}</span>}
              <span class="cell-sub">{t('calibration.borderlineAt', { total: b.total, above: b.above, below: b.below, distance: b.distance, grade: b.grade ?? '—' })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
