import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { cycles, reviewDraft } from '../../store/reviews';
import { hrefOf, isStaff } from '../../store/route';
import { DraftFigures } from './DraftFigures';
import { DraftItems } from './DraftItems';
import { DraftRules } from './DraftRules';
import { DraftStandups } from './DraftStandups';
import { ManagerOutcome } from './ManagerOutcome';
import { ManagerReviewForm } from './ManagerReviewForm';
import { ReviewFlags } from './ReviewFlags';
import { ReviewHeadline } from './ReviewHeadline';
import { SelfAnswers } from './SelfAnswers';
import { useWhileDrafting } from './useWhileDrafting';

/** One review: the draft (figures, scores, rules, flags, standups, goals), the self-review, and the manager's grade. */
export function ReviewPage({ reviewId }: { reviewId: number }) {
  const review = reviewDraft.of(reviewId);
  // a submitted review can no longer be graded, so the form goes: the page says it was taken
  const justSubmitted = useSignal(false);
  useEffect(() => {
    void review.load();
    // HR's metric corrections read the cycle's kind (monthly or quarterly) for the period key
    if (isStaff.value && !cycles.data.value) void cycles.load();
  }, [reviewId]);
  const d = review.data.value;
  useWhileDrafting(Boolean(d?.drafting), () => review.load());
  if (review.error.value && !d) return <p class="error" role="alert">{errorText(review.error.value)}</p>;
  if (!d) return <p class="muted">{t('app.loading')}</p>;
  // not drafted yet (its cycle is opening): say so, never an empty draft; the page reads it again until it is
  if (d.drafting) {
    return (
      <div class="review-page" data-testid="review-page" data-id={d.id} data-status={d.status} data-drafting="yes">
        <a class="small" href={hrefOf('reviews', `cycles/${d.cycle.id}`)} data-testid="back-to-cycle">
          {t('reviews.backTo', { name: d.cycle.name })}
        </a>
        <h3>{d.person.name}</h3>
        <p class="notice" role="status" data-testid="review-drafting" data-drafted={d.drafting.drafted} data-total={d.drafting.total}>
          {t('reviews.reviewDrafting', { drafted: d.drafting.drafted, total: d.drafting.total })}
        </p>
      </div>
    );
  }
  return (
    <div class="review-page" data-testid="review-page" data-id={d.id} data-status={d.status} data-calibration={d.needsCalibration ? 'yes' : 'no'}>
      <a class="small" href={hrefOf('reviews', `cycles/${d.cycle.id}`)} data-testid="back-to-cycle">
        {t('reviews.backTo', { name: d.cycle.name })}
      </a>
      <ReviewHeadline draft={d} />
      <DraftRules draft={d} />
      <ReviewFlags draft={d} />
      <DraftItems draft={d} />
      <DraftFigures draft={d} />
      <DraftStandups draft={d} />
      <SelfAnswers draft={d} />
      {justSubmitted.value && (
        <p class="notice notice-ok" role="status" data-testid="manager-done">
          {t('reviews.form.done')}
        </p>
      )}
      {d.grade && <ManagerOutcome draft={d} />}
      {d.canGrade && <ManagerReviewForm key={d.id} draft={d} onDone={() => (justSubmitted.value = true)} />}
    </div>
  );
}
