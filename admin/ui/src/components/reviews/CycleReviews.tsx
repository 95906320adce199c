import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { cycleReviews, cycles } from '../../store/reviews';
import { hrefOf } from '../../store/route';
import { ReviewRow } from './ReviewRow';
import { useWhileDrafting } from './useWhileDrafting';

/** One cycle's reviews of the people I may review: status, suggested grade, cap, flags, the grade given. */
export function CycleReviews({ cycleId }: { cycleId: number }) {
  const reviews = cycleReviews.of(cycleId);
  useEffect(() => {
    void reviews.load();
    if (!cycles.data.value) void cycles.load();
  }, [cycleId]);
  const cycle = cycles.data.value?.find((c) => c.id === cycleId);
  const list = reviews.data.value;
  // while the cycle opens, its drafting progress and the rows' drafts fill in by themselves
  useWhileDrafting(Boolean(cycle?.drafting), () => Promise.all([cycles.load(), reviews.load()]));
  return (
    <section class="card panel" data-testid="cycle-reviews" data-cycle={cycleId} aria-labelledby="cycle-reviews-title">
      <div class="panel-head">
        <h3 id="cycle-reviews-title">{cycle?.name ?? t('reviews.cycles.one')}</h3>
        <a class="small" href={hrefOf('reviews')} data-testid="back-to-cycles">{t('reviews.cycles.back')}</a>
      </div>
      {cycle?.drafting && (
        <p class="notice small" role="status" data-testid="cycle-drafting" data-drafted={cycle.drafting.drafted} data-total={cycle.drafting.total}>
          {t('reviews.drafting', { drafted: cycle.drafting.drafted, total: cycle.drafting.total })}
        </p>
      )}
      {reviews.error.value ? <p class="error" role="alert">{errorText(reviews.error.value)}</p> : null}
      {!list ? (
        !reviews.error.value && <p class="muted">{t('app.loading')}</p>
      ) : list.length === 0 ? (
        <p class="muted">{t('reviews.cycles.noReviews')}</p>
      ) : (
        <ul class="plain-list review-list">
          {list.map((r) => (
            <ReviewRow key={r.id} review={r} />
          ))}
        </ul>
      )}
    </section>
  );
}
