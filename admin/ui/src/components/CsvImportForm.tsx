import { useSignal } from '@preact/signals';
import { ApiError, lineProblems, type ImportResult } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { ImportProblems } from './ImportProblems';
import { useSubmit } from '../useSubmit';


interface Props {
  /** Prefix of the data-testids (`goal-import` → `goal-import-file`, `-text`, `-error`, `-done`, `-submit`). */
  testId: string;
  /** The exact header the import expects. */
  header: string;
  /** Locale keys: `hint`, `done` ({{total}}, {{created}}, {{updated}}) and `refused` ({{count}}). */
  keys: { hint: string; done: string; refused: string };
  submit: (csv: string) => Promise<ImportResult>;
}

/** Pick or paste a CSV and import it: a refused file shows its problems by line, and nothing was written. */
export function CsvImportForm({ testId, header, keys, submit }: Props) {
  const csv = useSignal('');
  const fileName = useSignal('');
  const { busy, error, submit: send } = useSubmit();
  const result = useSignal<ImportResult | null>(null);

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    fileName.value = file.name;
    csv.value = await file.text();
    input.value = ''; // picking the same file again (after fixing it) reads it again
    error.value = null;
    result.value = null;
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!csv.value.trim()) return;
    result.value = null;
    await send(async () => {
      result.value = await submit(csv.value);
      csv.value = '';
      fileName.value = '';
    });
  }

  const err = error.value;
  const problems = lineProblems(err);
  const done = result.value;
  return (
    <form class="goal-import-form" onSubmit={onSubmit}>
      <p class="muted small">{t(keys.hint)}</p>
      <code class="csv-header" data-testid={`${testId}-header`}>{header}</code>
      <label class="file-pick">
        <span>{t('goals.import.file')}</span>
        <input type="file" accept=".csv,text/csv,text/plain" data-testid={`${testId}-file`} onChange={onFile} />
      </label>
      <label>
        <span>{t('goals.import.text')}</span>
        <textarea
          data-testid={`${testId}-text`}
          rows={6}
          spellcheck={false}
          placeholder={header}
          value={csv.value}
          onInput={(e) => {
            csv.value = e.currentTarget.value;
            fileName.value = '';
          }}
        />
      </label>
      {err ? (
        <div class="notice notice-error" role="alert" data-testid={`${testId}-error`} data-code={err instanceof ApiError ? err.code : undefined}>
          <p>{problems.length > 0 ? t(keys.refused, { count: problems.length }) : errorText(err)}</p>
          {problems.length > 0 && <ImportProblems problems={problems} />}
        </div>
      ) : null}
      {done && (
        <p class="notice notice-ok" role="status" data-testid={`${testId}-done`}>
          {t(keys.done, { total: done.total, created: done.created, updated: done.updated })}
        </p>
      )}
      <div class="form-actions">
        <button class="primary" type="submit" data-testid={`${testId}-submit`} disabled={busy.value || !csv.value.trim()}>
          {busy.value ? t('goals.import.importing') : t('goals.import.submit')}
        </button>
        {fileName.value && <span class="muted small">{fileName.value}</span>}
      </div>
    </form>
  );
}
