import type { LineProblem } from '../../errors';
import { ShardedMap, ShardedSet } from '../shardedMap';
import { sliceClock } from '../sliceClock';
import type { Directory } from './directorySnapshot';
import type { PersonRow } from './readPeopleCsv';

/**
 * Cross-row checks against the directory as read: duplicates in the file, employee numbers and chat ids taken by
 * others, unknown managers, manager cycles. A generator yielding every ~5 ms (run with runAll or runInSlices); every problem by line.
 */
export function* checkRows(dir: Directory, rows: PersonRow[]): Generator<void, LineProblem[]> {
  const problems: LineProblem[] = [];
  const due = sliceClock();
  // a map per field, keyed by the value itself (a `${kind}:${value}` key was a new string to hash per lookup)
  const seen = (firstLine: ShardedMap<string, number>, value: string, line: number, field: string) => {
    if (!value) return;
    const prior = firstLine.get(value);
    if (prior !== undefined) problems.push({ line, field, message: `${field} "${value}" also appears on line ${prior}` });
    else firstLine.set(value, line);
  };
  // sharded: two plain Maps crossing 65,536 entries together rehashed in one 48 ms turn at 100,000 rows (one plain
  // Map each when they hold fewer keys than that: each map is given the most keys it can hold)
  const inFile = rows.length;
  const both = rows.length + dir.people.length;
  const fileEmails = new ShardedMap<string, number>(inFile);
  const fileNos = new ShardedMap<string, number>(inFile);
  const fileSlack = new ShardedMap<string, number>(inFile);
  const fileWecom = new ShardedMap<string, number>(inFile);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    seen(fileEmails, r.email, r.line, 'email');
    seen(fileNos, r.employee_no, r.line, 'employee_no');
    seen(fileSlack, r.slack_user_id, r.line, 'slack_user_id');
    seen(fileWecom, r.wecom_userid, r.line, 'wecom_userid');
    if (r.manager_email === r.email) problems.push({ line: r.line, field: 'manager_email', message: 'manager_email cannot be the person themself' });
    if (due()) yield;
  }

  const byEmployeeNo = new ShardedMap<string, string>(dir.people.length);
  for (const p of dir.people) {
    byEmployeeNo.set(p.employeeNo, p.email);
    if (due()) yield;
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const owner = byEmployeeNo.get(r.employee_no);
    if (owner !== undefined && owner !== r.email) problems.push({ line: r.line, field: 'employee_no', message: `employee_no "${r.employee_no}" belongs to ${owner}` });
    if (r.manager_email && !fileEmails.has(r.manager_email) && !dir.byEmail.has(r.manager_email)) {
      problems.push({ line: r.line, field: 'manager_email', message: `manager_email "${r.manager_email}" is not in this file or the directory` });
    }
    if (dir.holders.size > 0) {
      for (const [platform, value, field] of [['slack', r.slack_user_id, 'slack_user_id'], ['wecom', r.wecom_userid, 'wecom_userid']] as const) {
        const holder = value ? dir.holders.get(`${platform}:${value}`) : undefined;
        if (holder !== undefined && dir.emailById.get(holder) !== r.email) problems.push({ line: r.line, field, message: `${field} "${value}" belongs to ${dir.emailById.get(holder)}` });
      }
    }
    if (due()) yield;
  }

  // The manager graph after the import must have no cycles. A chain found to end at the top is remembered, so the
  // whole check is linear in the directory (a walk per row was a quarter of a second at 10,000 people).
  const managerOf = new ShardedMap<string, string>(both);
  for (const p of dir.people) {
    if (p.managerEmail != null) managerOf.set(p.email, p.managerEmail);
    if (due()) yield;
  }
  for (const r of rows) {
    if (r.manager_email) managerOf.set(r.email, r.manager_email);
    else managerOf.delete(r.email);
    if (due()) yield;
  }
  const reachesTop = new ShardedSet<string>(both);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const visited = [r.email];
    // Most walks stop after a step or two (at a manager already known to reach the top): the path is searched as an
    // array, and a Set is made only for a long one (a Set per row was 10,000 allocations of the import's check).
    let onPath: Set<string> | undefined;
    let looped: string | undefined;
    for (let m = managerOf.get(r.email); m && !reachesTop.has(m); m = managerOf.get(m)) {
      if (onPath ? onPath.has(m) : visited.includes(m)) {
        looped = m;
        break;
      }
      visited.push(m);
      if (onPath) onPath.add(m);
      else if (visited.length > 16) onPath = new Set(visited);
    }
    if (looped) problems.push({ line: r.line, field: 'manager_email', message: `manager chain of ${r.email} loops back (${[...visited, looped].join(' → ')})` });
    else for (const e of visited) reachesTop.add(e);
    if (due()) yield;
  }
  return problems.sort((a, b) => a.line - b.line);
}
