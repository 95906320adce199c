import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/client';
import { preparedOnce } from './preparedOnce';

/** Rows per statement: 64 rows × up to 11 columns stays far below SQLite's 32,766 bound variables. */
export const ROWS_PER_STATEMENT = 64;

/**
 * One `insert … values (…), (…), …` statement for `n` rows, prepared once per database and row count: a fan-out
 * writes a batch of rows in one statement instead of one run() per row (the per-call binding and VDBE start-up were a
 * good part of every row's cost). `head` is everything before `values`, `row` one row's placeholders "(?, ?, …)",
 * `tail` what follows (on conflict …, returning …).
 */
export function rowsStatement<P extends unknown[] = unknown[], R = unknown>(db: Db, key: string, n: number, head: string, row: string, tail = ''): Statement<P, R> {
  return preparedOnce(db, `rows:${key}:${n}`, () => db.$client.prepare<P, R>(`${head} values ${Array.from({ length: n }, () => row).join(', ')} ${tail}`));
}

/**
 * Calls `each` with consecutive chunks: full ones of ROWS_PER_STATEMENT items, then the rest in powers of two
 * (32, 16, … 1), so a key never needs more than seven prepared statements whatever the batch sizes.
 */
export function inChunks<T>(items: readonly T[], each: (chunk: readonly T[]) => void): void {
  let i = 0;
  for (let size = ROWS_PER_STATEMENT; size >= 1; size >>= 1) {
    while (items.length - i >= size) {
      each(items.slice(i, i + size));
      i += size;
      if (size < ROWS_PER_STATEMENT) break;
    }
  }
}
