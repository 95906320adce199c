import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPeople, PEOPLE_HEADER } from '../bench/peopleCsv';
import { recomputeDepartmentLeaders } from '../../bot/services/people/departments';
import { TestApp } from '../support/harness';

/**
 * A big people import must not freeze the server: the CSV is parsed and its rows checked in slices, with other
 * requests answered in between. The file here is 100,000 people (~15 MB, just under the 16 MB cap) whose last row
 * is bad, so the whole file is read and checked and then refused, nothing written. A valid file is then written in
 * short transactions with the event loop free between them (below). The bound is generous for a busy 2-core CI
 * machine: before the slicing, /healthz waited for the whole parse, several seconds on such a machine.
 */
describe('a big people import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t.destroy());

  it('leaves /healthz answering within a second (a fifth of the import on a loaded machine) while it is read, then refuses the bad file by line', async () => {
    const { csv } = buildPeople(100_000);
    const bad = csv.replace(/p99999@bench\.example\.com/, 'not-an-email');
    // one request first: the first fetch of a process loads and compiles Node's HTTP client (hundreds of ms on a
    // busy machine), which is the test's own cost, not the server's
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const latencies: number[] = [];
    let importing = true;
    const polling = (async () => {
      while (importing) {
        const started = performance.now();
        const res = await fetch(`${t.url}/healthz`);
        expect(res.status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const importStarted = performance.now();
    const res = await t.importPeople(bad);
    const importMs = performance.now() - importStarted;
    importing = false;
    await polling;
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { line: number; field: string }[] } };
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details).toEqual([expect.objectContaining({ line: 100_001, field: 'email' })]);
    expect(t.sql(`select count(*) as n from people`)).toEqual([{ n: 0 }]);
    expect(latencies.length).toBeGreaterThan(5); // it was polled all along the import
    // Answered within a second, or within a fifth of the import's own time when the machine is so loaded that the
    // import takes more than 5 s (CI runs other test files beside it): a parse in one piece would hold /healthz for
    // the whole import, the slicing leaves it a turn between slices. The bench measures the real stall.
    const longest = Math.max(...latencies);
    expect(longest, `/healthz took up to ${longest.toFixed(0)} ms over ${latencies.length} polls of a ${importMs.toFixed(0)} ms import`).toBeLessThan(Math.max(1000, importMs / 5));
  }, 120_000);
});

describe('a 10,000-person import through the route', () => {
  const N = 10_000;
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t.destroy());

  /** Runs `work` while a timer samples the directory every 2 ms (it can only fire between the import's transactions). */
  async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; seen: number[]; ticks: number }> {
    const seen: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      seen.push((t.sql<{ n: number }>('select count(*) as n from people')[0]).n);
    }, 2);
    try {
      return { value: await work(), seen, ticks };
    } finally {
      clearInterval(timer);
    }
  }
  const digest = () => t.sql(`select group_concat(email || '|' || name || '|' || coalesce(manager_id, '') || '|' || active, ';') as d from (select * from people order by id)`)[0];

  it('applies in many transactions with timers firing in between, then updates on re-import', async () => {
    const { csv } = buildPeople(N, { identities: true });
    const first = await sampled(() => t.importPeople(csv));
    expect(first.value.status).toBe(200);
    expect(await first.value.json()).toEqual({ created: N, updated: 0, total: N });
    // the timer saw the directory part-way: the rows were committed in several transactions, not one
    const partway = first.seen.filter((n) => n > 0 && n < N);
    expect(partway.length).toBeGreaterThan(2);
    expect(new Set(partway).size).toBeGreaterThan(2);
    expect(t.sql('select count(*) as n, count(manager_id) as managed from people')).toEqual([{ n: N, managed: N - 1 }]);
    expect(t.sql('select count(*) as n from identities')).toEqual([{ n: 2 * N }]);
    expect(t.sql(`select status, phase, total from people_imports`)).toEqual([{ status: 'done', phase: 'finish', total: N }]);
    expect(t.sql('select count(*) as n from people_import_rows')).toEqual([{ n: 0 }]);
    // department leaders (read and written in pages) are those the one-step rule gives: every team led by its manager
    const leaders = () => t.sql('select id, leader_id from departments order by id');
    const paged = leaders();
    expect(t.sql(`select count(*) as n from departments d join people p on p.id = d.leader_id where p.role = 'manager'`)).toEqual([{ n: N / 10 }]);
    recomputeDepartmentLeaders(t.app.db);
    expect(leaders()).toEqual(paged);

    const renamed = csv.replace(/测试员工(\d+)/g, '员工$1');
    const second = await t.importPeople(renamed);
    expect(await second.json()).toEqual({ created: 0, updated: N, total: N });
    expect(t.sql(`select count(*) as n from people where name like '员工%'`)).toEqual([{ n: t.sql<{ n: number }>(`select count(*) as n from people where locale = 'zh-CN'`)[0].n }]);
    expect(t.sql('select count(*) as n from people')).toEqual([{ n: N }]);
  }, 180_000);

  it('refuses a file with one bad row in the middle by line, changing nothing', async () => {
    const before = digest();
    const { csv } = buildPeople(N, { identities: true });
    const lines = csv.split('\n');
    lines[5001] = lines[5001].replace('@bench.example.com', '@@bad');
    lines[7001] = lines[7001].replace(/,p0\d+@bench/, ',p00000@bench'); // manager stays valid; e-mail now a duplicate
    const res = await t.importPeople(lines.join('\n'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { line: number; field: string }[] } };
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.map((d) => d.line)).toEqual([5002]); // shape errors are reported before cross-row checks
    expect(digest()).toEqual(before);
    expect(t.sql(`select count(*) as n from people_imports where status != 'done'`)).toEqual([{ n: 0 }]);

    const dup = await t.importPeople(csv.replace('p07000@bench.example.com,', 'p00001@bench.example.com,'));
    expect(dup.status).toBe(422);
    const dupBody = (await dup.json()) as { error: { details: { line: number; field: string; message: string }[] } };
    expect(dupBody.error.details[0]).toMatchObject({ field: 'email' });
    expect(dupBody.error.details.some((d) => d.line === 7002)).toBe(true);
    expect(digest()).toEqual(before);
  }, 180_000);

  it('answers a second import while one is applying with 409 import_running, and applies only the first', async () => {
    const { csv } = buildPeople(N, { identities: true });
    const moved = csv.replace(/Team (\d+)/g, 'Squad $1');
    const first = t.importPeople(moved);
    // wait until the first is accepted and applying
    for (let i = 0; i < 2000 && !t.sql(`select 1 from people_imports where status = 'applying'`).length; i++) await new Promise((r) => setTimeout(r, 5));
    expect(t.sql(`select count(*) as n from people_imports where status = 'applying'`)).toEqual([{ n: 1 }]);
    const other = `${PEOPLE_HEADER}\nX1,Someone,someone@example.com,Elsewhere,,,,,,,\n`;
    const second = await t.importPeople(other);
    expect(second.status).toBe(409);
    const body = (await second.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('import_running');
    expect((await first).status).toBe(200);
    expect(t.sql(`select count(*) as n from people where email = 'someone@example.com'`)).toEqual([{ n: 0 }]);
    expect(t.sql(`select count(*) as n from people p join departments d on d.id = p.department_id where d.path like '%/Squad %'`)).toEqual([{ n: N }]);
    // once it is done, the next import goes through
    expect((await t.importPeople(other)).status).toBe(200);
  }, 180_000);
});
