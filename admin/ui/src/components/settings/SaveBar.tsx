import { errorText } from '../../errors';
import { t } from '../../i18n';
import { problemText } from '../FieldProblem';
import type { useSave } from './useSave';

/**
 * The save button of a settings form, the result in words, and the server's problems: a count, then those no field
 * of the form shows (`shown` says which fields show their own).
 */
export function SaveBar({ state, shown, testId }: { state: ReturnType<typeof useSave>; shown: (field: string) => boolean; testId: string }) {
  const problems = state.problems();
  return (
    <div class="form-actions">
      <button type="submit" class="primary" data-testid={testId} disabled={state.busy.value}>
        {state.busy.value ? t('settings.saving') : t('settings.save')}
      </button>
      {state.saved.value && <output class="muted" data-testid="settings-saved">{t('settings.saved')}</output>}
      {state.error.value !== null && problems.length === 0 && <p class="error" role="alert">{errorText(state.error.value)}</p>}
      {problems.length > 0 && (
        <div role="alert" data-testid="settings-problems">
          <p class="error">{t('settings.problems', { count: problems.length })}</p>
          {problems
            .filter((p) => !shown(p.field))
            .map((p, i) => (
              <p key={i} class="error small" data-testid="field-problem" data-field={p.field}>
                {p.field ? `${p.field}: ${problemText(p)}` : problemText(p)}
              </p>
            ))}
        </div>
      )}
    </div>
  );
}
