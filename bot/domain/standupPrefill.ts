/** The standup's first question prefilled from what connected systems recorded this week: pure wording rules. */

/** Replies that take the prefill as the answer to question 1, in either language. */
const CONFIRM_WORDS = new Set(['好', '好的', '确认', '对', '是', '没问题', 'ok', 'okay', 'confirm', 'yes', 'y']);

/** "好" / "OK." / "确认！" confirm the prefill; anything else is the person's own answer. */
export function isConfirmation(text: string): boolean {
  const normalised = text.trim().toLowerCase().replace(/[.!。！~，,]+$/u, '');
  return CONFIRM_WORDS.has(normalised);
}

export interface PrefillFigure {
  label: string;
  value: number;
  unit: string;
  /** "ratio" values (0–1) read as percentages. */
  ratio: boolean;
  source: string;
}

/** A figure as people read it: 0.92 of a ratio → "92%", 12.5 → "12.5", 5 → "5". */
export function prefillValue(f: Pick<PrefillFigure, 'value' | 'ratio'>): string {
  if (f.ratio) return `${Math.round(f.value * 1000) / 10}%`;
  return String(Math.round(f.value * 100) / 100);
}
