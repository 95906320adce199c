import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import { settings, type StandupOverride } from '../../store/settings';
import { FieldProblem } from '../FieldProblem';
import { QuestionsEditor } from './QuestionsEditor';
import { SaveBar } from './SaveBar';
import { useSave } from './useSave';
import { WeekdaySelect } from './WeekdaySelect';

/**
 * A department's own standup: what it leaves empty comes from the company's. Saving sends the whole list of
 * overrides with this one replaced; Remove sends it without this one.
 */
export function OverrideForm({ index, value }: { index: number; value: StandupOverride }) {
  const draft = useSignal<StandupOverride>(value);
  const state = useSave(`override:${value.department}`);
  const problems = state.problems();
  const base = `standupOverrides.${index}`;
  const company = settings.value!.standup;
  const d = draft.value;
  const set = (change: Partial<StandupOverride>) => (draft.value = { ...draft.value, ...change });
  const others = () => settings.value!.standupOverrides.filter((_, i) => i !== index);
  const clean = (o: StandupOverride): StandupOverride => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as StandupOverride;
  return (
    <form
      class="card panel adjust-form settings-form"
      data-testid="override-form"
      data-department={value.department}
      onSubmit={(e) => {
        e.preventDefault();
        const list = [...others()];
        list.splice(index, 0, clean(draft.value));
        void state.save({ standupOverrides: list });
      }}
    >
      <h3>{value.department}</h3>
      <label>
        <span>{t('settings.override.enabled')}</span>
        <select data-testid="override-enabled" value={d.enabled === undefined ? '' : String(d.enabled)} onChange={(e) => set({ enabled: e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true' })}>
          <option value="">{t('settings.inherit')}</option>
          <option value="true">{t('settings.on')}</option>
          <option value="false">{t('settings.off')}</option>
        </select>
      </label>
      <label class="checkbox">
        <input type="checkbox" data-testid="override-own-questions" checked={d.questions !== undefined} onChange={(e) => set({ questions: e.currentTarget.checked ? company.questions : undefined })} />
        <span>{t('settings.override.ownQuestions')}</span>
      </label>
      {d.questions && <QuestionsEditor value={d.questions} onChange={(questions) => set({ questions })} problems={problems} field={`${base}.questions`} name={`blocker-${index}`} />}
      <div class="settings-grid">
        <label>
          <span>{t('settings.standup.weekday')}</span>
          <WeekdaySelect inherit testId="override-weekday" value={d.weekday} onChange={(weekday) => set({ weekday })} />
        </label>
        <label>
          <span>{t('settings.standup.promptTime')}</span>
          <input type="time" data-testid="override-prompt-time" value={d.promptTime ?? ''} placeholder={company.promptTime} onInput={(e) => set({ promptTime: e.currentTarget.value || undefined })} />
          <FieldProblem field={`${base}.promptTime`} problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.reminderTime')}</span>
          <input type="time" data-testid="override-reminder-time" value={d.reminderTime ?? ''} placeholder={company.reminderTime} onInput={(e) => set({ reminderTime: e.currentTarget.value || undefined })} />
          <FieldProblem field={`${base}.reminderTime`} problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.digestChannel')}</span>
          <input data-testid="override-digest-channel" value={d.digestChannel ?? ''} placeholder={t('settings.inherit')} onInput={(e) => set({ digestChannel: e.currentTarget.value.trim() || undefined })} />
          <FieldProblem field={`${base}.digestChannel`} problems={problems} />
        </label>
      </div>
      <SaveBar state={state} testId="override-save" shown={(f) => f.startsWith(`${base}.`)} />
      <button type="button" data-testid="override-remove" disabled={state.busy.value} onClick={() => void state.save({ standupOverrides: others() })}>
        {t('settings.override.remove')}
      </button>
    </form>
  );
}
