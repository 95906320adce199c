/**
 * The 9-box: performance (the grade) × potential (the potential question), each high / medium / low. A grade in the
 * top quarter of the scale's ranks is high, down to the middle medium, the rest low: on S/A/B/C/D, S and A are high,
 * B medium, C and D low. Used by the calibration session (one cycle) and the talent 9-box over time.
 */
import { rankOf, type ScaleGrade } from './ratingScale';

export type NineBoxLevel = 'high' | 'medium' | 'low';
export const NINE_BOX_LEVELS: NineBoxLevel[] = ['high', 'medium', 'low'];

/** A grade's level on its scale; null without a grade or for a key the scale lacks. */
export function nineBoxLevel(scale: ScaleGrade[], grade: string | null | undefined): NineBoxLevel | null {
  if (!grade) return null;
  const rank = rankOf(scale, grade);
  if (rank >= scale.length) return null;
  const r = rank / Math.max(1, scale.length - 1);
  return r <= 0.25 ? 'high' : r <= 0.5 ? 'medium' : 'low';
}

/** A box as "performance:potential" ("high:medium"). */
export const boxKey = (performance: NineBoxLevel, potential: NineBoxLevel) => `${performance}:${potential}`;
