import { z } from 'zod';

/** Text HR writes once per language, or once for both. */
const text = z.union([z.string().trim().min(1).max(500), z.strictObject({ 'zh-CN': z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) })]);
export type LocalText = z.infer<typeof text>;

const weight = z.number().min(0).max(100);
const metricItem = z.strictObject({
  kind: z.literal('metric'),
  metric: z.string().min(1).max(64),
  /** The value that earns full marks. */
  target: z.number(),
  /** The value that earns nothing (default: 0 when higher is better, twice the target when lower is). */
  floor: z.number().optional(),
  weight,
});
const goalsItem = z.strictObject({ kind: z.literal('goals'), weight, label: text.optional() });
const ratingItem = z.strictObject({
  kind: z.literal('rating'),
  label: text,
  weight,
  /** Feeds the talent 9-box as the potential axis. */
  potential: z.boolean().optional(),
  /** A skill this question measures (系统设计, 技术文档…), for talent profiles. */
  skill: z.string().trim().min(1).max(64).optional(),
});
const textItem = z.strictObject({ kind: z.literal('text'), label: text });
export const templateItem = z.discriminatedUnion('kind', [metricItem, goalsItem, ratingItem, textItem]);
export type TemplateItem = z.infer<typeof templateItem>;

export const RULE_EFFECTS = ['cap', 'floor', 'flag'] as const;
export const templateRule = z.strictObject({
  when: z.string().trim().min(1).max(500),
  effect: z.enum(RULE_EFFECTS),
  grade: z.string().min(1).max(8).optional(),
  flag: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a flag is lowercase words joined by "-", e.g. needs-improvement').optional(),
  reason: text,
});
export type TemplateRule = z.infer<typeof templateRule>;

export const templateSection = z.strictObject({ title: text, weight, items: z.array(templateItem).min(1).max(40) });
export type TemplateSection = z.infer<typeof templateSection>;

/** A template as HR saves it (POST /api/review-templates). */
export const templateBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  jobFunction: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'a job function is a lowercase slug such as sales or default'),
  sections: z.array(templateSection).min(1).max(20),
  rules: z.array(templateRule).max(50).default([]),
});
export type TemplateBody = z.infer<typeof templateBody>;

/** A stable id for an item inside a version: section and item index ("s0i2"); ratings are stored under it. */
export function itemId(section: number, item: number): string {
  return `s${section}i${item}`;
}

/** Text in the reader's language. */
export function localText(t: LocalText | undefined, locale: 'zh-CN' | 'en'): string {
  if (t === undefined) return '';
  return typeof t === 'string' ? t : t[locale];
}
