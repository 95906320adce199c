import { errorCode, errorText } from '../errors';
import { useSubmit } from '../useSubmit';

/**
 * A small button that runs one server action: disabled while it runs, and the server's error (by its code, in the
 * UI language) shown under it. `testId` names the button; its error is `${testId}-error`.
 */
export function ActionButton({ label, testId, run }: { label: string; testId: string; run: () => Promise<unknown> }) {
  const { busy, error, submit } = useSubmit();
  async function onClick() {
    await submit(async () => {
      await run();
    });
  }
  return (
    <div class="row-actions">
      <button type="button" class="small" data-testid={testId} disabled={busy.value} onClick={onClick}>
        {label}
      </button>
      {error.value ? (
        <p class="error small" role="alert" data-testid={`${testId}-error`} data-code={errorCode(error.value)}>
          {errorText(error.value)}
        </p>
      ) : null}
    </div>
  );
}
