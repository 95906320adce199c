import { t } from '../../i18n';
import { metricDefinitions } from '../../store/reviewCatalogue';
import { edit, move, type EditItem } from '../../store/templateDraft';
import { BilingualInput } from './BilingualInput';
import { MetricSelect } from './MetricSelect';
import { MoveButtons } from './MoveButtons';

const num = (value: string) => (value.trim() === '' ? 0 : Number(value));

/** One item of a section: a metric (with its target), the goals, a rating question (maybe "potential") or a text question. */
export function ItemEditor({ item, section, index, count }: { item: EditItem; section: number; index: number; count: number }) {
  const at = (change: (i: EditItem) => void) => edit((b) => change(b.sections[section].items[index]));
  const what = t('reviews.editor.itemN', { n: index + 1 });
  const unit = item.kind === 'metric' ? metricDefinitions.data.value?.find((d) => d.key === item.metric)?.unit : undefined;
  return (
    <li class="template-item" data-testid="template-item" data-kind={item.kind} data-index={index}>
      <div class="template-item-head">
        <span class="badge">{t(`reviews.item.${item.kind}`)}</span>
        <MoveButtons
          index={index}
          count={count}
          what={what}
          onMove={(by) => edit((b) => move(b.sections[section].items, index, by))}
          onRemove={() => edit((b) => b.sections[section].items.splice(index, 1))}
        />
      </div>
      {item.kind === 'metric' && (
        <div class="form-row">
          <MetricSelect value={item.metric} onChange={(key) => at((i) => i.kind === 'metric' && (i.metric = key))} />
          <label>
            <span>{unit ? t('reviews.editor.targetUnit', { unit }) : t('reviews.editor.target')}</span>
            <input type="number" step="any" data-testid="item-target" value={item.target} onInput={(e) => at((i) => i.kind === 'metric' && (i.target = num(e.currentTarget.value)))} />
          </label>
          <label>
            <span>{t('reviews.editor.floor')}</span>
            <input
              type="number"
              step="any"
              data-testid="item-floor"
              placeholder={t('reviews.editor.floorDefault')}
              value={item.floor ?? ''}
              onInput={(e) => at((i) => i.kind === 'metric' && (i.floor = e.currentTarget.value.trim() === '' ? undefined : Number(e.currentTarget.value)))}
            />
          </label>
        </div>
      )}
      {(item.kind === 'goals' || item.kind === 'rating' || item.kind === 'text') && (
        <BilingualInput
          value={item.label}
          label={item.kind === 'goals' ? t('reviews.editor.labelOptional') : t('reviews.editor.question')}
          testId="item-label"
          onChange={(v) => at((i) => i.kind !== 'metric' && (i.label = v))}
        />
      )}
      <div class="form-row">
        {item.kind !== 'text' && (
          <label class="weight-input">
            <span>{t('reviews.editor.weight')}</span>
            <input type="number" min={0} max={100} step="any" data-testid="item-weight" value={item.weight} onInput={(e) => at((i) => i.kind !== 'text' && (i.weight = num(e.currentTarget.value) || 0))} />
          </label>
        )}
        {item.kind === 'rating' && (
          <>
            <label>
              <span>{t('reviews.editor.skill')}</span>
              <input data-testid="item-skill" maxLength={64} value={item.skill} onInput={(e) => at((i) => i.kind === 'rating' && (i.skill = e.currentTarget.value))} />
            </label>
            <label class="check">
              <input type="checkbox" data-testid="item-potential" checked={item.potential} onChange={(e) => at((i) => i.kind === 'rating' && (i.potential = e.currentTarget.checked))} />
              <span>{t('reviews.editor.potential')}</span>
            </label>
          </>
        )}
        {item.kind === 'text' && <p class="muted small">{t('reviews.editor.textNoWeight')}</p>}
      </div>
    </li>
  );
}
