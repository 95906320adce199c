import { useSignal } from '@preact/signals';
import { ApiError, fieldProblems } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { adjustPoints } from '../store/points';
import { isSelf } from '../store/session';
import { FieldProblem } from './FieldProblem';
import { useSubmit } from '../useSubmit';

/** A manual correction: whole points (negative takes away) with a required reason; shows the new balance. */
export function PointsAdjustForm() {
  const email = useSignal('');
  const amount = useSignal('');
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit<{ err: unknown; email: string }>();
  const result = useSignal<{ email: string; balance: number; amount: number } | null>(null);
  // Nobody adjusts their own points: the reason shows as soon as the e-mail is one's own (the server answers 403 own_points too).
  const own = isSelf(email.value);

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (own) return;
    const input = { email: email.value.trim(), amount: Number(amount.value), reason: reason.value.trim() };
    result.value = null;
    await submit(
      async () => {
        const res = await adjustPoints(input);
        result.value = { email: input.email, balance: res.balance, amount: input.amount };
        amount.value = '';
        reason.value = '';
      },
      (err) => ({ err, email: input.email }),
    );
  }

  const failure = error.value;
  const problems = fieldProblems(failure?.err);
  const failureText = !failure
    ? null
    : failure.err instanceof ApiError && failure.err.status === 404
      ? t('adjust.unknownEmail', { email: failure.email })
      : errorText(failure.err);
  const done = result.value;

  return (
    <form class="card panel adjust-form" data-testid="adjust-form" onSubmit={onSubmit}>
      <h3>{t('adjust.title')}</h3>
      <p class="muted small">{t('adjust.hint')}</p>
      <label>
        <span>{t('adjust.email')}</span>
        <input data-testid="adjust-email" type="email" required autocomplete="off" value={email.value} onInput={(e) => (email.value = e.currentTarget.value)} />
        <FieldProblem field="email" problems={problems} />
      </label>
      <label>
        <span>{t('adjust.amount')}</span>
        <input data-testid="adjust-amount" type="number" inputMode="numeric" step={1} required value={amount.value} onInput={(e) => (amount.value = e.currentTarget.value)} />
        <FieldProblem field="amount" problems={problems} />
      </label>
      <label>
        <span>{t('adjust.reason')}</span>
        <input data-testid="adjust-reason" required maxLength={500} placeholder={t('adjust.reasonPlaceholder')} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        <FieldProblem field="reason" problems={problems} />
      </label>
      {own && (
        <p class="notice notice-warning" role="note" data-testid="adjust-own">
          {t('adjust.ownPoints')}
        </p>
      )}
      {failureText && (
        <p class="error" role="alert" data-testid="adjust-error">
          {failureText}
        </p>
      )}
      {done && (
        <p class="success" role="status" data-testid="adjust-result" data-balance={done.balance}>
          {t('adjust.done', { email: done.email, amount: done.amount > 0 ? `+${done.amount}` : String(done.amount), balance: done.balance })}
        </p>
      )}
      <button class="primary" type="submit" data-testid="adjust-submit" disabled={busy.value || own}>
        {busy.value ? t('form.saving') : t('adjust.submit')}
      </button>
    </form>
  );
}
