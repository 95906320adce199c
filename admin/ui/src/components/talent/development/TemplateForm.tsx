import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../../api';
import { PATH_KINDS, type Milestone, type PathKind, type PathTemplate } from '../../../developmentShapes';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { savePath } from '../../../store/development';
import { FieldProblem, OtherProblems } from '../../FieldProblem';
import { useSubmit } from '../../../useSubmit';

const blank = (): Milestone => ({ title: { 'zh-CN': '', en: '' }, offsetDays: 28, description: null });

/** A path template's editor: name, kind, duration, milestones (both languages, days from the start, a note). */
export function TemplateForm({ path, onDone }: { path: PathTemplate | null; onDone: () => void }) {
  const name = useSignal(path?.name ?? '');
  const kind = useSignal<PathKind>(path?.kind ?? 'course');
  const weeks = useSignal(String(path?.durationWeeks ?? 12));
  const description = useSignal(path?.description ?? '');
  const milestones = useSignal<Milestone[]>(path?.milestones.map((m) => ({ ...m, title: { ...m.title } })) ?? [blank()]);
  const { busy, error, submit } = useSubmit();
  const set = (i: number, change: Partial<Milestone>) => (milestones.value = milestones.value.map((m, k) => (k === i ? { ...m, ...change } : m)));

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await savePath(path?.id ?? null, {
        name: name.value.trim(),
        kind: kind.value,
        durationWeeks: Number(weeks.value),
        description: description.value.trim() || null,
        milestones: milestones.value.map((m) => ({
          title: m.title.en.trim() ? { 'zh-CN': m.title['zh-CN'].trim(), en: m.title.en.trim() } : m.title['zh-CN'].trim(),
          offsetDays: Number(m.offsetDays),
          description: m.description?.trim() || null,
        })),
      });
      onDone();
    });
  }
  const problems = fieldProblems(error.value);
  const shown = ['name', 'kind', 'durationWeeks', ...milestones.value.flatMap((_, i) => [`milestones.${i}.title`, `milestones.${i}.offsetDays`])];
  return (
    <form class="card panel stack" data-testid="path-form" onSubmit={onSubmit}>
      <h3>{path ? t('talent.paths.edit', { name: path.name }) : t('talent.paths.new')}</h3>
      <div class="form-row">
        <label>
          <span>{t('talent.paths.name')}</span>
          <input data-testid="path-name" maxLength={120} value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
          <FieldProblem field="name" problems={problems} />
        </label>
        <label>
          <span>{t('talent.paths.kind')}</span>
          <select data-testid="path-kind" value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as PathKind)}>
            {PATH_KINDS.map((k) => <option key={k} value={k}>{t(`talent.paths.kind.${k}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('talent.paths.weeks')}</span>
          <input type="number" min={1} data-testid="path-weeks" value={weeks.value} onInput={(e) => (weeks.value = e.currentTarget.value)} />
          <FieldProblem field="durationWeeks" problems={problems} />
        </label>
      </div>
      <label>
        <span>{t('talent.paths.description')}</span>
        <textarea rows={2} value={description.value} onInput={(e) => (description.value = e.currentTarget.value)} />
      </label>
      <h4>{t('talent.paths.milestones')}</h4>
      {milestones.value.map((m, i) => (
        <fieldset key={i} class="stack" data-testid="milestone-row">
          <legend>{t('talent.paths.milestone', { n: i + 1 })}</legend>
          <div class="form-row">
            <label>
              <span>{t('talent.paths.titleZh')}</span>
              <input data-testid="milestone-zh" value={m.title['zh-CN']} onInput={(e) => set(i, { title: { ...m.title, 'zh-CN': e.currentTarget.value } })} />
            </label>
            <label>
              <span>{t('talent.paths.titleEn')}</span>
              <input data-testid="milestone-en" placeholder={t('talent.paths.titleEnHint')} value={m.title.en} onInput={(e) => set(i, { title: { ...m.title, en: e.currentTarget.value } })} />
            </label>
            <label>
              <span>{t('talent.paths.offset')}</span>
              <input type="number" min={1} data-testid="milestone-offset" value={m.offsetDays} onInput={(e) => set(i, { offsetDays: Number(e.currentTarget.value) })} />
              <FieldProblem field={`milestones.${i}.offsetDays`} problems={problems} />
            </label>
          </div>
          <FieldProblem field={`milestones.${i}.title`} problems={problems} />
          <label>
            <span>{t('talent.paths.milestoneNote')}</span>
            <input value={m.description ?? ''} onInput={(e) => set(i, { description: e.currentTarget.value })} />
          </label>
          {milestones.value.length > 1 && (
            <button type="button" class="link-button" onClick={() => (milestones.value = milestones.value.filter((_, k) => k !== i))}>
              {t('talent.paths.removeMilestone')}
            </button>
          )}
        </fieldset>
      ))}
      <OtherProblems fields={shown} problems={problems} />
      {error.value && problems.length === 0 ? <p class="error" role="alert">{errorText(error.value)}</p> : null}
      <div class="row-actions">
        <button type="button" data-testid="add-milestone" onClick={() => (milestones.value = [...milestones.value, { ...blank(), offsetDays: (milestones.value.at(-1)?.offsetDays ?? 0) + 28 }])}>
          {t('talent.paths.addMilestone')}
        </button>
        <button type="submit" class="primary" data-testid="path-save" disabled={busy.value}>{t('talent.paths.save')}</button>
        <button type="button" onClick={onDone}>{t('talent.paths.cancelEdit')}</button>
      </div>
    </form>
  );
}
