import { environment } from './envFile';
import { openDatabase } from '../db/client';
import { ConfigError, loadConfig } from './config';
import { verifyAuditChain } from './services/audit';

/** `npm run audit:verify`: walks the audit trail's hash chain; exit 1 and the first broken row when tampered. */
try {
  const config = loadConfig(environment());
  const db = openDatabase(config.DATABASE_PATH);
  const result = verifyAuditChain(db);
  db.$client.close();
  if (result.ok) console.log(`Audit trail intact: ${result.rows} entries.`);
  else {
    console.error(`Audit trail broken at entry ${result.brokenAt} (after ${result.rows} good entries).`);
    process.exit(1);
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
