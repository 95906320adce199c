import { useSignal } from '@preact/signals';
import { ApiError, lineProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { importPeopleCsv, PEOPLE_CSV_HEADER, type PeopleImportResult } from '../../store/peopleImport';
import { ImportProblems } from '../ImportProblems';

/** Admin: pick or paste a people CSV; all rows or none, problems by line; re-import updates by e-mail. */
export function PeopleImportPanel() {
  const csv = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<unknown>(null);
  const result = useSignal<PeopleImportResult | null>(null);

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    csv.value = await file.text();
    input.value = ''; // the same file again (after fixing it) is read again
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
      result.value = await importPeopleCsv(csv.value);
      csv.value = '';
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
    <section class="card panel" data-testid="people-import" aria-labelledby="people-import-title">
      <h3 id="people-import-title">{t('setup.import.title')}</h3>
      <form class="goal-import-form" onSubmit={onSubmit}>
        <p class="muted small">{t('setup.import.hint')}</p>
        <code class="csv-header">{PEOPLE_CSV_HEADER}</code>
        <label>
          <span>{t('goals.import.file')}</span>
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="people-import-file" onChange={onFile} />
        </label>
        <label>
          <span>{t('goals.import.text')}</span>
          <textarea data-testid="people-import-text" rows={5} spellcheck={false} placeholder={PEOPLE_CSV_HEADER} value={csv.value} onInput={(e) => (csv.value = e.currentTarget.value)} />
        </label>
        {err ? (
          <div class="notice notice-error" role="alert" data-testid="people-import-error" data-code={err instanceof ApiError ? err.code : undefined}>
            <p>{problems.length > 0 ? t('setup.import.refused', { count: problems.length }) : errorText(err)}</p>
            {problems.length > 0 && <ImportProblems problems={problems} />}
          </div>
        ) : null}
        {done && (
          <p class="notice notice-ok" role="status" data-testid="people-import-done">
            {t('setup.import.done', { created: done.created ?? 0, updated: done.updated ?? 0, total: done.total ?? (done.created ?? 0) + (done.updated ?? 0) })}
          </p>
        )}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="people-import-submit" disabled={busy.value || !csv.value.trim()}>
            {busy.value ? t('goals.import.importing') : t('goals.import.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
