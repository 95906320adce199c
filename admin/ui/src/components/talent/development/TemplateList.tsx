import { useSignal } from '@preact/signals';
import type { PathTemplate } from '../../../developmentShapes';
import { errorText } from '../../../errors';
import { locale, t } from '../../../i18n';
import { pathTemplates } from '../../../store/development';
import { TemplateForm } from './TemplateForm';

/** HR's path templates: each with its milestones; edit one or add a new one. */
export function TemplateList() {
  const editing = useSignal<PathTemplate | 'new' | null>(null);
  const list = pathTemplates.data.value;
  if (pathTemplates.error.value && !list) return <p class="error" role="alert">{errorText(pathTemplates.error.value)}</p>;
  if (!list) return <p class="muted">{t('app.loading')}</p>;
  if (editing.value) return <TemplateForm key={editing.value === 'new' ? 'new' : editing.value.id} path={editing.value === 'new' ? null : editing.value} onDone={() => (editing.value = null)} />;
  return (
    <section class="card panel" data-testid="path-templates" aria-labelledby="path-templates-title">
      <div class="page-head">
        <h3 id="path-templates-title">{t('talent.paths.templates')}</h3>
        <button type="button" data-testid="path-new" onClick={() => (editing.value = 'new')}>{t('talent.paths.new')}</button>
      </div>
      <ul class="plain-list">
        {list.map((p) => (
          <li key={p.id} class="plain-item" data-testid="path-template" data-name={p.name}>
            <span class="plain-main">
              <strong>{p.name}</strong> <span class="badge">{t(`talent.paths.kind.${p.kind}`)}</span>{' '}
              <span class="muted small">{t('talent.paths.summary', { weeks: p.durationWeeks, milestones: p.milestones.length, active: p.active })}</span>
            </span>
            <button type="button" class="link-button" data-testid="path-edit" onClick={() => (editing.value = p)}>{t('talent.paths.editButton')}</button>
            <span class="cell-sub small muted">{p.milestones.map((m) => `${t('talent.paths.day', { n: m.offsetDays })} ${m.title[locale.value]}`).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
