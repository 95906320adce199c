import { useSignal } from '@preact/signals';
import { ApiError, lineProblems } from '../api';
import { errorText } from '../errors';
import { t } from '../i18n';
import { GOALS_CSV_HEADER, importGoalsCsv, type ImportResult } from '../store/goalImport';
import { ImportProblems } from './ImportProblems';

/** Admin/HR: paste or pick a goals CSV; all rows or none are imported, problems are listed by line. */
export function GoalImportPanel() {
  const csv = useSignal('');
  const fileName = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
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
    if (busy.value || !csv.value.trim()) return;
    busy.value = true;
    error.value = null;
    result.value = null;
    try {
      result.value = await importGoalsCsv(csv.value);
      csv.value = '';
      fileName.value = '';
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }

  const err = error.value;
  const problems = lineProblems(err);
  const done = result.value;
  return (
    <details class="card goal-import" data-testid="goal-import">
      <summary>{t('goals.import.title')}</summary>
      <form class="goal-import-form" onSubmit={onSubmit}>
        <p class="muted small">{t('goals.import.hint')}</p>
        <code class="csv-header" data-testid="goal-import-header">{GOALS_CSV_HEADER}</code>
        <label class="file-pick">
          <span>{t('goals.import.file')}</span>
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="goal-import-file" onChange={onFile} />
        </label>
        <label>
          <span>{t('goals.import.text')}</span>
          <textarea
            data-testid="goal-import-text"
            rows={6}
            spellcheck={false}
            placeholder={GOALS_CSV_HEADER}
            value={csv.value}
            onInput={(e) => {
              csv.value = e.currentTarget.value;
              fileName.value = '';
            }}
          />
        </label>
        {err ? (
          <div class="notice notice-error" role="alert" data-testid="goal-import-error" data-code={err instanceof ApiError ? err.code : undefined}>
            <p>{err instanceof ApiError && err.code === 'import_invalid' ? t('goals.import.refused', { count: problems.length }) : errorText(err)}</p>
            {problems.length > 0 && <ImportProblems problems={problems} />}
          </div>
        ) : null}
        {done && (
          <p class="notice notice-ok" role="status" data-testid="goal-import-done">
            {t('goals.import.done', { total: done.total, created: done.created, updated: done.updated })}
          </p>
        )}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="goal-import-submit" disabled={busy.value || !csv.value.trim()}>
            {busy.value ? t('goals.import.importing') : t('goals.import.submit')}
          </button>
          {fileName.value && <span class="muted small">{fileName.value}</span>}
        </div>
      </form>
    </details>
  );
}
