import { z } from 'zod';
import { inTransaction } from '../../../db/client';
import { isValidTimeZone } from '../../config';
import { AppError } from '../../errors';
import { appendAudit } from '../audit';
import type { Access } from '../auth/policy';
import { forbidden } from '../auth/policy';
import type { ServiceDeps } from '../context';
import { ensureDepartments, recomputeDepartmentLeaders } from './departments';

/** What HR and admins may change on a person; the same rules as the people CSV. `active: true` reactivates. */
export const personEdit = z
  .strictObject({
    employeeNo: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    department: z.string().trim().min(1).max(500),
    managerEmail: z.string().trim().toLowerCase().pipe(z.email()).nullable(),
    jobFunction: z.string().trim().min(1).max(64).regex(/^[a-z0-9_-]+$/, 'must be a lowercase slug such as rnd or sales'),
    timezone: z.string().trim().refine(isValidTimeZone, 'is not an IANA time zone'),
    locale: z.enum(['zh-CN', 'en']),
    role: z.enum(['employee', 'manager', 'hr', 'admin']),
    slackUserId: z.string().trim().regex(/^[UW][A-Z0-9]{2,}$/, 'must look like U0123ABCD').nullable(),
    wecomUserid: z.string().trim().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be 1-64 letters, digits or _ . @ -').nullable(),
    active: z.literal(true),
    reason: z.string().trim().max(500),
  })
  .partial();

export type PersonEdit = z.infer<typeof personEdit>;

interface Snapshot {
  employeeNo: string;
  name: string;
  department: string | null;
  managerEmail: string | null;
  jobFunction: string;
  timezone: string;
  locale: string;
  role: string;
  slackUserId: string | null;
  wecomUserid: string | null;
  active: boolean;
}

/** A person's editable fields as they stand (the before/after of the audit). */
export function personSnapshot(deps: ServiceDeps, personId: number): Snapshot | undefined {
  const row = deps.db.$client
    .prepare<[number], Omit<Snapshot, 'active'> & { active: number }>(
      `select p.employee_no as employeeNo, p.name, d.path as department, m.email as managerEmail, p.job_function as jobFunction, p.timezone, p.locale, p.role, p.active,
         (select external_id from identities where person_id = p.id and platform = 'slack') as slackUserId,
         (select external_id from identities where person_id = p.id and platform = 'wecom') as wecomUserid
       from people p left join departments d on d.id = p.department_id left join people m on m.id = p.manager_id where p.id = ?`,
    )
    .get(personId);
  return row && { ...row, active: Boolean(row.active) };
}

const conflict = (code: string, message: string, field: string) => new AppError(code, message, { status: 409, details: [{ field, message }] });

/**
 * Changes a person (HR, admin): only the fields given; refuses a taken employee number or chat id, an unknown
 * or inactive manager and a manager chain that would loop, listing the field. Making someone admin, or changing an
 * admin, is for admins only. One transaction with the audit entry (before/after of the fields that changed).
 */
export function updatePerson(deps: ServiceDeps, access: Access, actor: string, personId: number, input: PersonEdit) {
  return inTransaction(deps.db, () => {
    const before = personSnapshot(deps, personId);
    if (!before) throw new AppError('not_found', 'No such person.', { status: 404 });
    if ((before.role === 'admin' || input.role === 'admin') && access.user.role !== 'admin') throw forbidden('Only an admin may change an admin or make someone admin.');
    const c = deps.db.$client;
    const at = deps.now().toISOString();
    const sets: Record<string, unknown> = {};

    if (input.employeeNo !== undefined && input.employeeNo !== before.employeeNo) {
      const owner = c.prepare<[string, number], { email: string }>('select email from people where employee_no = ? and id != ?').get(input.employeeNo, personId);
      if (owner) throw conflict('employee_no_taken', `Employee number ${input.employeeNo} belongs to ${owner.email}.`, 'employeeNo');
      sets.employee_no = input.employeeNo;
    }
    if (input.managerEmail !== undefined && input.managerEmail !== before.managerEmail) {
      sets.manager_id = input.managerEmail === null ? null : managerIdFor(deps, personId, input.managerEmail);
    }
    if (input.department !== undefined && input.department !== before.department) sets.department_id = ensureDepartments(deps.db, [input.department]).get(input.department)!;
    for (const [key, column] of [['name', 'name'], ['jobFunction', 'job_function'], ['timezone', 'timezone'], ['locale', 'locale'], ['role', 'role']] as const) {
      if (input[key] !== undefined && input[key] !== before[key]) sets[column] = input[key];
    }
    if (input.active && !before.active) sets.active = 1;
    if (Object.keys(sets).length) {
      const columns = Object.keys(sets);
      c.prepare(`update people set ${columns.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @at where id = @id`).run({ ...sets, at, id: personId });
    }
    for (const [platform, key] of [['slack', 'slackUserId'], ['wecom', 'wecomUserid']] as const) {
      const value = input[key];
      if (value === undefined || value === before[key]) continue;
      if (value === null) {
        c.prepare('delete from identities where person_id = ? and platform = ?').run(personId, platform);
        continue;
      }
      const holder = c.prepare<[string, string, number], { email: string }>(
        'select p.email from identities i join people p on p.id = i.person_id where i.platform = ? and i.external_id = ? and i.person_id != ?',
      ).get(platform, value, personId);
      if (holder) throw conflict('identity_taken', `${platform} id ${value} belongs to ${holder.email}.`, key);
      c.prepare('insert into identities (person_id, platform, external_id) values (?, ?, ?) on conflict (person_id, platform) do update set external_id = excluded.external_id').run(personId, platform, value);
    }

    const after = personSnapshot(deps, personId)!;
    const changed = (Object.keys(after) as (keyof Snapshot)[]).filter((k) => after[k] !== before[k]);
    if (changed.length) {
      if ('manager_id' in sets || 'department_id' in sets || 'active' in sets) recomputeDepartmentLeaders(deps.db);
      appendAudit(deps.db, {
        actor, action: before.active || !after.active ? 'person.update' : 'person.reactivate', entity: 'person', entityId: personId,
        before: { personId, ...Object.fromEntries(changed.map((k) => [k, before[k]])) },
        after: { personId, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
        reason: input.reason || undefined,
      }, deps.now());
    }
    return { person: after, changed };
  });
}

/** The manager's id: an active person other than this one, whose own chain does not lead back to this one. */
function managerIdFor(deps: ServiceDeps, personId: number, email: string): number {
  const c = deps.db.$client;
  const manager = c.prepare<[string], { id: number; active: number }>('select id, active from people where email = ?').get(email);
  if (!manager || !manager.active) throw new AppError('unknown_manager', `No active person with e-mail ${email}.`, { status: 400, details: [{ field: 'managerEmail', message: `no active person ${email}` }] });
  const loops = c
    .prepare<[number, number], { id: number }>(
      `with recursive up(id, depth) as (select ?, 0 union all select p.manager_id, up.depth + 1 from people p join up on p.id = up.id where p.manager_id is not null and up.depth < 1000)
       select id from up where id = ? limit 1`,
    )
    .get(manager.id, personId);
  if (loops) throw new AppError('manager_loop', `${email} reports (directly or not) to this person.`, { status: 400, details: [{ field: 'managerEmail', message: 'the manager chain would loop' }] });
  return manager.id;
}
