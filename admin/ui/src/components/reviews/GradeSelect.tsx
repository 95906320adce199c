import { locale, t } from '../../i18n';
import type { ScaleGrade } from '../../reviewShapes';

/** A grade of the review's scale (best first). */
export function GradeSelect({ scale, value, testId, label, onChange }: { scale: ScaleGrade[]; value: string; testId: string; label: string; onChange: (grade: string) => void }) {
  return (
    <label>
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('reviews.pickGrade')}</option>
        {scale.map((g) => (
          <option key={g.key} value={g.key}>
            {`${g.key} · ${g.label[locale.value]}`}
          </option>
        ))}
      </select>
    </label>
  );
}
