import { parse, type Options } from 'csv-parse';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Characters per slice, sized by the time the last slice took: ~4 ms of csv-parse work per turn, so /healthz and chat
 * keep answering meanwhile. A fixed 16 KB slice was 1–2 ms once csv-parse is compiled, but 20–40 ms while it still
 * runs cold (the 10,000-person import's longest turn: its first slice, 25 profile samples of 42 ms), and csv-parse
 * stays cold for the first few thousand rows (500 rows: 40–60 ms cold, 2–5 ms warm). So the first slice is 2 KB, and
 * each next one is what fits in the budget at the pace measured, at most twice the last (and 64 KB: a bigger one met a young-generation collection now and then, 20–55 ms).
 */
const SLICE_MS = 4;
const FIRST_SLICE_CHARS = 2 * 1024;
const MAX_SLICE_CHARS = 64 * 1024;

/**
 * Parses a whole CSV text like csv-parse/sync, but with csv-parse's streaming parser fed one slice at a time and a
 * turn of the event loop between slices: a 16 MB import is about a second of parsing, which must not freeze every
 * other request. Slices end after a line feed, which is never half of a multi-byte character; a quoted field may
 * span slices, the parser carries it over. Parse errors reject with csv-parse's own error (its `lines`).
 */
export async function parseCsvInSlices(csv: string, options: Options): Promise<string[][]> {
  const records: string[][] = [];
  await forEachCsvRecordInSlices(csv, options, (record) => records.push(record));
  return records;
}

/**
 * The same, handing each record to `each` as the parser gives it instead of keeping them all: a caller that checks
 * and converts records as they come keeps only what it makes of them, so the records die young (the 10,000-person
 * import held all its parsed cells until the check, and each young-generation collection copied them). A slice's
 * time — sized to SLICE_MS — covers what `each` does with its records. A throw in `each` stops the parse and rejects
 * with that error, unchanged.
 */
export async function forEachCsvRecordInSlices(csv: string, options: Options, each: (record: string[]) => void): Promise<void> {
  const parser = parse(options);
  // csv-parse adds every record's end offset to `info.bytes_records`; the sum passes 2^30 around the 4,000th row of a
  // 10,000-person file, where it stops fitting V8's small integers: V8 then threw the parser's optimized code away
  // ('overflow' deopt in __onRecord, which its parse loop inlines) and compiled it again, the loop running unoptimized
  // meanwhile (a fresh process: parse + check 157 → 127 ms of the main thread, all threads −67 ms, 6 pairs). The same
  // zero as -0 is stored as a double from the start, so that field never changes kind. Nothing reads the counter.
  (parser.info as { bytes_records: number }).bytes_records = -0;
  let failure: unknown;
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    failure = err;
    parser.destroy(); // nothing more is read: 'close' ends the wait below
  };
  // Read as records come; also right after each write, so that slice's parse (which the stream may defer until the
  // records before it are read) has run when its time is taken.
  const drain = () => {
    try {
      for (let record: string[] | null; !failed && (record = parser.read() as string[] | null) !== null; ) each(record);
    } catch (err) {
      fail(err);
    }
  };
  parser.on('readable', drain);
  parser.on('error', fail);
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
  });
  let size = FIRST_SLICE_CHARS;
  for (let start = 0; start < csv.length && !failed; ) {
    const cut = csv.indexOf('\n', start + size);
    const end = cut === -1 ? csv.length : cut + 1;
    const began = performance.now();
    parser.write(csv.slice(start, end));
    drain();
    const took = performance.now() - began;
    size = Math.round(Math.min(MAX_SLICE_CHARS, size * 2, Math.max(FIRST_SLICE_CHARS, ((end - start) * SLICE_MS) / Math.max(took, 0.05))));
    start = end;
    await nextTurn();
  }
  if (failed) throw failure;
  parser.end();
  await ended;
  drain(); // the last record (no line end after it) comes with the end
  if (failed) throw failure;
}

/** Runs `each` over the items, yielding a turn of the event loop after every `size` of them (row checks of a big import). */
export async function forEachInSlices<T>(items: readonly T[], each: (item: T, index: number) => void, size = 2000): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    each(items[i], i);
    if ((i + 1) % size === 0) await nextTurn();
  }
}
