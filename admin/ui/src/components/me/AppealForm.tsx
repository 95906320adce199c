import { useSignal } from '@preact/signals';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { fileAppeal } from '../../store/appeals';
import { useSubmit } from '../../useSubmit';

/** The appeal of one released review from My page: the reason, sent to HR (refused when empty, once per review). */
export function AppealForm({ reviewId, onDone }: { reviewId: number; onDone: () => void }) {
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!reason.value.trim()) return;
    await submit(async () => {
      await fileAppeal(reviewId, reason.value.trim());
      onDone();
    });
  }
  return (
    <form class="stack" data-testid="appeal-form" onSubmit={onSubmit}>
      <label>
        <span>{t('appeal.reason')}</span>
        <textarea data-testid="appeal-reason" rows={4} maxLength={4000} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
      </label>
      <p class="muted small">{t('appeal.reasonHint')}</p>
      <button type="submit" data-testid="appeal-submit" disabled={busy.value || !reason.value.trim()}>
        {t('appeal.submit')}
      </button>
      {error.value ? (
        <p class="error small" role="alert" data-testid="appeal-error" data-code={errorCode(error.value)}>
          {errorText(error.value)}
        </p>
      ) : null}
    </form>
  );
}
