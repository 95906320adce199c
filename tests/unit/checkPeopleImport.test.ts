import { describe, expect, it } from 'vitest';
import { runAll } from '../../bot/services/slices';
import { checkRows } from '../../bot/services/people/checkPeopleImport';
import type { Directory } from '../../bot/services/people/directorySnapshot';
import type { PersonRow } from '../../bot/services/people/readPeopleCsv';
import { ShardedMap } from '../../bot/services/shardedMap';

const emptyDirectory = (): Directory => ({ people: [], byEmail: new ShardedMap(), emailById: new ShardedMap(), chatIds: new ShardedMap(), holders: new ShardedMap() });

const row = (i: number, manager: number | null): PersonRow => ({
  employee_no: `E${i}`, name: `P ${i}`, email: `p${i}@x.test`, department: 'D', manager_email: manager === null ? '' : `p${manager}@x.test`,
  job_function: '', timezone: '', locale: '', slack_user_id: '', wecom_userid: '', role: '', line: i + 2,
});

describe('checkRows: manager cycles', () => {
  it('passes a long chain up to the top, and a tree whose walks stop at managers known to reach it', () => {
    const chain = Array.from({ length: 60 }, (_, i) => row(i, i === 0 ? null : i - 1));
    expect(runAll(checkRows(emptyDirectory(), chain))).toEqual([]);
    const tree = Array.from({ length: 500 }, (_, i) => row(i, i === 0 ? null : Math.floor((i - 1) / 3)));
    expect(runAll(checkRows(emptyDirectory(), tree))).toEqual([]);
  });

  it('reports every row of a short loop and of a loop longer than the path kept as an array', () => {
    for (const length of [2, 3, 17, 40]) {
      // p0 → p1 → … → p(length-1) → p0, plus someone hanging under the loop
      const rows = [...Array.from({ length }, (_, i) => row(i, (i + 1) % length)), row(length, 0)];
      const problems = runAll(checkRows(emptyDirectory(), rows));
      expect(problems.map((p) => p.line)).toEqual(rows.map((r) => r.line));
      expect(problems.every((p) => p.field === 'manager_email' && p.message.includes('loops back'))).toBe(true);
      // the path printed ends at the manager it came back to
      expect(problems[0].message).toContain(`p0@x.test → p1@x.test`);
      expect(problems[0].message.endsWith(`→ p0@x.test)`)).toBe(true);
    }
  });
});
