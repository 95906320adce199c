import { z } from 'zod';
import { addLocalDays } from './localTime';

export const PATH_KINDS = ['rotation', 'project', 'course', 'mentorship', 'other'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/** One milestone of a path: its title (both languages), days from the start, a note (stored like this). */
export interface PathMilestone {
  title: { 'zh-CN': string; en: string };
  offsetDays: number;
  description: string | null;
}

/**
 * Development path templates (issue 16): the shape HR edits and every rule it must keep. Pure. A milestone's title is
 * one text (used for both languages) or `{ "zh-CN", "en" }`; its day offset is from the path's start and within the
 * path's duration; offsets strictly increase, so milestones are in order and no two fall on one day.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const title = z.union([text(200), z.strictObject({ 'zh-CN': text(200), en: text(200) })]);

export const milestoneSchema = z.strictObject({
  title,
  offsetDays: z.number().int().min(1).max(3660),
  description: z.string().trim().max(2000).nullish(),
});

export const pathTemplateSchema = z
  .strictObject({
    name: text(120),
    kind: z.enum(PATH_KINDS),
    description: z.string().trim().max(4000).nullish(),
    durationWeeks: z.number().int().min(1).max(520),
    milestones: z.array(milestoneSchema).min(1).max(30),
    archived: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    p.milestones.forEach((m, i) => {
      if (m.offsetDays > p.durationWeeks * 7) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'offsetDays'], params: { code: 'beyond_duration', maximum: p.durationWeeks * 7 }, message: `must be within the path's ${p.durationWeeks * 7} days` });
      }
      if (i > 0 && m.offsetDays <= p.milestones[i - 1].offsetDays) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'offsetDays'], params: { code: 'not_after_previous' }, message: 'must come after the previous milestone' });
      }
    });
  });

export type PathTemplateInput = z.infer<typeof pathTemplateSchema>;

/** A milestone as stored: both languages, a description or null. */
export function normaliseMilestone(m: z.infer<typeof milestoneSchema>): PathMilestone {
  const both = typeof m.title === 'string' ? { 'zh-CN': m.title, en: m.title } : m.title;
  return { title: both, offsetDays: m.offsetDays, description: m.description ?? null };
}

/** Each milestone's due date from a start date, and the path's end (start + duration). */
export function milestoneDates(startDate: string, durationWeeks: number, milestones: PathMilestone[]): { due: string[]; endDate: string } {
  return { due: milestones.map((m) => addLocalDays(startDate, m.offsetDays)), endDate: addLocalDays(startDate, durationWeeks * 7) };
}

/** Share (0–1) of milestones done, rounded to 3 places; null for none. */
export function completionOf(done: number, total: number): number | null {
  return total === 0 ? null : Math.round((done / total) * 1000) / 1000;
}
