import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import { edit, move, newItem, sectionSum, type EditItem, type EditSection } from '../../store/templateDraft';
import { BilingualInput } from './BilingualInput';
import { ItemEditor } from './ItemEditor';
import { MoveButtons } from './MoveButtons';
import { WeightSum } from './WeightSum';

const KINDS: EditItem['kind'][] = ['metric', 'goals', 'rating', 'text'];

/** One section: its title, its weight in the total, its items (whose weights make 100, text items aside). */
export function SectionEditor({ section, index, count }: { section: EditSection; index: number; count: number }) {
  const kind = useSignal<EditItem['kind']>('metric');
  const at = (change: (s: EditSection) => void) => edit((b) => change(b.sections[index]));
  const what = t('reviews.editor.sectionN', { n: index + 1 });
  return (
    <fieldset class="template-section" data-testid="template-section" data-index={index}>
      <legend>
        {what}
        <MoveButtons index={index} count={count} what={what} onMove={(by) => edit((b) => move(b.sections, index, by))} onRemove={() => edit((b) => b.sections.splice(index, 1))} />
      </legend>
      <BilingualInput value={section.title} label={t('reviews.editor.sectionTitle')} testId="section-title" onChange={(v) => at((s) => (s.title = v))} />
      <div class="weight-head">
        <label class="weight-input">
          <span>{t('reviews.editor.sectionWeight')}</span>
          <input type="number" min={0} max={100} step="any" data-testid="section-weight" value={section.weight} onInput={(e) => at((s) => (s.weight = Number(e.currentTarget.value) || 0))} />
        </label>
        <WeightSum sum={sectionSum(section)} testId="section-sum" label={t('reviews.editor.itemsSum')} />
      </div>
      <ol class="template-items">
        {section.items.map((item, ii) => (
          <ItemEditor key={ii} item={item} section={index} index={ii} count={section.items.length} />
        ))}
      </ol>
      <div class="form-actions">
        <select data-testid="item-kind" aria-label={t('reviews.editor.itemKind')} value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as EditItem['kind'])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`reviews.item.${k}`)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="item-add" onClick={() => at((s) => s.items.push(newItem(kind.value)))}>
          {t('reviews.editor.addItem')}
        </button>
      </div>
    </fieldset>
  );
}
