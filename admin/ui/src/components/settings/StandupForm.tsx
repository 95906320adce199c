import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import type { StandupSettings } from '../../store/settings';
import { FieldProblem } from '../FieldProblem';
import { QuestionsEditor } from './QuestionsEditor';
import { SaveBar } from './SaveBar';
import { useSave } from './useSave';
import { WeekdaySelect } from './WeekdaySelect';

const SHOWN = ['standup.weekday', 'standup.promptTime', 'standup.reminderTime', 'standup.closeWeekday', 'standup.closeTime', 'standup.digestChannel'];

/** The company's standup: on/off, the questions, the day and times, the digest channel. */
export function StandupForm({ value }: { value: StandupSettings }) {
  const draft = useSignal<StandupSettings>(value);
  const state = useSave('standup');
  const problems = state.problems();
  const set = (change: Partial<StandupSettings>) => (draft.value = { ...draft.value, ...change });
  const d = draft.value;
  return (
    <form
      class="card panel adjust-form settings-form"
      data-testid="standup-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void state.save({ standup: { ...draft.value, digestChannel: draft.value.digestChannel?.trim() || null } });
      }}
    >
      <h3>{t('settings.standup.title')}</h3>
      <label class="checkbox">
        <input type="checkbox" data-testid="standup-enabled" checked={d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
        <span>{t('settings.standup.enabled')}</span>
      </label>
      <QuestionsEditor value={d.questions} onChange={(questions) => set({ questions })} problems={problems} field="standup.questions" name="company-blocker" />
      <div class="settings-grid">
        <label>
          <span>{t('settings.standup.weekday')}</span>
          <WeekdaySelect testId="standup-weekday" value={d.weekday} onChange={(weekday) => set({ weekday: weekday ?? 5 })} />
          <FieldProblem field="standup.weekday" problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.promptTime')}</span>
          <input type="time" data-testid="standup-prompt-time" value={d.promptTime} onInput={(e) => set({ promptTime: e.currentTarget.value })} />
          <FieldProblem field="standup.promptTime" problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.reminderTime')}</span>
          <input type="time" data-testid="standup-reminder-time" value={d.reminderTime} onInput={(e) => set({ reminderTime: e.currentTarget.value })} />
          <FieldProblem field="standup.reminderTime" problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.closeWeekday')}</span>
          <WeekdaySelect testId="standup-close-weekday" value={d.closeWeekday} onChange={(closeWeekday) => set({ closeWeekday: closeWeekday ?? 1 })} />
          <FieldProblem field="standup.closeWeekday" problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.closeTime')}</span>
          <input type="time" data-testid="standup-close-time" value={d.closeTime} onInput={(e) => set({ closeTime: e.currentTarget.value })} />
          <FieldProblem field="standup.closeTime" problems={problems} />
        </label>
        <label>
          <span>{t('settings.standup.digestChannel')}</span>
          <input data-testid="standup-digest-channel" value={d.digestChannel ?? ''} placeholder={t('settings.standup.digestChannelNone')} onInput={(e) => set({ digestChannel: e.currentTarget.value })} />
          <FieldProblem field="standup.digestChannel" problems={problems} />
        </label>
      </div>
      <SaveBar state={state} testId="standup-save" shown={(f) => SHOWN.includes(f) || f.startsWith('standup.questions')} />
    </form>
  );
}
