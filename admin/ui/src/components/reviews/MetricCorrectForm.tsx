import { useSignal } from '@preact/signals';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { cyclePeriodKey, kindOfPeriod } from '../../reviewPeriods';
import type { ReviewDraft } from '../../reviewShapes';
import { correctMetric, cycles } from '../../store/reviews';
import { useSubmit } from '../../useSubmit';

type Metric = ReviewDraft['metrics'][number];

/**
 * HR corrects one metric of the review's person for the cycle's own period (`2026-10`, `2026-Q4`), saying why;
 * the review is read again, so its value (source `manual`), score and rules follow.
 */
export function MetricCorrectForm({ draft: d, metric: m }: { draft: ReviewDraft; metric: Metric }) {
  const value = useSignal(String(m.value));
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  const kind = cycles.data.value?.find((c) => c.id === d.cycle.id)?.kind ?? kindOfPeriod(d.cycle.periodStart, d.cycle.periodEnd);
  const period = cyclePeriodKey(kind, d.cycle.periodStart);
  const number = Number(value.value);
  const ready = value.value.trim() !== '' && Number.isFinite(number) && reason.value.trim() !== '';

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    await submit(async () => {
      await correctMetric(d.id, { email: d.person.email, metric: m.metric, period, value: number, reason: reason.value.trim() });
      reason.value = '';
    });
  }
  return (
    <details class="metric-correct" data-testid="metric-correct">
      <summary data-testid="metric-correct-open">{t('reviews.correct.open')}</summary>
      <form onSubmit={onSubmit} class="stack">
        <p class="muted small">{t('reviews.correct.hint', { period })}</p>
        <label>
          <span>{t('reviews.correct.value')}</span>
          <input data-testid="metric-correct-value" inputMode="decimal" required value={value.value} onInput={(e) => (value.value = e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('reviews.correct.reason')}</span>
          <input data-testid="metric-correct-reason" required maxLength={500} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        </label>
        {error.value ? (
          <p class="error small" role="alert" data-testid="metric-correct-error" data-code={errorCode(error.value)}>
            {errorText(error.value)}
          </p>
        ) : null}
        <button type="submit" data-testid="metric-correct-submit" disabled={busy.value || !ready}>
          {t('reviews.correct.submit')}
        </button>
      </form>
    </details>
  );
}
