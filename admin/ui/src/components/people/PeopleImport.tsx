import { useSignal } from '@preact/signals';
import { ApiError, lineProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { confirmImport, directory, loadDirectory, orgChart, previewImport, type ImportPreview } from '../../store/peopleDirectory';
import { PEOPLE_CSV_HEADER } from '../../store/peopleImport';
import { setupStatus } from '../../store/setupStatus';
import { ImportProblems } from '../ImportProblems';
import { useSubmit } from '../../useSubmit';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const c = preview.counts;
  const more = (shown: number, total: number) => (total > shown ? <p class="muted small">{t('people.import.more', { count: total - shown })}</p> : null);
  return (
    <div class="stack" data-testid="people-preview">
      <div class="count-chips" data-testid="people-preview-counts">
        {(['creates', 'updates', 'unchanged', 'deactivations', 'errors'] as const).map((k) => (
          <span key={k} class={`count-chip ${k === 'errors' && c.errors ? 'error' : ''}`} data-testid={`people-preview-count-${k}`} data-count={c[k]}>
            {t(`people.import.count.${k}`, { count: c[k] })}
          </span>
        ))}
      </div>
      {preview.errors.length > 0 && (
        <div class="notice notice-error" role="alert" data-testid="people-preview-errors">
          <p>{t('people.import.hasErrors')}</p>
          <ImportProblems problems={preview.errors} />
        </div>
      )}
      {preview.creates.length > 0 && (
        <details open data-testid="people-preview-creates">
          <summary>{t('people.import.count.creates', { count: c.creates })}</summary>
          <ul class="plain-list small">{preview.creates.map((p) => <li key={p.email}>{t('people.import.line', { line: p.line })} {p.name} &lt;{p.email}&gt; · {p.department}{p.managerEmail ? ` · ${p.managerEmail}` : ''}</li>)}</ul>
          {more(preview.creates.length, c.creates)}
        </details>
      )}
      {preview.updates.length > 0 && (
        <details open data-testid="people-preview-updates">
          <summary>{t('people.import.count.updates', { count: c.updates })}</summary>
          <ul class="plain-list small">
            {preview.updates.map((u) => (
              <li key={u.email} data-testid="people-preview-update">
                {t('people.import.line', { line: u.line })} {u.name} &lt;{u.email}&gt;:{' '}
                {Object.entries(u.changes).map(([field, [before, after]]) => (
                  <span key={field} class="change-field">{t(`people.field.${field}`)} <span class="change-before">{show(before)}</span> → <span class="change-after">{show(after)}</span>; </span>
                ))}
              </li>
            ))}
          </ul>
          {more(preview.updates.length, c.updates)}
        </details>
      )}
      {preview.deactivations.length > 0 && (
        <details open data-testid="people-preview-deactivations">
          <summary>{t('people.import.count.deactivations', { count: c.deactivations })}</summary>
          <ul class="plain-list small">{preview.deactivations.map((d) => <li key={d.email}>{d.name} &lt;{d.email}&gt; · {show(d.department)}</li>)}</ul>
          {more(preview.deactivations.length, c.deactivations)}
        </details>
      )}
    </div>
  );
}

/** HR, admin: a people CSV is previewed first — who is created, what changes, who is deactivated, every error — and written only on confirm. */
export function PeopleImport() {
  const csv = useSignal('');
  const whole = useSignal(false);
  const preview = useSignal<ImportPreview | null>(null);
  const { busy, error, submit } = useSubmit();
  const done = useSignal<string>('');

  const reset = () => {
    preview.value = null;
    error.value = null;
    done.value = '';
  };
  async function step(action: () => Promise<void>) {
    await submit(async () => {
      await action();
    });
  }
  const onPreview = (e: Event) => {
    e.preventDefault();
    if (!csv.value.trim()) return;
    done.value = '';
    void step(async () => {
      preview.value = await previewImport(csv.value, whole.value);
    });
  };
  const onConfirm = () =>
    void step(async () => {
      const r = await confirmImport(csv.value, whole.value, preview.value!.planId!);
      preview.value = null;
      csv.value = '';
      done.value = t('people.import.done', { created: r.created, updated: r.updated, deactivated: r.deactivated ?? 0 });
      if (directory.value) void loadDirectory();
      void orgChart.load();
      void setupStatus.load();
    });

  const err = error.value;
  const problems = lineProblems(err);
  return (
    <section class="card panel" data-testid="people-import-preview">
      <h3>{t('people.import.title')}</h3>
      <form class="goal-import-form" onSubmit={onPreview}>
        <p class="muted small">{t('people.import.hint')}</p>
        <code class="csv-header">{PEOPLE_CSV_HEADER}</code>
        <label class="file-pick">
          <span>{t('goals.import.file')}</span>
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="people-import-file" onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            csv.value = await file.text();
            input.value = '';
            reset();
          }} />
        </label>
        <label>
          <span>{t('goals.import.text')}</span>
          <textarea rows={6} spellcheck={false} data-testid="people-import-csv" placeholder={PEOPLE_CSV_HEADER} value={csv.value} onInput={(e) => { csv.value = e.currentTarget.value; reset(); }} />
        </label>
        <label class="checkbox">
          <input type="checkbox" data-testid="people-import-whole" checked={whole.value} onChange={(e) => { whole.value = e.currentTarget.checked; reset(); }} />
          <span>{t('people.import.whole')}</span>
        </label>
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="people-import-preview-button" disabled={busy.value || !csv.value.trim()}>{t('people.import.preview')}</button>
        </div>
      </form>
      {err ? (
        <div class="notice notice-error" role="alert" data-testid="people-import-error" data-code={err instanceof ApiError ? err.code : undefined}>
          <p>{problems.length ? t('people.import.hasErrors') : errorText(err)}</p>
          {problems.length > 0 && <ImportProblems problems={problems} />}
        </div>
      ) : null}
      {preview.value && <PreviewTable preview={preview.value} />}
      {preview.value && (
        <div class="form-actions">
          <button class="primary" type="button" data-testid="people-import-confirm" disabled={busy.value || !preview.value.planId} onClick={onConfirm}>
            {t('people.import.confirm')}
          </button>
          <button type="button" data-testid="people-import-cancel" onClick={reset}>{t('people.import.cancel')}</button>
          {!preview.value.planId && <span class="muted small">{t('people.import.fixFirst')}</span>}
        </div>
      )}
      {done.value && <p class="notice notice-ok" role="status" data-testid="people-import-done">{done.value}</p>}
    </section>
  );
}
