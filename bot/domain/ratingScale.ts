/** A grade of the rating scale, best first: its key, labels, and the lowest weighted total (0–100) that earns it. */
export interface ScaleGrade {
  key: string;
  label: { 'zh-CN': string; en: string };
  min: number;
}

/** The source case's scale: S/A/B/C/D on the 0–100 weighted total. */
export const DEFAULT_SCALE: ScaleGrade[] = [
  { key: 'S', label: { 'zh-CN': '卓越', en: 'Outstanding' }, min: 90 },
  { key: 'A', label: { 'zh-CN': '优秀', en: 'Exceeds' }, min: 80 },
  { key: 'B', label: { 'zh-CN': '良好', en: 'Meets' }, min: 65 },
  { key: 'C', label: { 'zh-CN': '待改进', en: 'Partly meets' }, min: 50 },
  { key: 'D', label: { 'zh-CN': '不合格', en: 'Below' }, min: 0 },
];

/** Problems with a scale (keys unique, bands strictly falling, the last starting at 0), or none. */
export function scaleProblems(grades: ScaleGrade[]): string[] {
  const problems: string[] = [];
  if (grades.length < 2) problems.push('a scale needs at least two grades');
  const keys = new Set<string>();
  grades.forEach((g, i) => {
    if (keys.has(g.key)) problems.push(`grade ${g.key} appears twice`);
    keys.add(g.key);
    if (i > 0 && g.min >= grades[i - 1].min) problems.push(`grade ${g.key} must start below ${grades[i - 1].key} (${grades[i - 1].min})`);
  });
  if (grades.length && grades.at(-1)!.min !== 0) problems.push(`the last grade (${grades.at(-1)!.key}) must start at 0`);
  return problems;
}

/** The grade whose band holds the total. */
export function gradeFor(scale: ScaleGrade[], total: number): string {
  return (scale.find((g) => total >= g.min) ?? scale.at(-1)!).key;
}

/** Position of a grade: 0 is the best. Unknown grades rank below all. */
export function rankOf(scale: ScaleGrade[], key: string): number {
  const i = scale.findIndex((g) => g.key === key);
  return i < 0 ? scale.length : i;
}

/** Is `a` better than `b`? */
export function better(scale: ScaleGrade[], a: string, b: string): boolean {
  return rankOf(scale, a) < rankOf(scale, b);
}

/** The score a manager's grade on a rating question is worth: the middle of its band. */
export function gradeScore(scale: ScaleGrade[], key: string): number {
  const i = rankOf(scale, key);
  if (i >= scale.length) return 0;
  const top = i === 0 ? 100 : scale[i - 1].min;
  return (scale[i].min + top) / 2;
}
