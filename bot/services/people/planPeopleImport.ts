import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';
import type { LineProblem } from '../../errors';
import type { PersonRow } from './readPeopleCsv';

export interface ImportOptions {
  /** People active in the directory but not in the file are deactivated (the file is the whole company). */
  deactivateMissing?: boolean;
}

export interface PlannedCreate {
  line: number;
  email: string;
  name: string;
  department: string;
  managerEmail: string | null;
}

export interface PlannedUpdate {
  line: number;
  email: string;
  name: string;
  /** field → [before, after], only the fields that change. */
  changes: Record<string, [unknown, unknown]>;
}

export interface PlannedDeactivation {
  email: string;
  name: string;
  department: string | null;
}

export interface ImportPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: number;
  deactivations: PlannedDeactivation[];
  /** A digest of what the plan does: confirming with it refuses to write if the directory moved on since. */
  planId: string;
}

interface Current {
  id: number;
  email: string;
  employeeNo: string;
  name: string;
  department: string | null;
  managerEmail: string | null;
  jobFunction: string;
  timezone: string;
  locale: string;
  role: string;
  active: number;
}

type Defaults = { timezone: string; locale: string };

/**
 * What importing these (well-formed) rows would do to the directory, computed without writing: who is created,
 * who changes and how (the fields the import writes, with the same defaults it applies; a chat id left empty keeps
 * the stored one), who stays as they are, and — when the file is the whole company — who would be deactivated.
 * Three reads of the directory whatever the file's size. The import applies the same plan.
 */
export function planPeopleImport(db: Db, rows: PersonRow[], defaults: Defaults, options: ImportOptions = {}): ImportPlan {
  const c = db.$client;
  const current = new Map(
    c
      .prepare<[], Current>(
        `select p.id, p.email, p.employee_no as employeeNo, p.name, d.path as department, m.email as managerEmail, p.job_function as jobFunction,
           p.timezone, p.locale, p.role, p.active
         from people p left join departments d on d.id = p.department_id left join people m on m.id = p.manager_id`,
      )
      .all()
      .map((p) => [p.email, p]),
  );
  const chatIds = new Map(c.prepare<[], { personId: number; platform: string; externalId: string }>('select person_id as personId, platform, external_id as externalId from identities').all().map((i) => [`${i.personId}:${i.platform}`, i.externalId]));

  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const now = current.get(r.email);
    const wanted = {
      employeeNo: r.employee_no, name: r.name, department: r.department, managerEmail: r.manager_email || null,
      jobFunction: r.job_function || 'general', timezone: r.timezone || defaults.timezone, locale: r.locale || defaults.locale, role: r.role || 'employee',
    };
    if (!now) {
      creates.push({ line: r.line, email: r.email, name: r.name, department: r.department, managerEmail: wanted.managerEmail });
      continue;
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of Object.keys(wanted) as (keyof typeof wanted)[]) if (wanted[key] !== now[key]) changes[key] = [now[key], wanted[key]];
    if (!now.active) changes.active = [false, true];
    for (const [platform, value, key] of [['slack', r.slack_user_id, 'slackUserId'], ['wecom', r.wecom_userid, 'wecomUserid']] as const) {
      const stored = chatIds.get(`${now.id}:${platform}`) ?? null;
      if (value && value !== stored) changes[key] = [stored, value];
    }
    if (Object.keys(changes).length) updates.push({ line: r.line, email: r.email, name: r.name, changes });
    else unchanged++;
  }

  const inFile = new Set(rows.map((r) => r.email));
  const deactivations = options.deactivateMissing
    ? [...current.values()].filter((p) => p.active && !inFile.has(p.email)).map((p) => ({ email: p.email, name: p.name, department: p.department }))
    : [];
  const planId = createHash('sha256').update(JSON.stringify([creates, updates, deactivations])).digest('hex').slice(0, 32);
  return { creates, updates, unchanged, deactivations, planId };
}

/** The people a plan deactivates, by e-mail: inactive from now on, never deleted. */
export function applyDeactivations(db: Db, plan: Pick<ImportPlan, 'deactivations'>, at: string): number {
  const deactivate = db.$client.prepare('update people set active = 0, updated_at = ? where email = ? and active = 1');
  let n = 0;
  for (const d of plan.deactivations) n += deactivate.run(at, d.email).changes;
  return n;
}

/** Problems as the preview lists them: by line, then the file's order. */
export function sortedProblems(problems: LineProblem[]): LineProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
