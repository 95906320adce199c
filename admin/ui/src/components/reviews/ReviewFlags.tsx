import { t } from '../../i18n';
import type { ReviewDraft } from '../../reviewShapes';
import { isStaff } from '../../store/route';
import { ClearFlagForm } from './ClearFlagForm';

/** The review's flags: open ones (HR may clear one, with a reason) and cleared ones with who cleared them and why. */
export function ReviewFlags({ draft: d }: { draft: ReviewDraft }) {
  if (d.flags.length === 0) return null;
  return (
    <section class="card panel" data-testid="review-flag-list">
      <h3>{t('reviews.flags')}</h3>
      <ul class="plain-list">
        {d.flags.map((f) => (
          <li key={f.flag} class="plain-item" data-testid="review-flag" data-flag={f.flag} data-cleared={f.clearedBy ? 'yes' : 'no'}>
            <span class={`badge ${f.clearedBy ? 'badge-muted' : 'badge-late'}`}>{f.flag}</span>
            <span class="plain-main">{f.reason}</span>
            {f.clearedBy ? (
              <span class="cell-sub" data-testid="flag-cleared">{t('reviews.flagCleared', { by: f.clearedBy, reason: f.clearReason ?? '' })}</span>
            ) : (
              isStaff.value && <ClearFlagForm reviewId={d.id} flag={f.flag} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
