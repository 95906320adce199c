import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stripControl } from '../../../domain/stripControl';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { importHelpdeskCsv, type HelpdeskImportResult } from './importHelpdeskCsv';

export interface InboxReport {
  files: { name: string; result?: HelpdeskImportResult; error?: string }[];
}

/** The largest inbox file read (the same cap as a people CSV upload). */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * The helpdesk inbox: every *.csv in the folder is imported as an upload would be, then moved aside — to processed/
 * when it was imported (or was a file seen before), to refused/ with a <name>.error.json of the line problems when
 * it was refused — so the next run does not read it again. A file that cannot be moved stays and is read again; its
 * hash keeps it from writing twice.
 */
export function processInbox(deps: ServiceDeps, dir: string): InboxReport {
  const report: InboxReport = { files: [] };
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const path = join(dir, name);
    const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
    const moveTo = (folder: string) => {
      mkdirSync(join(dir, folder), { recursive: true });
      const target = join(dir, folder, `${stamp}-${basename(name)}`);
      renameSync(path, target);
      return target;
    };
    const buf = readFileSync(path);
    if (buf.length > MAX_BYTES) {
      const target = moveTo('refused');
      writeFileSync(`${target}.error.json`, JSON.stringify({ error: `larger than ${MAX_BYTES} bytes` }));
      report.files.push({ name, error: 'too large' });
      continue;
    }
    try {
      const result = importHelpdeskCsv(deps, 'system:helpdesk-inbox', stripControl(buf.toString('utf8')), { name, trigger: 'inbox' });
      moveTo('processed');
      report.files.push({ name, result });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const target = moveTo('refused');
      writeFileSync(`${target}.error.json`, JSON.stringify({ error: err.message, details: err.details ?? null }, null, 2));
      report.files.push({ name, error: err.message });
    }
  }
  return report;
}
