import { t } from '../../i18n';
import type { Bilingual } from '../../reviewShapes';

/** A text in Chinese and English, side by side (one of them is enough: it is used for both). */
export function BilingualInput({ value, label, testId, onChange }: { value: Bilingual; label: string; testId: string; onChange: (next: Bilingual) => void }) {
  return (
    <div class="bilingual" data-testid={testId}>
      <label>
        <span>{t('reviews.editor.inZh', { label })}</span>
        <input data-lang="zh-CN" maxLength={500} value={value['zh-CN']} onInput={(e) => onChange({ ...value, 'zh-CN': e.currentTarget.value })} />
      </label>
      <label>
        <span>{t('reviews.editor.inEn', { label })}</span>
        <input data-lang="en" maxLength={500} value={value.en} onInput={(e) => onChange({ ...value, en: e.currentTarget.value })} />
      </label>
    </div>
  );
}
