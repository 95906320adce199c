import type { Database } from 'better-sqlite3';
import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  close: () => Promise<void>;
}

/** A baseline or floor server of the bench on 127.0.0.1 (an Express app is a request listener), on a free port. */
export async function serveLocally(handler: RequestListener): Promise<LocalServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(handler);
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The floors' group commit: what is recorded during one turn of the event loop is written in one transaction at
 * its end (as the app's db/groupCommit.ts does), and each caller's promise resolves once the commit holds its row
 * (or rejects with the commit's error).
 */
export function commitEachTurn<T>(db: Database, write: (item: T) => void): (item: T) => Promise<void> {
  let waiting: { item: T; done: () => void; fail: (err: unknown) => void }[] = [];
  const commit = db.transaction((batch: typeof waiting) => {
    for (const w of batch) write(w.item);
  });
  return (item) =>
    new Promise<void>((done, fail) => {
      if (waiting.length === 0) {
        setImmediate(() => {
          const batch = waiting;
          waiting = [];
          try {
            commit(batch);
          } catch (err) {
            for (const w of batch) w.fail(err);
            return;
          }
          for (const w of batch) w.done();
        });
      }
      waiting.push({ item, done, fail });
    });
}
