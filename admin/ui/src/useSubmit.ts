import { useSignal } from '@preact/signals';

/**
 * One form's submission: `busy` while its action runs (a second submit meanwhile is ignored), the refusal kept in
 * `error` for the form to show (cleared when the next submission starts). `submit` resolves to whether it succeeded.
 */
export function useSubmit<E = unknown>() {
  const busy = useSignal(false);
  const error = useSignal<E | null>(null);
  async function submit(action: () => Promise<unknown>, failure: (err: unknown) => E = (err) => err as E): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (err) {
      error.value = failure(err);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, submit };
}
