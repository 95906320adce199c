import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { pathProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import type { ScaleGrade } from '../../reviewShapes';
import { ratingScale, saveScale } from '../../store/reviewCatalogue';
import { ProblemList } from './ProblemList';
import { useSubmit } from '../../useSubmit';

/** The rating scale: each grade's key, its names in both languages and the lowest total that earns it. */
export function RatingScaleCard() {
  const grades = useSignal<ScaleGrade[] | null>(null);
  const { busy, error, submit } = useSubmit();
  const saved = useSignal(false);

  useEffect(() => {
    void ratingScale.load();
  }, []);
  useEffect(() => {
    if (ratingScale.data.value && !grades.value) grades.value = structuredClone(ratingScale.data.value);
  }, [ratingScale.data.value]);

  const list = grades.value;
  const change = (i: number, patch: (g: ScaleGrade) => void) => {
    const next = structuredClone(list ?? []);
    patch(next[i]);
    grades.value = next;
    saved.value = false;
  };

  async function onSave(e: Event) {
    e.preventDefault();
    if (!list) return;
    saved.value = false;
    await submit(async () => {
      await saveScale(list);
      grades.value = structuredClone(ratingScale.data.value);
      saved.value = true;
    });
  }

  const problems = pathProblems(error.value);
  return (
    <section class="card panel" data-testid="rating-scale" aria-labelledby="rating-scale-title">
      <h3 id="rating-scale-title">{t('reviews.scale.title')}</h3>
      <p class="muted small">{t('reviews.scale.hint')}</p>
      {ratingScale.error.value ? <p class="error" role="alert">{errorText(ratingScale.error.value)}</p> : null}
      {!list ? (
        <p class="muted">{t('app.loading')}</p>
      ) : (
        <form class="scale-form" onSubmit={onSave}>
          {list.map((g, i) => (
            <fieldset key={i} class="scale-grade" data-testid="scale-grade" data-index={i}>
              <legend class="sr-only">{t('reviews.scale.grade', { n: i + 1 })}</legend>
              <label>
                <span>{t('reviews.scale.key')}</span>
                <input data-testid="scale-key" maxLength={8} value={g.key} onInput={(e) => change(i, (x) => (x.key = e.currentTarget.value.trim()))} />
              </label>
              <label>
                <span>{t('reviews.scale.labelZh')}</span>
                <input data-testid="scale-label-zh" value={g.label['zh-CN']} onInput={(e) => change(i, (x) => (x.label['zh-CN'] = e.currentTarget.value))} />
              </label>
              <label>
                <span>{t('reviews.scale.labelEn')}</span>
                <input data-testid="scale-label-en" value={g.label.en} onInput={(e) => change(i, (x) => (x.label.en = e.currentTarget.value))} />
              </label>
              <label>
                <span>{t('reviews.scale.min')}</span>
                <input type="number" min={0} max={100} step="any" data-testid="scale-min" value={g.min} onInput={(e) => change(i, (x) => (x.min = Number(e.currentTarget.value)))} />
              </label>
              <button type="button" class="icon-button" data-testid="scale-remove" aria-label={t('reviews.scale.remove', { key: g.key })} onClick={() => {
                grades.value = list.filter((_, j) => j !== i);
              }}>
                ×
              </button>
            </fieldset>
          ))}
          <ProblemList problems={problems} testId="scale-problem" />
          {error.value && problems.length === 0 ? <p class="error small" role="alert">{errorText(error.value)}</p> : null}
          {saved.value && <p class="notice notice-ok small" role="status" data-testid="scale-saved">{t('reviews.scale.saved')}</p>}
          <div class="form-actions">
            <button type="button" data-testid="scale-add" onClick={() => (grades.value = [...list, { key: '', label: { 'zh-CN': '', en: '' }, min: 0 }])}>
              {t('reviews.scale.add')}
            </button>
            <button class="primary" type="submit" data-testid="scale-save" disabled={busy.value}>
              {busy.value ? t('form.saving') : t('reviews.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
