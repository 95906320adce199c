import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client';
import { preparedOnce } from '../preparedOnce';

/** A statement of the integrations' hot paths (every webhook runs these), prepared once per database. */
export function stmt<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  return preparedOnce(db, `integrations:${sql}`, () => db.$client.prepare<P, R>(sql));
}
