import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/client';

/** A fresh database file in a temporary folder with people 1…count (ids 1…count), for tests below the app. */
export function peopleDb(prefix: string, count: number): { db: Db; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = openDatabase(join(dir, 'perf.db'));
  const insert = db.$client.prepare(`insert into people (employee_no, name, email, timezone, locale, created_at, updated_at) values (?, ?, ?, 'Asia/Shanghai', 'zh-CN', 'x', 'x')`);
  for (let i = 1; i <= count; i++) insert.run(`E${i}`, `P${i}`, `p${i}@example.com`);
  return {
    db,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
