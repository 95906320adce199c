import { parse, type Options } from 'csv-parse';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * About 1–2 ms of csv-parse work per slice on a small server: /healthz and chat keep answering meanwhile. (64 KB
 * slices were 20–70 ms of CPU each on a loaded 2-core machine while the JIT warmed up: the people import's longest
 * pause once its write was sliced.)
 */
const SLICE_CHARS = 16 * 1024;

/**
 * Parses a whole CSV text like csv-parse/sync, but with csv-parse's streaming parser fed one slice at a time and a
 * turn of the event loop between slices: a 16 MB import is about a second of parsing, which must not freeze every
 * other request. Slices end after a line feed, which is never half of a multi-byte character; a quoted field may
 * span slices, the parser carries it over. Parse errors reject with csv-parse's own error (its `lines`).
 */
export async function parseCsvInSlices(csv: string, options: Options): Promise<string[][]> {
  const parser = parse(options);
  const records: string[][] = [];
  let failure: unknown;
  parser.on('readable', () => {
    for (let record: string[] | null; (record = parser.read() as string[] | null) !== null; ) records.push(record);
  });
  parser.on('error', (err) => (failure = err));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let start = 0; start < csv.length && failure === undefined; ) {
    const cut = csv.indexOf('\n', start + SLICE_CHARS);
    const end = cut === -1 ? csv.length : cut + 1;
    parser.write(csv.slice(start, end));
    start = end;
    await nextTurn();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw failure;
  return records;
}

/** Runs `each` over the items, yielding a turn of the event loop after every `size` of them (row checks of a big import). */
export async function forEachInSlices<T>(items: readonly T[], each: (item: T, index: number) => void, size = 2000): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    each(items[i], i);
    if ((i + 1) % size === 0) await nextTurn();
  }
}
