import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import type { CompanySettings } from '../../store/settings';
import { SaveBar } from './SaveBar';
import { useSave } from './useSave';

/**
 * The pilot scope: the rhythm (standups, reminders, escalations, points, the leaderboard, review prompts) runs only
 * for the chosen departments and those below them. "Everyone" widens it in one click; every change is audited.
 */
export function PilotPanel({ value }: { value: CompanySettings }) {
  const current = value.pilot.departments;
  const chosen = useSignal<string[]>(current ?? []);
  const state = useSave('pilot');
  const toggle = (path: string, on: boolean) => (chosen.value = on ? [...chosen.value, path] : chosen.value.filter((p) => p !== path));
  // A department under a chosen one is in already: shown ticked and fixed.
  const covered = (path: string) => chosen.value.some((root) => path !== root && path.startsWith(`${root}/`));
  return (
    <form
      class="card panel adjust-form settings-form"
      data-testid="pilot-panel"
      data-scope={current ? current.join('|') : 'everyone'}
      onSubmit={(e) => {
        e.preventDefault();
        void state.save({ pilot: { departments: chosen.value.length ? chosen.value : null } });
      }}
    >
      <h3>{t('settings.pilot.title')}</h3>
      <p data-testid="pilot-current">{current ? t('settings.pilot.only', { departments: current.join('、') }) : t('settings.pilot.everyone')}</p>
      <p class="muted">{t('settings.pilot.hint')}</p>
      <div class="pilot-departments">
        {value.departments.map((path) => (
          <label key={path} class="checkbox">
            <input type="checkbox" data-testid="pilot-department" data-path={path} checked={chosen.value.includes(path) || covered(path)} disabled={covered(path)} onChange={(e) => toggle(path, e.currentTarget.checked)} />
            <span>{path}</span>
          </label>
        ))}
      </div>
      <SaveBar state={state} testId="pilot-save" shown={() => false} />
      {current && (
        <button type="button" class="primary" data-testid="pilot-widen" disabled={state.busy.value} onClick={() => void state.save({ pilot: { departments: null } })}>
          {t('settings.pilot.widen')}
        </button>
      )}
    </form>
  );
}
