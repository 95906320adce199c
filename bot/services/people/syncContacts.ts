import { inTransaction, type Db } from '../../../db/client';
import { AppError } from '../../errors';
import { applyDirectory, type ContactsSyncResult } from './applyDirectory';
import type { ServiceDeps } from '../context';

const running = new WeakMap<Db, Promise<ContactsSyncResult>>();

/**
 * contacts-sync: reads the connected platform's directory and writes departments, people and managers in
 * one transaction. One run at a time per database (a nightly run and a run-now share it). An empty directory
 * changes nothing — it almost always means the app's visible range is not set, not that everyone left.
 */
export function syncContacts(deps: ServiceDeps): Promise<ContactsSyncResult> {
  const source = deps.directory;
  if (!source) {
    throw new AppError('directory_not_configured', 'contacts-sync needs a connected company directory: set the WeCom app credentials (WECOM_*).', { status: 409 });
  }
  const inFlight = running.get(deps.db);
  if (inFlight) return inFlight;
  const run = (async () => {
    const snapshot = await source.read().catch((err: unknown) => {
      throw new AppError('directory_read_failed', `Reading the directory failed: ${err instanceof Error ? err.message : String(err)}`, { status: 502, cause: err });
    });
    if (snapshot.people.length === 0) {
      throw new AppError('directory_empty', "The directory returned nobody, so nothing was changed: check the app's visible range.", { status: 502 });
    }
    const result = inTransaction(deps.db, () => applyDirectory(deps, source, snapshot));
    deps.log.info({ ...result }, 'contacts-sync done');
    return result;
  })().finally(() => running.delete(deps.db));
  running.set(deps.db, run);
  return run;
}
