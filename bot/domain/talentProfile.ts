/**
 * The talent profile (issue 16): what several years of reviews, goals, standups and integrations say about one
 * person, as plain data. Computed by `bot/services/talent/talentProfiles.ts`; read by the profile page, the 9-box
 * over time, talent pools (their rules see it through `poolFigures`), and mentor matching (skills).
 *
 * Grades are compared as points: the scale's best grade is worth as many points as the scale has grades, the next one
 * less, … the lowest 1. On the source case's S/A/B/C/D scale: S = 5, A = 4, B = 3, C = 2, D = 1, so "A or above" is
 * `>= 4`, and a skill rated A on its question is 4.
 */
import { nineBoxLevel } from './nineBox';
import { rankOf, type ScaleGrade } from './ratingScale';

/** A grade as points on its own scale (best = scale.length … lowest = 1); null for a key the scale lacks. */
export function gradePoints(scale: ScaleGrade[], key: string | null | undefined): number | null {
  if (!key) return null;
  const rank = rankOf(scale, key);
  return rank >= scale.length ? null : scale.length - rank;
}

/** One released review of the person. */
export interface CycleResult {
  cycleId: number;
  cycleName: string;
  kind: 'monthly' | 'quarterly' | 'annual';
  periodStart: string;
  periodEnd: string;
  /** The final grade (after calibration and appeals). */
  grade: string;
  points: number;
  /** The grade the manager submitted, when calibration or an appeal changed it. */
  managerGrade: string | null;
  /** The template's potential question, as points (null when the template has none or it was not rated). */
  potential: number | null;
}

/** Scores of one skill (a rating question tagged with the skill), one per released review that rated it. */
export interface SkillHistory {
  skill: string;
  scores: { cycleId: number; periodEnd: string; points: number }[];
  latest: number;
  mean: number;
}

export interface TalentProfile {
  personId: number;
  /** Released results, oldest first. */
  results: CycleResult[];
  /** The annual results (kind 'annual'), oldest first: what "A or above for 3 years" reads. */
  years: { year: number; cycleId: number; grade: string; points: number }[];
  /** Goal attainment per goal period (0–1, weighted like reviews), its mean and variance across periods. */
  goals: { periods: { period: string; attainment: number }[]; mean: number | null; variance: number | null };
  /** Share of standup answers and goal check-ins given on time over the profile's window (null: none asked). */
  onTimeRate: number | null;
  /** Cross-team collaboration: goals shared with other departments, and distinct integration projects worked in. */
  collaboration: { sharedGoals: number; projects: number };
  /** By skill name (系统设计, 技术文档…). */
  skills: SkillHistory[];
  /** The latest potential rating, as points. */
  potential: number | null;
}

/** A goal period as people say it: "2024" (a calendar year), "2024-Q2", "2024-05", else "2024-02-15…2024-06-30". */
export function periodLabel(start: string, end: string): string {
  const year = start.slice(0, 4);
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [ey, em, ed] = end.split('-').map(Number);
  const endsMonth = ed === lastDay(ey, em);
  if (start.slice(8) === '01' && endsMonth && year === end.slice(0, 4)) {
    const sm = Number(start.slice(5, 7));
    if (sm === 1 && em === 12) return year;
    if (sm === em) return start.slice(0, 7);
    if (em - sm === 2 && (sm - 1) % 3 === 0) return `${year}-Q${(sm - 1) / 3 + 1}`;
  }
  return `${start}…${end}`;
}

/** One goal as attainment reads it. */
export interface AttainmentGoal {
  periodStart: string;
  periodEnd: string;
  weight: number;
  /** Progress 0–1 (already capped, as reviews' goal figure). */
  progress: number;
}

/**
 * Goal attainment per goal period: the weighted mean of the goals' progress (each capped at 1, weights below 0 as 0,
 * zero total weight → plain mean), periods oldest first; the mean of the periods and their (population) variance —
 * how steady the person was. Null mean and variance without periods; variance 0 with one.
 */
export function goalAttainment(goals: readonly AttainmentGoal[]): TalentProfile['goals'] {
  const byPeriod = new Map<string, { end: string; w: number; sum: number; n: number; plain: number }>();
  for (const g of goals) {
    const key = periodLabel(g.periodStart, g.periodEnd);
    const p = byPeriod.get(key) ?? { end: g.periodEnd, w: 0, sum: 0, n: 0, plain: 0 };
    const progress = Math.min(1, Math.max(0, g.progress));
    const w = Math.max(0, g.weight);
    p.w += w;
    p.sum += w * progress;
    p.n++;
    p.plain += progress;
    byPeriod.set(key, p);
  }
  const periods = [...byPeriod.entries()]
    .sort((a, b) => a[1].end.localeCompare(b[1].end) || a[0].localeCompare(b[0]))
    .map(([period, p]) => ({ period, attainment: round3(p.w === 0 ? p.plain / p.n : p.sum / p.w) }));
  if (periods.length === 0) return { periods, mean: null, variance: null };
  const mean = periods.reduce((s, p) => s + p.attainment, 0) / periods.length;
  const variance = periods.reduce((s, p) => s + (p.attainment - mean) ** 2, 0) / periods.length;
  return { periods, mean: round3(mean), variance: round6(variance) };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

/**
 * The project a work item belongs to: a Jira issue key's project ("INFRA-12" → "INFRA"), a TAPD item's workspace
 * (from the record the source sent); null when it cannot be told.
 */
export function projectOf(connector: string, ref: string, workspaceId: string | number | null | undefined): string | null {
  if (connector === 'jira') {
    const key = ref.replace(/^jira:/, '');
    const dash = key.lastIndexOf('-');
    return dash > 0 ? `jira:${key.slice(0, dash)}` : null;
  }
  if (connector === 'tapd') return workspaceId == null || workspaceId === '' ? null : `tapd:${workspaceId}`;
  return null;
}

/**
 * Whether a goal's department is another department than the person's: neither the same, nor above it, nor
 * below it (a team's goal under its own division's goal is the team's own line, not shared work). Paths like
 * "研发中心/基础架构组".
 */
export function otherDepartment(personPath: string | null, goalPath: string | null): boolean {
  if (!personPath || !goalPath) return false;
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  return !within(personPath, goalPath) && !within(goalPath, personPath);
}

/** The grade a number of points stands for on a scale ("A" for 4 on S/A/B/C/D); null off the scale. */
export function gradeOfPoints(scale: ScaleGrade[], points: number | null | undefined): string | null {
  if (points == null) return null;
  const i = scale.length - Math.round(points);
  return i >= 0 && i < scale.length ? scale[i].key : null;
}

/** A translator as bot/i18n gives it: the locale's string for a key, {{placeholders}} filled. */
export type Translate = (locale: 'zh-CN' | 'en', key: string, params?: Record<string, string | number>) => string;

/**
 * The profile explained item by item, one line each, in the reader's language: annual grades, calibration changes,
 * goal attainment and its steadiness, on-time updates, collaboration, each skill (mean, and the latest as a grade),
 * potential. Pure: the strings come from `text` (talent.explain.* in locales/<locale>/talent.json).
 */
export function explainProfile(profile: TalentProfile, scale: ScaleGrade[], locale: 'zh-CN' | 'en', text: Translate): string[] {
  const list = (items: string[]) => items.join(locale === 'zh-CN' ? '、' : ', ');
  const pct = (n: number) => Math.round(n * 100);
  const lines: string[] = [];
  lines.push(
    profile.years.length
      ? text(locale, 'talent.explain.years', { list: list(profile.years.map((y) => `${y.year} ${y.grade}`)) })
      : text(locale, 'talent.explain.noYears'),
  );
  const changed = profile.results.filter((r) => r.managerGrade !== null);
  if (changed.length) lines.push(text(locale, 'talent.explain.calibrated', { list: list(changed.map((r) => `${r.cycleName} ${r.managerGrade} → ${r.grade}`)) }));
  const g = profile.goals;
  lines.push(
    g.mean === null
      ? text(locale, 'talent.explain.noGoals')
      : text(locale, 'talent.explain.goals', {
          mean: pct(g.mean),
          list: list(g.periods.map((p) => `${p.period} ${pct(p.attainment)}%`)),
          spread: Math.round(Math.sqrt(g.variance ?? 0) * 1000) / 10,
        }),
  );
  lines.push(profile.onTimeRate === null ? text(locale, 'talent.explain.noOnTime') : text(locale, 'talent.explain.onTime', { rate: pct(profile.onTimeRate) }));
  lines.push(text(locale, 'talent.explain.collaboration', { goals: profile.collaboration.sharedGoals, projects: profile.collaboration.projects }));
  for (const s of profile.skills) {
    lines.push(text(locale, 'talent.explain.skill', { skill: s.skill, mean: s.mean, latest: gradeOfPoints(scale, s.latest) ?? String(s.latest), n: s.scores.length }));
  }
  if (!profile.skills.length) lines.push(text(locale, 'talent.explain.noSkills'));
  const potential = gradeOfPoints(scale, profile.potential);
  const level = nineBoxLevel(scale, potential);
  lines.push(potential && level ? text(locale, 'talent.explain.potential', { grade: potential, level: text(locale, `talent.level.${level}`) }) : text(locale, 'talent.explain.noPotential'));
  return lines;
}
