import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { pathProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { metricDefinitions, ratingScale } from '../../store/reviewCatalogue';
import { hrefOf } from '../../store/route';
import { saveTemplate, templateDetail } from '../../store/reviewTemplates';
import { blankBody, draft, edit, fromBody, newSection, overallSum, toBody } from '../../store/templateDraft';
import { ProblemList } from './ProblemList';
import { RulesEditor } from './RulesEditor';
import { SectionEditor } from './SectionEditor';
import { TemplateDuplicate } from './TemplateDuplicate';
import { TemplatePreviewPanel } from './TemplatePreviewPanel';
import { WeightSum } from './WeightSum';
import { useSubmit } from '../../useSubmit';

/** One template, edited without code: sections, items, weights, rules; a live preview; save as a new version. */
export function TemplateEditor({ id }: { id: number | null }) {
  const detail = id === null ? null : templateDetail.of(id);
  const { busy, error, submit } = useSubmit();
  const savedVersion = useSignal<number | null>(null);

  useEffect(() => {
    void metricDefinitions.load();
    void ratingScale.load();
    if (detail) void detail.load();
    else draft.value = blankBody();
    return () => {
      draft.value = null;
    };
  }, [id]);
  const loaded = detail?.data.value;
  useEffect(() => {
    if (loaded) draft.value = fromBody(loaded.body);
  }, [loaded]);

  async function onSave(e: Event) {
    e.preventDefault();
    const edited = draft.value;
    if (!edited) return;
    savedVersion.value = null;
    await submit(async () => {
      const saved = await saveTemplate(id, toBody(edited));
      savedVersion.value = saved.version;
      if (id === null) location.hash = hrefOf('reviews', `templates/${saved.id}`);
    });
  }

  const body = draft.value;
  if (detail?.error.value) return <p class="error" role="alert">{errorText(detail.error.value)}</p>;
  if (!body || (detail && !loaded)) return <p class="muted">{t('app.loading')}</p>;
  const problems = pathProblems(error.value);
  return (
    <div class="template-layout" data-testid="template-editor" data-id={id ?? 'new'}>
      <form class="card panel template-form" onSubmit={onSave}>
        <div class="panel-head">
          <h3>{id === null ? t('reviews.editor.newTitle') : t('reviews.editor.title', { version: loaded?.version ?? '' })}</h3>
          <a class="small" href={hrefOf('reviews', 'templates')}>{t('reviews.editor.back')}</a>
        </div>
        <div class="form-row">
          <label>
            <span>{t('reviews.editor.name')}</span>
            <input data-testid="template-name" required maxLength={120} value={body.name} onInput={(e) => edit((b) => (b.name = e.currentTarget.value))} />
          </label>
          <label>
            <span>{t('reviews.editor.jobFunction')}</span>
            <input data-testid="template-function" required maxLength={64} placeholder="sales" value={body.jobFunction} onInput={(e) => edit((b) => (b.jobFunction = e.currentTarget.value))} />
          </label>
        </div>
        <div class="weight-head">
          <h4 class="subhead">{t('reviews.editor.sections')}</h4>
          <WeightSum sum={overallSum(body)} testId="overall-sum" label={t('reviews.editor.overallSum')} />
        </div>
        {body.sections.map((s, si) => (
          <SectionEditor key={si} section={s} index={si} count={body.sections.length} />
        ))}
        <button type="button" data-testid="section-add" onClick={() => edit((b) => b.sections.push(newSection()))}>
          {t('reviews.editor.addSection')}
        </button>
        <RulesEditor rules={body.rules} problems={problems} />
        <ProblemList problems={problems} />
        {error.value && problems.length === 0 ? <p class="error small" role="alert" data-testid="template-error">{errorText(error.value)}</p> : null}
        {savedVersion.value !== null && (
          <p class="notice notice-ok small" role="status" data-testid="template-saved">
            {t('reviews.editor.saved', { version: savedVersion.value })}
          </p>
        )}
        <div class="form-actions">
          <button class="primary" type="submit" data-testid="template-save" disabled={busy.value}>
            {busy.value ? t('form.saving') : id === null ? t('reviews.editor.create') : t('reviews.editor.saveVersion')}
          </button>
        </div>
        {loaded && loaded.versions.length > 0 && (
          <p class="muted small" data-testid="template-versions">
            {t('reviews.editor.versions', { list: loaded.versions.map((v) => `v${v.version}`).join(', ') })}
          </p>
        )}
      </form>
      <div class="template-side">
        <TemplatePreviewPanel />
        {id !== null && <TemplateDuplicate id={id} />}
      </div>
    </div>
  );
}
