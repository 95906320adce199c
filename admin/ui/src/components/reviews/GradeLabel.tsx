import { locale } from '../../i18n';
import type { ScaleGrade } from '../../reviewShapes';
import { ratingScale } from '../../store/reviewCatalogue';

/** A grade with its name on the scale: "B 良好" (the review's own scale when given, else the current one). */
export function GradeLabel({ grade, scale }: { grade: string; scale?: ScaleGrade[] }) {
  const found = (scale ?? ratingScale.data.value ?? []).find((g) => g.key === grade);
  return (
    <span class="grade" data-grade={grade}>
      <strong>{grade}</strong>
      {found ? ` ${found.label[locale.value]}` : ''}
    </span>
  );
}
