import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { todayLocal } from '../../dates';
import { errorCode, errorText } from '../../errors';
import { t } from '../../i18n';
import { periodAround, type CycleKind } from '../../reviewPeriods';
import { createCycle } from '../../store/reviews';
import { useSubmit } from '../../useSubmit';

/** `销售部, 研发中心/后端组` → the department paths (commas in either script, or 、). */
const departmentsOf = (text: string): string[] => text.split(/[,，、]/).map((d) => d.trim()).filter(Boolean);

/** HR and admin plan a cycle: name, monthly, quarterly or annual, its period (this month, quarter or year to start with), departments. */
export function NewCycleForm() {
  const name = useSignal('');
  const kind = useSignal<CycleKind>('monthly');
  const period = useSignal(periodAround('monthly', todayLocal()));
  const departments = useSignal('');
  const pulse = useSignal(true);
  const appealDays = useSignal(7);
  const { busy, error, submit } = useSubmit();

  function onKind(next: CycleKind) {
    kind.value = next;
    period.value = periodAround(next, todayLocal());
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      const scope = departmentsOf(departments.value);
      await createCycle({ name: name.value.trim(), kind: kind.value, ...period.value, ...(scope.length ? { departments: scope } : {}), pulse: pulse.value, appealDays: appealDays.value });
      name.value = '';
      departments.value = '';
    });
  }

  const missing = fieldProblems(error.value).map((p) => p.message);
  return (
    <details class="new-cycle" data-testid="cycle-new">
      <summary data-testid="cycle-new-open">{t('reviews.newCycle.title')}</summary>
      <form onSubmit={onSubmit} class="stack">
        <label>
          <span>{t('reviews.newCycle.name')}</span>
          <input data-testid="cycle-name" required maxLength={120} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        </label>
        <div class="form-row">
          <label>
            <span>{t('reviews.newCycle.kind')}</span>
            <select data-testid="cycle-kind" value={kind.value} onChange={(e) => onKind(e.currentTarget.value as CycleKind)}>
              <option value="monthly">{t('reviews.newCycle.monthly')}</option>
              <option value="quarterly">{t('reviews.newCycle.quarterly')}</option>
              <option value="annual">{t('reviews.newCycle.annual')}</option>
            </select>
          </label>
          <label>
            <span>{t('reviews.newCycle.start')}</span>
            <input type="date" data-testid="cycle-start" required value={period.value.periodStart} onInput={(e) => (period.value = { ...period.value, periodStart: e.currentTarget.value })} />
          </label>
          <label>
            <span>{t('reviews.newCycle.end')}</span>
            <input type="date" data-testid="cycle-end" required value={period.value.periodEnd} onInput={(e) => (period.value = { ...period.value, periodEnd: e.currentTarget.value })} />
          </label>
        </div>
        <label>
          <span>{t('reviews.newCycle.departments')}</span>
          <input data-testid="cycle-departments" maxLength={1000} placeholder={t('reviews.newCycle.departmentsHint')} value={departments.value} onInput={(e) => (departments.value = e.currentTarget.value)} />
        </label>
        <div class="form-row">
          <label class="inline">
            <input type="checkbox" data-testid="cycle-pulse" checked={pulse.value} onChange={(e) => (pulse.value = e.currentTarget.checked)} />
            <span>{t('reviews.newCycle.pulse')}</span>
          </label>
          <label>
            <span>{t('reviews.newCycle.appealDays')}</span>
            <input type="number" min={0} max={90} data-testid="cycle-appeal-days" value={appealDays.value} onInput={(e) => (appealDays.value = Number(e.currentTarget.value))} />
          </label>
        </div>
        {error.value ? (
          <p class="error small" role="alert" data-testid="cycle-new-error" data-code={errorCode(error.value)}>
            {errorText(error.value)}
            {missing.length > 0 && ` ${missing.join(', ')}`}
          </p>
        ) : null}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="cycle-create" disabled={busy.value}>
            {t('reviews.newCycle.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
