import { useEffect } from 'preact/hooks';
import { pathProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { loadPeople } from '../../store/people';
import { preview, previewEnd, previewError, previewLoading, previewPerson, previewStart } from '../../store/templatePreview';
import { PersonPicker } from '../PersonPicker';
import { PreviewResult } from './PreviewResult';
import { ProblemList } from './ProblemList';

/** Try the template as it is being edited on one person and period: each rule's outcome, the total, the grade. */
export function TemplatePreviewPanel() {
  useEffect(() => {
    void loadPeople();
  }, []);
  const person = previewPerson.value;
  const problems = pathProblems(previewError.value);
  return (
    <section class="card panel template-preview" data-testid="template-preview" data-loading={previewLoading.value ? 'yes' : 'no'} aria-labelledby="preview-title">
      <h3 id="preview-title">{t('reviews.preview.title')}</h3>
      <p class="muted small">{t('reviews.preview.hint')}</p>
      <PersonPicker selected={person?.email ?? null} onSelect={(p) => (previewPerson.value = p)} />
      <div class="form-row">
        <label>
          <span>{t('reviews.preview.from')}</span>
          <input type="date" data-testid="preview-start" value={previewStart.value} onInput={(e) => e.currentTarget.value && (previewStart.value = e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('reviews.preview.to')}</span>
          <input type="date" data-testid="preview-end" value={previewEnd.value} onInput={(e) => e.currentTarget.value && (previewEnd.value = e.currentTarget.value)} />
        </label>
      </div>
      {!person ? (
        <p class="muted small" data-testid="preview-pick">{t('reviews.preview.pick')}</p>
      ) : (
        <p class="small" data-testid="preview-person">{t('reviews.preview.for', { name: person.name })}</p>
      )}
      {previewError.value ? (
        problems.length ? <ProblemList problems={problems} testId="preview-problem" /> : <p class="error small" role="alert">{errorText(previewError.value)}</p>
      ) : null}
      {preview.value && <PreviewResult result={preview.value} />}
    </section>
  );
}
