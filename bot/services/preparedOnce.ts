import type { Db } from '../../db/client';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement prepared once per database, for hot paths that run for every message or event: building and
 * preparing a drizzle query costs more than running it.
 */
export function preparedOnce<T>(db: Db, key: string, prepare: () => T): T {
  let mine = statements.get(db);
  if (!mine) statements.set(db, (mine = new Map()));
  if (!mine.has(key)) mine.set(key, prepare());
  return mine.get(key) as T;
}
