import { useSignal } from '@preact/signals';
import { pathProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { hrefOf } from '../../store/route';
import { duplicateTemplate } from '../../store/reviewTemplates';
import { ProblemList } from './ProblemList';
import { useSubmit } from '../../useSubmit';

/** Start another template from this one: a new name and job function, then edit the copy. */
export function TemplateDuplicate({ id }: { id: number }) {
  const name = useSignal('');
  const jobFunction = useSignal('');
  const { busy, error, submit } = useSubmit();

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      const made = await duplicateTemplate(id, name.value.trim(), jobFunction.value.trim());
      name.value = '';
      jobFunction.value = '';
      location.hash = hrefOf('reviews', `templates/${made.id}`);
    });
  }

  const problems = pathProblems(error.value);
  return (
    <details class="card panel" data-testid="template-duplicate">
      <summary>{t('reviews.duplicate.title')}</summary>
      <form onSubmit={onSubmit} class="stack">
        <label>
          <span>{t('reviews.editor.name')}</span>
          <input data-testid="duplicate-name" required maxLength={120} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('reviews.editor.jobFunction')}</span>
          <input data-testid="duplicate-function" required maxLength={64} value={jobFunction.value} onInput={(e) => (jobFunction.value = e.currentTarget.value)} />
        </label>
        <ProblemList problems={problems} testId="duplicate-problem" />
        {error.value && problems.length === 0 ? <p class="error small" role="alert">{errorText(error.value)}</p> : null}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="duplicate-submit" disabled={busy.value}>
            {t('reviews.duplicate.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
