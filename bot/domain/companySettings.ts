import { z } from 'zod';

/**
 * The settings an admin edits in the console (stored in app_settings), their shape and every rule a value must
 * keep. Pure: department paths are checked against the directory by the use case.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().refine((v) => HHMM.test(v), { params: { code: 'time' }, message: 'must be a time HH:MM' });
const weekday = z.number().int().min(1).max(7);
const text = (max: number) => z.string().trim().min(1).max(max);

export const questionSchema = z.strictObject({ 'zh-CN': text(300), en: text(300), blocker: z.boolean().optional() });

/** A question list: 1 to 10 questions, at most one of them the blocker question. */
const questions = z
  .array(questionSchema)
  .min(1)
  .max(10)
  .refine((qs) => qs.filter((q) => q.blocker).length <= 1, { params: { code: 'one_blocker' }, message: 'at most one question may be the blocker question' });

const channel = z.string().trim().min(1).max(80).refine((v) => !/\s/.test(v), { params: { code: 'channel' }, message: 'a channel name or id, without spaces' });

export const standupSchema = z.strictObject({
  enabled: z.boolean(),
  questions,
  weekday,
  promptTime: time,
  reminderTime: time,
  closeWeekday: weekday,
  closeTime: time,
  /** Where a closed round's answers also go in one Slack thread; null: nowhere. */
  digestChannel: channel.nullable(),
});

/** A department's own standup: every field it leaves out comes from the company's. */
export const standupOverrideSchema = z.strictObject({
  department: text(500),
  enabled: z.boolean().optional(),
  questions: questions.optional(),
  weekday: weekday.optional(),
  promptTime: time.optional(),
  reminderTime: time.optional(),
  digestChannel: channel.nullable().optional(),
});

export const companySettingsSchema = z.strictObject({
  standup: standupSchema,
  standupOverrides: z
    .array(standupOverrideSchema)
    .max(200)
    .refine((list) => new Set(list.map((o) => o.department)).size === list.length, { params: { code: 'duplicate_department' }, message: 'a department has at most one override' }),
  points: z.strictObject({
    standupOnTime: z.number().int().min(0).max(1000),
    checkinOnTime: z.number().int().min(0).max(1000),
    /** A development path's milestone check-in on time (its own ledger kind); absent: DEVELOPMENT_DEFAULTS. */
    developmentCheckin: z.number().int().min(0).max(1000).optional(),
  }),
  leaderboard: z.strictObject({ time, topPercent: z.number().min(1).max(100), announceChannel: channel }),
  reviews: z.strictObject({
    openTime: time,
    managerLeadDays: z.number().int().min(0).max(20),
    remindAfterDays: z.number().int().min(1).max(20),
    /** Days after release a person may appeal (0: no appeals), and working days HR has to answer. */
    appealDays: z.number().int().min(0).max(90),
    appealResponseDays: z.number().int().min(1).max(60),
  }),
  /**
   * Mentor matching (issue 16): at most `capacity` active mentees per mentor; `separateLine`: a mentor is never in the
   * mentee's manager chain nor below the mentee. Absent: DEVELOPMENT_DEFAULTS.
   */
  mentoring: z.strictObject({ capacity: z.number().int().min(1).max(20), separateLine: z.boolean() }).optional(),
  /** The rhythm runs only for these departments and below; null: for everyone. */
  pilot: z.strictObject({ departments: z.array(text(500)).min(1).max(200).nullable() }),
  /** Talent (issue 16): whether people see their own talent profile (HR and their manager chain always do). */
  talent: z.strictObject({ profileVisibleToSelf: z.boolean() }),
});

export type CompanySettings = z.infer<typeof companySettingsSchema>;

/** Development paths and mentoring when the stored settings say nothing (an older row, a test's settings). */
export const DEVELOPMENT_DEFAULTS = { developmentCheckin: 5, mentoring: { capacity: 3, separateLine: true } } as const;
export type StandupOverride = z.infer<typeof standupOverrideSchema>;

/** A change: any section, and within the standup, points, leaderboard, reviews and talent any field. */
export const settingsPatchSchema = z.strictObject({
  standup: standupSchema.partial().optional(),
  standupOverrides: companySettingsSchema.shape.standupOverrides.optional(),
  points: companySettingsSchema.shape.points.partial().optional(),
  leaderboard: companySettingsSchema.shape.leaderboard.partial().optional(),
  reviews: companySettingsSchema.shape.reviews.partial().optional(),
  mentoring: companySettingsSchema.shape.mentoring.unwrap().partial().optional(),
  pilot: companySettingsSchema.shape.pilot.optional(),
  talent: companySettingsSchema.shape.talent.partial().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings after a change (not yet checked): sections merged field by field, lists replaced whole. */
export function applyPatch(current: CompanySettings, patch: SettingsPatch): unknown {
  return {
    standup: { ...current.standup, ...patch.standup },
    standupOverrides: patch.standupOverrides ?? current.standupOverrides,
    points: { ...current.points, ...patch.points },
    leaderboard: { ...current.leaderboard, ...patch.leaderboard },
    reviews: { ...current.reviews, ...patch.reviews },
    mentoring: { ...DEVELOPMENT_DEFAULTS.mentoring, ...current.mentoring, ...patch.mentoring },
    pilot: patch.pilot ?? current.pilot,
    talent: { ...current.talent, ...patch.talent },
  };
}

/** The department paths a settings value names (overrides and pilot), to check against the directory. */
export function departmentsNamed(settings: CompanySettings): { field: string; path: string }[] {
  return [
    ...settings.standupOverrides.map((o, i) => ({ field: `standupOverrides.${i}.department`, path: o.department })),
    ...(settings.pilot.departments ?? []).map((path, i) => ({ field: `pilot.departments.${i}`, path })),
  ];
}

/**
 * The override that applies to a department: the one of the department itself or of its nearest ancestor
 * (the longest path that is the department's or a prefix of it); undefined: the company's standup.
 */
export function overrideFor(overrides: StandupOverride[], departmentPath: string | null): StandupOverride | undefined {
  if (!departmentPath) return undefined;
  let best: StandupOverride | undefined;
  for (const o of overrides) {
    if ((departmentPath === o.department || departmentPath.startsWith(`${o.department}/`)) && (!best || o.department.length > best.department.length)) best = o;
  }
  return best;
}

/** Is a department (by path) inside the pilot scope? A person with no department is in only when there is no pilot. */
export function inPilotScope(pilot: string[] | null, departmentPath: string | null): boolean {
  if (!pilot) return true;
  return departmentPath !== null && pilot.some((root) => departmentPath === root || departmentPath.startsWith(`${root}/`));
}
