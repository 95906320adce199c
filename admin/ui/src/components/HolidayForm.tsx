import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { fieldProblems } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { holidayOn, saveHoliday, type HolidayDraft } from '../store/holidays';
import type { HolidayKind } from '../types';
import { FieldProblem, OtherProblems } from './FieldProblem';
import { useSubmit } from '../useSubmit';

const FIELDS = ['date', 'name', 'kind'];

/** Adds a company day, or changes the one on that date (PUT /api/holidays/:date); filled in from the list or the grid. */
export function HolidayForm({ year, draft }: { year: number; draft: HolidayDraft | null }) {
  const date = useSignal(draft?.date ?? '');
  const name = useSignal(draft?.name ?? '');
  const kind = useSignal<HolidayKind>(draft?.kind ?? 'off');
  const { busy, error, submit } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  // A day picked elsewhere brings the form into view (it sits above the list and the grid on a phone).
  useEffect(() => {
    if (!draft || !formRef.current) return;
    formRef.current.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    formRef.current.querySelector<HTMLInputElement>('[data-testid="holiday-name-input"]')?.focus({ preventScroll: true });
  }, []);

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await saveHoliday({ date: date.value, name: name.value.trim(), kind: kind.value });
      date.value = '';
      name.value = '';
      kind.value = 'off';
    });
  }

  const problems = fieldProblems(error.value);
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const existing = date.value ? holidayOn(date.value) : undefined;
  return (
    <form class="subpanel holiday-form" data-testid="holiday-form" data-mode={existing ? 'change' : 'add'} ref={formRef} onSubmit={onSubmit}>
      <h4>{t('holidays.form.title')}</h4>
      <div class="form-row">
        <label>
          <span>{t('holidays.field.date')}</span>
          <input
            type="date"
            data-testid="holiday-date-input"
            required
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            aria-invalid={invalid('date')}
            value={date.value}
            onInput={(e) => (date.value = e.currentTarget.value)}
          />
          <FieldProblem field="date" problems={problems} />
        </label>
        <label>
          <span>{t('holidays.field.kind')}</span>
          <select data-testid="holiday-kind-input" aria-invalid={invalid('kind')} value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as HolidayKind)}>
            <option value="off">{t('holidays.kindOption.off')}</option>
            <option value="work">{t('holidays.kindOption.work')}</option>
          </select>
          <FieldProblem field="kind" problems={problems} />
        </label>
      </div>
      <label>
        <span>{t('holidays.field.name')}</span>
        <input
          data-testid="holiday-name-input"
          required
          maxLength={100}
          placeholder={t('holidays.field.namePlaceholder')}
          aria-invalid={invalid('name')}
          value={name.value}
          onInput={(e) => (name.value = e.currentTarget.value)}
        />
        <FieldProblem field="name" problems={problems} />
      </label>
      {existing && (
        <p class="muted small" data-testid="holiday-replaces">
          {t('holidays.form.replaces', { name: existing.name, kind: t(`holidays.kind.${existing.kind}`) })}
        </p>
      )}
      {error.value ? (
        <p class="error" role="alert" data-testid="holiday-form-error">
          {errorText(error.value)}
        </p>
      ) : null}
      <OtherProblems fields={FIELDS} problems={problems} />
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="holiday-submit" disabled={busy.value}>
          {busy.value ? t('form.saving') : existing ? t('holidays.form.change') : t('holidays.form.add')}
        </button>
      </div>
    </form>
  );
}
