import { locale, t } from './i18n';
import type { LocalText, ReviewDraft, TemplateItem } from './reviewShapes';

/** A template text in the console's language. */
export const localText = (text: LocalText | undefined | null): string =>
  !text ? '' : typeof text === 'string' ? text : text[locale.value] || text['zh-CN'] || text.en;

/** The template item an item id (`s0i2`) names. */
export function templateItem(draft: Pick<ReviewDraft, 'template'>, id: string): TemplateItem | undefined {
  const m = /^s(\d+)i(\d+)$/.exec(id);
  return m ? draft.template.body.sections[Number(m[1])]?.items[Number(m[2])] : undefined;
}

/** How an item reads: its label, its metric, or "Goals". */
export function itemText(draft: Pick<ReviewDraft, 'template' | 'metrics'>, id: string, label?: LocalText): string {
  if (label) return localText(label);
  const item = templateItem(draft, id);
  if (!item) return id;
  if (item.kind === 'metric') return localText(draft.metrics.find((m) => m.metric === item.metric)?.label) || item.metric;
  if (item.kind === 'goals') return localText(item.label) || t('reviews.item.goals');
  return localText(item.label);
}
