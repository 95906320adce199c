import { t } from '../../i18n';
import type { CycleReview } from '../../reviewShapes';
import { hrefOf } from '../../store/route';
import { GradeLabel } from './GradeLabel';

const flagName = (f: CycleReview['flags'][number]) => (typeof f === 'string' ? f : f.flag);
const openFlags = (r: CycleReview) => r.flags.filter((f) => typeof f === 'string' || !f.clearedBy);

/** One person's review in a cycle's list. */
export function ReviewRow({ review: r }: { review: CycleReview }) {
  const flags = openFlags(r);
  return (
    <li class="plain-item review-row" data-testid="review-row" data-id={r.id} data-email={r.email} data-status={r.status}>
      <a class="plain-main" href={hrefOf('reviews', `review/${r.id}`)} data-testid="review-open">
        {r.name}
      </a>
      <span class={`badge status-${r.status}`} data-testid="review-status">{t(`reviews.status.${r.status}`)}</span>
      <span class="cell-sub">
        {r.drafted === false ? (
          <span class="muted" data-testid="review-drafting">{t('reviews.draftingRow')}</span>
        ) : r.grade ? (
          <span data-testid="review-grade">
            {t('reviews.grade')} <GradeLabel grade={r.grade} />
          </span>
        ) : (
          <span data-testid="review-suggested">
            {t('reviews.suggested')} {r.suggestedGrade ? <GradeLabel grade={r.suggestedGrade} /> : '—'}
          </span>
        )}
        {r.cap ? <span data-testid="review-cap"> · {t('reviews.capAt', { grade: r.cap })}</span> : null}
        {r.needsCalibration ? <span class="badge badge-late" data-testid="review-calibration">{t('reviews.calibration')}</span> : null}
      </span>
      {flags.length > 0 && (
        <span class="cell-sub" data-testid="review-flags">
          {flags.map((f) => (
            <span key={flagName(f)} class="badge badge-late">{flagName(f)}</span>
          ))}
        </span>
      )}
    </li>
  );
}
