import type { DirectoryDepartment, DirectoryPerson, DirectorySnapshot, DirectorySource } from '../../services/people/directory';
import type { WecomClient, WecomUser } from './apiClient';

/** Departments read at once while listing members: a few in flight, well inside the per-API limits. */
const PARALLEL = 4;

/**
 * The WeCom contacts the app can see (its visible range), translated to the neutral directory snapshot:
 * `department/list` for the tree and its leaders, then `user/list` per department for members, their
 * direct leaders and status. A member of several departments is listed once.
 */
export class WecomDirectory implements DirectorySource {
  readonly platform = 'wecom' as const;

  constructor(
    private readonly client: WecomClient,
    readonly jobFunctions: Record<string, string>,
    readonly syncCron: string,
  ) {}

  async read(): Promise<DirectorySnapshot> {
    const raw = await this.client.departments();
    const visible = new Set(raw.map((d) => d.id));
    const departments: DirectoryDepartment[] = raw.map((d) => ({
      id: String(d.id),
      name: d.name,
      parentId: d.parentid && visible.has(d.parentid) && d.parentid !== d.id ? String(d.parentid) : null,
      leaderIds: d.department_leader ?? [],
    }));
    const users = new Map<string, WecomUser>();
    const queue = [...visible];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        for (const u of await this.client.usersOf(id)) if (!users.has(u.userid)) users.set(u.userid, u);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    return { departments, people: [...users.values()].map((u) => toPerson(u, visible)) };
  }
}

function toPerson(u: WecomUser, visible: Set<number>): DirectoryPerson {
  const main = u.main_department ?? u.department?.[0];
  return {
    id: u.userid,
    name: u.name || u.userid,
    email: u.biz_mail || u.email || undefined,
    mainDepartmentId: main !== undefined && visible.has(main) ? String(main) : null,
    directLeaderIds: u.direct_leader ?? [],
    // 1 = active; 2 disabled, 4 not activated, 5 left: none of them can take part
    active: (u.status ?? 1) === 1,
  };
}
