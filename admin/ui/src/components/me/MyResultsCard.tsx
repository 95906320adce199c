import { useSignal } from '@preact/signals';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { MyReview } from '../../reviewShapes';
import { myReviews } from '../../store/reviews';
import { reviewHref } from '../../store/route';
import { AppealForm } from './AppealForm';

/** My released results: the grade, a link to the review, and the appeal — its state, or the form while the window is open. */
export function MyResultsCard() {
  const released = (myReviews.data.value ?? []).filter((r) => r.released);
  if (released.length === 0) return null;
  return (
    <section class="card panel" data-testid="my-results" aria-labelledby="my-results-title">
      <h3 id="my-results-title">{t('me.results.title')}</h3>
      <ul class="plain-list">
        {released.map((r) => (
          <ResultItem key={r.id} review={r} />
        ))}
      </ul>
    </section>
  );
}

function ResultItem({ review: r }: { review: MyReview }) {
  const appealing = useSignal(false);
  const sent = useSignal(false);
  return (
    <li class="plain-item" data-testid="my-result" data-review={r.id}>
      <a class="plain-main" href={reviewHref(r.id)} data-testid="my-result-link">
        {r.cycle.name}
      </a>
      <span class="badge" data-testid="my-result-grade">
        {r.grade ?? '—'}
      </span>
      {r.appeal ? (
        <p class="cell-sub small" data-testid="my-appeal" data-status={r.appeal.status}>
          {t(`appeal.mine.${r.appeal.status}`, { due: formatDateTime(r.appeal.dueAt) })}
          {r.appeal.note ? ` — ${r.appeal.note}` : ''}
        </p>
      ) : r.canAppeal ? (
        appealing.value ? (
          <div class="cell-sub">
            <AppealForm reviewId={r.id} onDone={() => (sent.value = true)} />
          </div>
        ) : (
          <p class="cell-sub small">
            <button type="button" class="small" data-testid="appeal-start" onClick={() => (appealing.value = true)}>
              {t('appeal.start')}
            </button>{' '}
            <span class="muted">{t('appeal.until', { date: formatDateTime(r.appealClosesAt) })}</span>
          </p>
        )
      ) : null}
      {sent.value && (
        <p class="notice notice-ok small cell-sub" role="status" data-testid="appeal-sent">
          {t('appeal.sent')}
        </p>
      )}
    </li>
  );
}
