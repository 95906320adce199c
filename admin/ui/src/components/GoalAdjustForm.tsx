import { useSignal } from '@preact/signals';
import { ApiError, fieldProblems } from '../api';
import { errorText } from '../errors';
import { locale, t } from '../i18n';
import { metricDefinitions } from '../store/reviewCatalogue';
import { adjustGoal, adjusted } from '../store/goalDetail';
import type { GoalPatch, GoalView } from '../types';
import { FieldProblem, OtherProblems } from './FieldProblem';
import { useSubmit } from '../useSubmit';

const FIELDS = ['targetValue', 'weight', 'ownerEmail', 'periodEnd', 'metric', 'reason'];

/** A 422 of the adjustment in the reader's words (the server explains invalid goals in English). */
function refusalText(err: unknown, ownerEmail: string): string {
  if (err instanceof ApiError && err.code === 'unknown_owner') return t('goals.adjust.unknownOwner', { email: ownerEmail });
  if (err instanceof ApiError && err.code === 'unknown_metric') return t('goals.adjust.unknownMetric');
  if (err instanceof ApiError && err.code === 'invalid_goal' && /metric/.test(err.message)) return t('goals.adjust.metricOnlyKeyResult');
  if (err instanceof ApiError && err.code === 'invalid_goal') {
    if (/targetValue/.test(err.message)) return t('goals.adjust.invalidTarget');
    if (/periodEnd/.test(err.message)) return t('goals.adjust.invalidPeriod');
    return t('goals.adjust.invalid', { message: err.message });
  }
  return errorText(err);
}

/** Mid-period adjustment (admin/HR/managers): target, weight, owner, period end, the metric a key result follows, with a required reason. */
export function GoalAdjustForm({ goal }: { goal: GoalView }) {
  const target = useSignal(String(goal.targetValue));
  const weight = useSignal(String(goal.weight));
  const ownerEmail = useSignal(goal.owner.email);
  const periodEnd = useSignal(goal.periodEnd);
  const metric = useSignal(goal.metric ?? '');
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  const nothing = useSignal(false);

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (busy.value) return;
    const patch: GoalPatch = { reason: reason.value };
    if (Number(target.value) !== goal.targetValue) patch.targetValue = Number(target.value);
    if (Number(weight.value) !== goal.weight) patch.weight = Number(weight.value);
    const email = ownerEmail.value.trim();
    if (email.toLowerCase() !== goal.owner.email.toLowerCase()) patch.ownerEmail = email;
    if (periodEnd.value !== goal.periodEnd) patch.periodEnd = periodEnd.value;
    if (metric.value !== (goal.metric ?? '')) patch.metric = metric.value || null;
    error.value = null;
    adjusted.value = null;
    nothing.value = Object.keys(patch).length === 1;
    if (nothing.value) return;
    await submit(async () => {
      await adjustGoal(goal.id, patch);
      reason.value = '';
    });
  }

  const err = error.value;
  // The server words a missing reason in English; say it in the reader's language.
  const problems = fieldProblems(err).map((p) => (p.field === 'reason' ? { ...p, message: t('error.reason_required') } : p));
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const done = adjusted.value?.id === goal.id && !err;
  return (
    <details class="goal-adjust" data-testid="goal-adjust">
      <summary>{t('goals.adjust.title')}</summary>
      <form class="adjust-form goal-adjust-form" data-testid="goal-adjust-form" onSubmit={onSubmit}>
        <p class="muted small">{t('goals.adjust.hint')}</p>
        <div class="form-row">
          <label>
            <span>{t('goals.field.targetValue')}</span>
            <input data-testid="goal-adjust-target" type="number" step="any" required aria-invalid={invalid('targetValue')} value={target.value} onInput={(e) => (target.value = e.currentTarget.value)} />
            <FieldProblem field="targetValue" problems={problems} />
          </label>
          <label>
            <span>{t('goals.field.weight')}</span>
            <input data-testid="goal-adjust-weight" type="number" step="any" min={0} required aria-invalid={invalid('weight')} value={weight.value} onInput={(e) => (weight.value = e.currentTarget.value)} />
            <FieldProblem field="weight" problems={problems} />
          </label>
        </div>
        <div class="form-row">
          <label>
            <span>{t('goals.adjust.ownerEmail')}</span>
            <input data-testid="goal-adjust-owner" type="email" required autocomplete="off" aria-invalid={invalid('ownerEmail')} value={ownerEmail.value} onInput={(e) => (ownerEmail.value = e.currentTarget.value)} />
            <FieldProblem field="ownerEmail" problems={problems} />
          </label>
          <label>
            <span>{t('goals.field.periodEnd')}</span>
            <input data-testid="goal-adjust-period-end" type="date" required aria-invalid={invalid('periodEnd')} value={periodEnd.value} onInput={(e) => (periodEnd.value = e.currentTarget.value)} />
            <FieldProblem field="periodEnd" problems={problems} />
          </label>
        </div>
        {goal.level === 'individual' && (
          <label>
            <span>{t('goals.adjust.metric')}</span>
            <select data-testid="goal-adjust-metric" aria-invalid={invalid('metric')} value={metric.value} onChange={(e) => (metric.value = e.currentTarget.value)}>
              <option value="">{t('goals.adjust.noMetric')}</option>
              {metric.value && !(metricDefinitions.data.value ?? []).some((d) => d.key === metric.value) && <option value={metric.value}>{metric.value}</option>}
              {(metricDefinitions.data.value ?? []).map((d) => (
                <option key={d.key} value={d.key}>
                  {`${d.label[locale.value] || d.key} (${d.key})`}
                </option>
              ))}
            </select>
            <span class="muted small">{t('goals.adjust.metricHint')}</span>
            <FieldProblem field="metric" problems={problems} />
          </label>
        )}
        <label>
          <span>{t('goals.adjust.reason')}</span>
          <input data-testid="goal-adjust-reason" required maxLength={500} placeholder={t('goals.adjust.reasonPlaceholder')} aria-invalid={invalid('reason')} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
          <FieldProblem field="reason" problems={problems} />
        </label>
        <OtherProblems fields={FIELDS} problems={problems} />
        {err ? (
          <p class="error" role="alert" data-testid="goal-adjust-error" data-code={err instanceof ApiError ? err.code : undefined}>
            {refusalText(err, ownerEmail.value.trim())}
          </p>
        ) : null}
        {nothing.value && (
          <p class="muted" role="status" data-testid="goal-adjust-nothing">
            {t('goals.adjust.nothing')}
          </p>
        )}
        {done && (
          <p class="success" role="status" data-testid="goal-adjust-done">
            {t('goals.adjust.done')}
          </p>
        )}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="goal-adjust-submit" disabled={busy.value}>
            {busy.value ? t('form.saving') : t('goals.adjust.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
