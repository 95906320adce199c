import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { myReviews, reviewDraft, selfSubmittedHere } from '../../store/reviews';
import { SelfReviewForm } from './SelfReviewForm';

/** My review waiting for my self-review (status self_review): my draft's figures and the reflection questions. */
export function SelfReviewCard() {
  const open = (myReviews.data.value ?? []).filter((r) => (r.status === 'self_review' && r.canSelfReview) || selfSubmittedHere.value.has(r.id));
  if (myReviews.error.value) {
    return (
      <section class="card panel" data-testid="my-self-review">
        <p class="error small" role="alert">{errorText(myReviews.error.value)}</p>
      </section>
    );
  }
  return (
    <>
      {open.map((r) => (
        <SelfReviewOne key={r.id} id={r.id} cycleName={r.cycle.name} />
      ))}
    </>
  );
}

function SelfReviewOne({ id, cycleName }: { id: number; cycleName: string }) {
  const draft = reviewDraft.of(id);
  useEffect(() => {
    void draft.load();
  }, [id]);
  const d = draft.data.value;
  return (
    <section class="card panel" data-testid="my-self-review" data-review={id} aria-labelledby={`self-review-${id}`}>
      <h3 id={`self-review-${id}`}>{t('me.review.title', { cycle: cycleName })}</h3>
      {draft.error.value ? <p class="error small" role="alert">{errorText(draft.error.value)}</p> : null}
      {!d ? !draft.error.value && <p class="muted">{t('app.loading')}</p> : <SelfReviewForm draft={d} />}
    </section>
  );
}
