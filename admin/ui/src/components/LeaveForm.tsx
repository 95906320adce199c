import { useSignal } from '@preact/signals';
import { ApiError, fieldProblems, type FieldProblem as Problem } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { addLeave, leaveSuggestions, suggestPeople } from '../store/leaves';
import type { LeaveInput } from '../types';
import { FieldProblem, OtherProblems } from './FieldProblem';
import { useSubmit } from '../useSubmit';

const FIELDS = ['email', 'startDate', 'endDate', 'reason'];

/** Records leave for a person by e-mail (POST /api/leaves): first and last day, inclusive, and an optional reason. */
export function LeaveForm() {
  const email = useSignal('');
  const startDate = useSignal('');
  const endDate = useSignal('');
  const reason = useSignal('');
  const { busy, error: failure, submit } = useSubmit<{ err: unknown; input: LeaveInput }>();

  async function onSubmit(e: Event) {
    e.preventDefault();
    const input: LeaveInput = { email: email.value.trim(), startDate: startDate.value, endDate: endDate.value };
    if (reason.value.trim()) input.reason = reason.value.trim();
    await submit(
      async () => {
        await addLeave(input);
        email.value = '';
        startDate.value = '';
        endDate.value = '';
        reason.value = '';
      },
      (err) => ({ err, input }),
    );
  }

  const f = failure.value;
  // The server's own words are English; the one rule people trip over is said in the console's language.
  const problems: Problem[] = fieldProblems(f?.err).map((p) =>
    p.field === 'endDate' && f && f.input.endDate < f.input.startDate ? { ...p, message: t('leaves.endBeforeStart') } : p,
  );
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const failureText = !f ? null : f.err instanceof ApiError && f.err.status === 404 ? t('leaves.unknownEmail', { email: f.input.email }) : errorText(f.err);

  return (
    <form class="subpanel leave-form" data-testid="leave-form" onSubmit={onSubmit}>
      <h4>{t('leaves.form.title')}</h4>
      <label>
        <span>{t('leaves.field.email')}</span>
        <input
          data-testid="leave-email"
          type="email"
          required
          autocomplete="off"
          list="leave-people"
          placeholder={t('leaves.filterPlaceholder')}
          aria-invalid={invalid('email')}
          value={email.value}
          onInput={(e) => {
            email.value = e.currentTarget.value;
            suggestPeople(e.currentTarget.value);
          }}
        />
        <datalist id="leave-people">
          {leaveSuggestions.value.map((p) => (
            <option key={p.email} value={p.email}>
              {p.name}
            </option>
          ))}
        </datalist>
        <FieldProblem field="email" problems={problems} />
      </label>
      <div class="form-row">
        <label>
          <span>{t('leaves.field.startDate')}</span>
          <input type="date" data-testid="leave-start" required aria-invalid={invalid('startDate')} value={startDate.value} onInput={(e) => (startDate.value = e.currentTarget.value)} />
          <FieldProblem field="startDate" problems={problems} />
        </label>
        <label>
          <span>{t('leaves.field.endDate')}</span>
          <input type="date" data-testid="leave-end" required aria-invalid={invalid('endDate')} value={endDate.value} onInput={(e) => (endDate.value = e.currentTarget.value)} />
          <FieldProblem field="endDate" problems={problems} />
        </label>
      </div>
      <label>
        <span>{t('leaves.field.reason')}</span>
        <input data-testid="leave-reason-input" maxLength={200} placeholder={t('leaves.field.reasonPlaceholder')} aria-invalid={invalid('reason')} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
        <FieldProblem field="reason" problems={problems} />
      </label>
      {failureText && (
        <p class="error" role="alert" data-testid="leave-form-error">
          {failureText}
        </p>
      )}
      <OtherProblems fields={FIELDS} problems={problems} />
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="leave-submit" disabled={busy.value}>
          {busy.value ? t('form.saving') : t('leaves.form.add')}
        </button>
      </div>
    </form>
  );
}
