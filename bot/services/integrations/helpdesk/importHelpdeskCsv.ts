import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { inTransaction } from '../../../../db/client';
import { weekKey } from '../../../domain/localTime';
import { ticketFigures, type Ticket } from '../../../domain/helpdeskMetrics';
import { AppError, type LineProblem } from '../../../errors';
import type { ServiceDeps } from '../../context';
import type { QuarantineInput } from '../connector';
import { connectorState } from '../connectorState';
import { quarantine } from '../recordWebhookEvent';
import { describeKey, PersonResolver } from '../resolvePeople';
import { finishRun, startRun } from '../runs';
import { refOf, writeMetricValues } from '../writeMetricValues';
import { helpdeskConnector, helpdeskSettings } from './helpdeskConnector';

export interface HelpdeskImportResult {
  rows: number;
  people: number;
  metrics: number;
  quarantined: number;
  /** The same file (by SHA-256) was imported before: nothing written again. */
  duplicate: boolean;
  runId: number | null;
}

const minutes = (v: string | undefined): number | null | 'bad' => {
  const t = (v ?? '').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
};

/**
 * One helpdesk export: every line is checked first — any bad line (a missing id, a date that is no date, a time
 * that is no number, a satisfaction value the mapping does not know) refuses the whole file with 400 and the line
 * numbers, nothing written. A ticket whose agent nobody maps, or with no agent, is quarantined with the reason and the
 * others go on. Then, in one transaction: the file's SHA-256 (a second import of the same bytes writes nothing), the
 * per-agent figures by week (or month), each referencing the file and its ticket ids.
 */
export function importHelpdeskCsv(deps: ServiceDeps, actor: string, csv: string, opts: { name: string; trigger: 'upload' | 'inbox' }): HelpdeskImportResult {
  try {
    return importChecked(deps, actor, csv, opts);
  } catch (err) {
    // the refusal is kept in the connector's error log (the file's data is not)
    if (err instanceof AppError && err.code === 'import_invalid') {
      const now = deps.now();
      finishRun(deps.db, startRun(deps.db, 'helpdesk', opts.trigger, now), { status: 'refused', rowsRead: 0, rowsWritten: 0, quarantined: 0, error: `${opts.name}: ${err.message}`, detail: err.details }, now);
    }
    throw err;
  }
}

function importChecked(deps: ServiceDeps, actor: string, csv: string, opts: { name: string; trigger: 'upload' | 'inbox' }): HelpdeskImportResult {
  const state = connectorState(deps, helpdeskConnector);
  const s = helpdeskSettings.parse(state.settings);
  const sha256 = createHash('sha256').update(csv).digest('hex');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    throw refused([{ line: (err as { lines?: number }).lines ?? 1, message: `CSV could not be read: ${(err as Error).message}` }]);
  }
  if (rows.length < 2) throw refused([{ line: 1, message: 'the file has a header and no tickets' }]);
  const header = rows[0].record.map((h) => h.trim());
  const col = s.columns;
  const index = Object.fromEntries(Object.entries(col).map(([k, name]) => [k, header.indexOf(name)])) as Record<keyof typeof col, number>;
  const missing = Object.entries(col).filter(([k]) => index[k as keyof typeof col] < 0);
  if (missing.length) throw refused(missing.map(([k, name]) => ({ line: 1, field: k, message: `no column "${name}"` })));

  const resolver = new PersonResolver(deps.db, state.userMap);
  const problems: LineProblem[] = [];
  const tickets: Ticket[] = [];
  const held: QuarantineInput[] = [];
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const cell = (k: keyof typeof col) => record[index[k]]?.trim() ?? '';
    const before = problems.length;
    const id = cell('id');
    if (!id) problems.push({ line, field: col.id, message: 'no ticket id' });
    const created = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?/.exec(cell('created'))?.[1];
    if (!created || Number.isNaN(Date.parse(created))) problems.push({ line, field: col.created, message: `"${cell('created')}" is not a date` });
    const firstReply = minutes(cell('firstReply'));
    if (firstReply === 'bad') problems.push({ line, field: col.firstReply, message: `"${cell('firstReply')}" is not a number of minutes` });
    const resolution = minutes(cell('resolution'));
    if (resolution === 'bad') problems.push({ line, field: col.resolution, message: `"${cell('resolution')}" is not a number of minutes` });
    const rating = cell('satisfaction');
    let satisfaction: number | null = null;
    if (Object.hasOwn(s.satisfactionScores, rating)) satisfaction = s.satisfactionScores[rating];
    else if (rating !== '' && Number.isFinite(Number(rating))) satisfaction = Number(rating);
    else if (!s.unrated.includes(rating)) problems.push({ line, field: col.satisfaction, message: `"${rating}" is neither a known rating nor a number` });
    if (problems.length > before) continue;
    const agent = cell('assignee');
    const personId = agent ? resolver.resolve({ id: agent, name: agent, email: agent.includes('@') ? agent : null }, { byName: true }) : undefined;
    if (personId === undefined) {
      held.push({ ref: `ticket:${id}`, reason: agent ? `unknown person: ${describeKey({ name: agent })}` : 'no assignee', record: Object.fromEntries(header.map((h, i) => [h, record[i]])) });
      continue;
    }
    const period = s.period === 'week' ? weekKey(created!) : created!.slice(0, 7);
    tickets.push({ ref: id, personId, period, firstReplyMinutes: firstReply as number | null, resolutionMinutes: resolution as number | null, satisfaction });
  }
  if (problems.length) throw refused(problems);

  const now = deps.now();
  const dataRows = rows.length - 1;
  const people = new Set(tickets.map((t) => t.personId)).size;
  const done = deps.db.$client.prepare<[string], { runId: number | null }>('select run_id as runId from integration_files where sha256 = ?').get(sha256);
  if (done) return { rows: dataRows, people, metrics: 0, quarantined: 0, duplicate: true, runId: done.runId };
  return inTransaction(deps.db, () => {
    const runId = startRun(deps.db, 'helpdesk', opts.trigger, now);
    if (deps.db.$client.prepare('insert into integration_files (sha256, connector, name, run_id, imported_at) values (?, ?, ?, ?, ?) on conflict do nothing').run(sha256, 'helpdesk', opts.name.slice(0, 200), runId, now.toISOString()).changes === 0) {
      finishRun(deps.db, runId, { status: 'ok', rowsRead: dataRows, rowsWritten: 0, quarantined: 0, detail: { duplicate: true } }, now);
      return { rows: dataRows, people, metrics: 0, quarantined: 0, duplicate: true, runId };
    }
    const fileRef = `file:${sha256.slice(0, 12)}`;
    const values = ticketFigures(tickets).map((f) => ({ personId: f.personId, metric: f.metric, period: f.period, value: f.value, ref: refOf(`helpdesk:${fileRef}`, f.refs) }));
    const written = writeMetricValues(deps.db, 'helpdesk', values, now, actor);
    quarantine(deps.db, 'helpdesk', runId, held, now);
    const metrics = written.created + written.revised;
    finishRun(deps.db, runId, { status: 'ok', rowsRead: dataRows, rowsWritten: metrics, quarantined: held.length, detail: { file: opts.name, sha256 } }, now);
    return { rows: dataRows, people, metrics, quarantined: held.length, duplicate: false, runId };
  });
}

function refused(problems: LineProblem[]): AppError {
  const lines = [...new Set(problems.map((p) => p.line))];
  return new AppError('import_invalid', `File refused: ${problems.length} problem(s) on line(s) ${lines.join(', ')}; nothing was written.`, { status: 400, details: problems });
}
