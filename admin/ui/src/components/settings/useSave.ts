import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { saveSettings, type SettingsPatch } from '../../store/settings';

/** Saving a part of the settings: busy while it runs, the server's problems after a refusal, "saved" after success. */
export function useSave() {
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
  const saved = useSignal(false);
  async function save(patch: SettingsPatch): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    error.value = null;
    saved.value = false;
    try {
      await saveSettings(patch);
      saved.value = true;
      return true;
    } catch (err) {
      error.value = err;
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, saved, save, problems: () => fieldProblems(error.value) };
}
