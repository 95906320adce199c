import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import type { MyGoal } from '../../apiShapes';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { formatDate } from '../../format';
import { checkIn, type CheckInAnswer } from '../../store/myGoals';
import type { GoalStatus } from '../../types';
import { FieldProblem, OtherProblems } from '../FieldProblem';
import { useSubmit } from '../../useSubmit';

const STATUSES: GoalStatus[] = ['on_track', 'at_risk', 'off_track', 'done'];
const FIELDS = ['value', 'status', 'note'] as const;

/** Check in on one of my goals: the value now, optionally a status and a note. */
export function GoalCheckInForm({ goal }: { goal: MyGoal }) {
  const value = useSignal(String(goal.currentValue));
  const status = useSignal<GoalStatus | ''>('');
  const note = useSignal('');
  const { busy, error, submit } = useSubmit();
  const done = useSignal<CheckInAnswer | null>(null);

  async function onSubmit(e: Event) {
    e.preventDefault();
    const number = Number(value.value);
    // A goal that follows a metric takes no value: the metric store moves it.
    const follows = goal.metric !== null && goal.metric !== undefined;
    if (!follows && (value.value.trim() === '' || !Number.isFinite(number))) return;
    done.value = null;
    await submit(async () => {
      done.value = await checkIn(goal.id, { ...(follows ? {} : { value: number }), ...(status.value ? { status: status.value } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      note.value = '';
    });
  }

  const problems = fieldProblems(error.value);
  return (
    <form class="checkin-form" onSubmit={onSubmit} data-testid="checkin-form" data-goal={goal.id}>
      <div class="form-row">
        {goal.metric ? (
          <p class="muted small" data-testid="checkin-auto-value">
            {t('me.goals.valueAuto')}
          </p>
        ) : (
          <label>
            <span>{goal.unit ? t('me.goals.valueUnit', { unit: goal.unit }) : t('me.goals.value')}</span>
            <input type="number" step="any" required data-testid="checkin-value" value={value.value} onInput={(e) => (value.value = e.currentTarget.value)} />
            <FieldProblem field="value" problems={problems} />
          </label>
        )}
        <label>
          <span>{t('goals.statusLabel')}</span>
          <select data-testid="checkin-status" value={status.value} onChange={(e) => (status.value = e.currentTarget.value as GoalStatus | '')}>
            <option value="">{t('me.goals.statusAuto')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`goals.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span>{t('me.goals.note')}</span>
        <input type="text" maxLength={1000} data-testid="checkin-note" value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
        <FieldProblem field="note" problems={problems} />
      </label>
      <OtherProblems fields={FIELDS} problems={problems} />
      {error.value && problems.length === 0 ? <p class="error small" role="alert">{errorText(error.value)}</p> : null}
      {done.value && <p class="success small" role="status" data-testid="checkin-done">{t('me.goals.checkedIn')}</p>}
      {done.value?.notYet && (
        // Saved, but no checkpoint was due yet: say when a check-in earns a point again.
        <p class="muted small" data-testid="checkin-not-yet">
          {t('me.goals.notDueYet', { due: formatDate(done.value.notYet.dueDate), opens: formatDate(done.value.notYet.opensOn) })}
        </p>
      )}
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="checkin-submit" disabled={busy.value}>
          {busy.value ? t('form.saving') : t('me.goals.submit')}
        </button>
      </div>
    </form>
  );
}
