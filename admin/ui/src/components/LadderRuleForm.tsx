import { useSignal } from '@preact/signals';
import { fieldProblems } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { removeOverride, saveRule } from '../store/escalationRules';
import type { FurtherTo, LadderRule } from '../types';
import { FieldProblem, OtherProblems } from './FieldProblem';
import { useSubmit } from '../useSubmit';

const FIELDS = ['department', 'remindBeforeDays', 'remindOnDueDay', 'managerAfterDays', 'furtherAfterDays', 'furtherTo', 'workStart', 'workEnd'];

/** '' → null; else the number typed (the server checks ranges). */
const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value));

/**
 * One ladder: the company's (`department` null), a department's override (a path), or a new override (''),
 * where the department is typed. Saves with PUT /api/escalation-rules; an override can also be removed.
 */
export function LadderRuleForm({ department, rule, suggestions = [] }: { department: string | null; rule: LadderRule; suggestions?: string[] }) {
  const isNew = department === '';
  const dept = useSignal(department ?? '');
  const remindBefore = useSignal(String(rule.remindBeforeDays));
  const remindOnDue = useSignal(rule.remindOnDueDay);
  const managerAfter = useSignal(String(rule.managerAfterDays));
  const furtherAfter = useSignal(rule.furtherAfterDays === null ? '' : String(rule.furtherAfterDays));
  const furtherTo = useSignal<FurtherTo>(rule.furtherTo);
  const workStart = useSignal(rule.workStart);
  const workEnd = useSignal(rule.workEnd);
  const { busy, error, submit } = useSubmit();

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await saveRule(department === null ? null : dept.value.trim(), {
        remindBeforeDays: numberOrNull(remindBefore.value) as number,
        remindOnDueDay: remindOnDue.value,
        managerAfterDays: numberOrNull(managerAfter.value) as number,
        furtherAfterDays: numberOrNull(furtherAfter.value),
        furtherTo: furtherTo.value,
        workStart: workStart.value,
        workEnd: workEnd.value,
      });
    });
  }

  async function onRemove() {
    if (!department) return;
    await submit(async () => {
      await removeOverride(department);
    });
  }

  const problems = fieldProblems(error.value);
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const listId = `rule-departments-${Math.abs(hash(department ?? 'company'))}`;
  return (
    <form class="rule-form adjust-form" data-testid="rule-form" data-department={department ?? ''} data-mode={department === null ? 'company' : isNew ? 'new' : 'override'} onSubmit={onSubmit}>
      {isNew && (
        <label>
          <span>{t('rules.department')}</span>
          <input data-testid="rule-department" required maxLength={500} list={listId} placeholder={t('rules.departmentPlaceholder')} aria-invalid={invalid('department')} value={dept.value} onInput={(e) => (dept.value = e.currentTarget.value)} />
          <datalist id={listId}>
            {suggestions.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          <FieldProblem field="department" problems={problems} />
        </label>
      )}
      <div class="form-row">
        <label>
          <span>{t('rules.remindBeforeDays')}</span>
          <input data-testid="rule-remind-before" type="number" inputMode="numeric" min={0} max={30} step={1} required aria-invalid={invalid('remindBeforeDays')} value={remindBefore.value} onInput={(e) => (remindBefore.value = e.currentTarget.value)} />
          <FieldProblem field="remindBeforeDays" problems={problems} />
        </label>
        <label>
          <span>{t('rules.managerAfterDays')}</span>
          <input data-testid="rule-manager-after" type="number" inputMode="numeric" min={1} max={30} step={1} required aria-invalid={invalid('managerAfterDays')} value={managerAfter.value} onInput={(e) => (managerAfter.value = e.currentTarget.value)} />
          <FieldProblem field="managerAfterDays" problems={problems} />
        </label>
      </div>
      <label class="checkbox">
        <input type="checkbox" data-testid="rule-remind-due" checked={remindOnDue.value} onChange={(e) => (remindOnDue.value = e.currentTarget.checked)} />
        <span>{t('rules.remindOnDueDay')}</span>
      </label>
      <div class="form-row">
        <label>
          <span>{t('rules.furtherAfterDays')}</span>
          <input data-testid="rule-further-after" type="number" inputMode="numeric" min={1} max={60} step={1} placeholder={t('rules.never')} aria-invalid={invalid('furtherAfterDays')} value={furtherAfter.value} onInput={(e) => (furtherAfter.value = e.currentTarget.value)} />
          <FieldProblem field="furtherAfterDays" problems={problems} />
        </label>
        <label>
          <span>{t('rules.furtherToLabel')}</span>
          <select data-testid="rule-further-to" disabled={furtherAfter.value.trim() === ''} value={furtherTo.value} onChange={(e) => (furtherTo.value = e.currentTarget.value as FurtherTo)}>
            <option value="skip_level">{t('rules.furtherTo.skip_level')}</option>
            <option value="hr">{t('rules.furtherTo.hr')}</option>
          </select>
          <FieldProblem field="furtherTo" problems={problems} />
        </label>
      </div>
      <div class="form-row">
        <label>
          <span>{t('rules.workStart')}</span>
          <input data-testid="rule-work-start" type="time" required aria-invalid={invalid('workStart')} value={workStart.value} onInput={(e) => (workStart.value = e.currentTarget.value)} />
          <FieldProblem field="workStart" problems={problems} />
        </label>
        <label>
          <span>{t('rules.workEnd')}</span>
          <input data-testid="rule-work-end" type="time" required aria-invalid={invalid('workEnd')} value={workEnd.value} onInput={(e) => (workEnd.value = e.currentTarget.value)} />
          <FieldProblem field="workEnd" problems={problems} />
        </label>
      </div>
      {error.value ? (
        <p class="error" role="alert" data-testid="rule-error">
          {errorText(error.value)}
        </p>
      ) : null}
      <OtherProblems fields={FIELDS} problems={problems} />
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="rule-save" disabled={busy.value}>
          {busy.value ? t('form.saving') : isNew ? t('rules.add') : t('rules.save')}
        </button>
        {department && (
          <button type="button" class="danger" data-testid="rule-remove" disabled={busy.value} onClick={onRemove}>
            {t('rules.remove')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A small stable number for element ids. */
function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.codePointAt(0)!) | 0;
  return h;
}
