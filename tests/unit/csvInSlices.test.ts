import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { forEachCsvRecordInSlices, parseCsvInSlices } from '../../bot/services/imports/csvInSlices';

const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false } as const;

/** A file of many slices: quoted fields with commas, quotes and line feeds, multi-byte names, no line end at the end. */
function bigCsv(rows: number): string {
  const lines = ['id,name,note'];
  for (let i = 0; i < rows; i++) lines.push(`${i},测试员工${i},"line one, with ""quotes""\nline two of ${i}"`);
  return lines.join('\n');
}

describe('CSV in slices', () => {
  it('hands every record to the callback in order, the same records csv-parse/sync reads at once', async () => {
    const csv = bigCsv(3000);
    const seen: string[][] = [];
    await forEachCsvRecordInSlices(csv, OPTIONS, (r) => seen.push(r));
    const whole = parse(csv, OPTIONS) as string[][];
    expect(seen).toEqual(whole);
    expect(seen).toHaveLength(3001);
    expect(seen.at(-1)).toEqual(['2999', '测试员工2999', 'line one, with "quotes"\nline two of 2999']);
    expect(await parseCsvInSlices(csv, OPTIONS)).toEqual(whole);
  });

  it('stops at the first throw of the callback and rejects with that very error', async () => {
    const csv = bigCsv(3000);
    const refused = new Error('row 10 is bad');
    let calls = 0;
    await expect(
      forEachCsvRecordInSlices(csv, OPTIONS, () => {
        if (++calls === 11) throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(11);
  });

  it("rejects a file csv-parse cannot read with csv-parse's error and its line", async () => {
    const csv = `${bigCsv(2000)}\n1,"unclosed,x\n`;
    const err = (await forEachCsvRecordInSlices(csv, OPTIONS, () => {}).catch((e: unknown) => e)) as { code?: string; lines?: number };
    expect(err.code).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(err.lines).toBeGreaterThan(4000);
  });

  it('reads an empty text as no records', async () => {
    const seen: string[][] = [];
    await forEachCsvRecordInSlices('', OPTIONS, (r) => seen.push(r));
    expect(seen).toEqual([]);
  });
});
