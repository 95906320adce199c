import { signal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { saveSettings, type SettingsPatch } from '../../store/settings';
import { useSubmit } from '../../useSubmit';

/** Which form saved last: a saved form is drawn anew from the stored settings (keyed by version), so it lives here. */
const lastSaved = signal<string | null>(null);

/** Saving a part of the settings: busy while it runs, the server's problems after a refusal, "saved" after success. */
export function useSave(id: string) {
  const { busy, error, submit } = useSubmit();
  const saved = {
    get value() {
      return lastSaved.value === id;
    },
    set value(on: boolean) {
      lastSaved.value = on ? id : null;
    },
  };
  async function save(patch: SettingsPatch): Promise<boolean> {
    if (busy.value) return false;
    saved.value = false;
    return submit(async () => {
      await saveSettings(patch);
      saved.value = true;
    });
  }
  return { busy, error, saved, save, problems: () => fieldProblems(error.value) };
}
