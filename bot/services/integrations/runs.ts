import type { Db } from '../../../db/client';

export type RunTrigger = 'schedule' | 'manual' | 'upload' | 'inbox';
export type RunStatus = 'ok' | 'refused' | 'failed';

export interface RunFinish {
  status: RunStatus;
  rowsRead: number;
  rowsWritten: number;
  quarantined: number;
  error?: string;
  detail?: unknown;
}

/** A run begins (status running) — its own small write, so a crash mid-run leaves a visible trace. */
export function startRun(db: Db, connector: string, trigger: RunTrigger, at: Date): number {
  const r = db.$client.prepare("insert into integration_runs (connector, trigger, status, started_at) values (?, ?, 'running', ?)").run(connector, trigger, at.toISOString());
  return Number(r.lastInsertRowid);
}

export function finishRun(db: Db, runId: number, f: RunFinish, at: Date): void {
  db.$client
    .prepare('update integration_runs set status = ?, finished_at = ?, rows_read = ?, rows_written = ?, quarantined = ?, error = ?, detail = ? where id = ?')
    .run(f.status, at.toISOString(), f.rowsRead, f.rowsWritten, f.quarantined, f.error?.slice(0, 2000) ?? null, JSON.stringify(f.detail ?? null), runId);
}
