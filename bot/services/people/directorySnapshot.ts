import type { Db } from '../../../db/client';
import { ShardedMap } from '../shardedMap';

export interface DirectoryPerson {
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

/** What a people import checks and plans against: the directory as read just before. */
export interface Directory {
  /** Everyone, in id order (for the passes over the whole directory; the maps are for lookups). */
  people: DirectoryPerson[];
  /** Sharded: a plain Map of 100,000 people rehashed all of them in one turn as it grew (see shardedMap.ts). */
  byEmail: ShardedMap<string, DirectoryPerson>;
  emailById: ShardedMap<number, string>;
  /** `${personId}:${platform}` → external id */
  chatIds: ShardedMap<string, string>;
  /** `${platform}:${externalId}` → person id */
  holders: ShardedMap<string, number>;
}

/** Rows per read: ~2-4 ms each, so reading 100,000 people never holds the event loop for long. */
const PAGE = 1000;

/**
 * Reads the directory a page at a time (keyset on id), yielding between pages: run it with `runAll` (at once) or
 * `runInSlices` (a turn of the event loop between pages). A whole read of 100,000 people was ~200 ms in one go.
 */
export function* readDirectory(db: Db): Generator<void, Directory> {
  const c = db.$client;
  const peoplePage = c.prepare<[number, number], DirectoryPerson>(
    `select p.id, p.email, p.employee_no as employeeNo, p.name, d.path as department, m.email as managerEmail, p.job_function as jobFunction,
       p.timezone, p.locale, p.role, p.active
     from people p left join departments d on d.id = p.department_id left join people m on m.id = p.manager_id
     where p.id > ? order by p.id limit ?`,
  );
  const idPage = c.prepare<[number, number], { id: number; personId: number; platform: string; externalId: string }>(
    'select id, person_id as personId, platform, external_id as externalId from identities where id > ? order by id limit ?',
  );
  // ids are never reused, so the largest id bounds how many rows there are (the maps are plain Maps when small; a
  // row added while the pages are read only costs a bigger growth step past that bound)
  const most = c.prepare<[], { people: number; identities: number }>(
    'select (select coalesce(max(id), 0) from people) as people, (select coalesce(max(id), 0) from identities) as identities',
  ).get()!;
  const dir: Directory = {
    people: [], byEmail: new ShardedMap(most.people), emailById: new ShardedMap(most.people), chatIds: new ShardedMap(most.identities), holders: new ShardedMap(most.identities),
  };
  for (let after = 0; ; ) {
    const page = peoplePage.all(after, PAGE);
    for (const p of page) {
      dir.people.push(p);
      dir.byEmail.set(p.email, p);
      dir.emailById.set(p.id, p.email);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
    yield;
  }
  for (let after = 0; ; ) {
    const page = idPage.all(after, PAGE);
    for (const i of page) {
      dir.chatIds.set(`${i.personId}:${i.platform}`, i.externalId);
      dir.holders.set(`${i.platform}:${i.externalId}`, i.personId);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
    yield;
  }
  return dir;
}
