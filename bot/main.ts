import { startApp } from './app';
import { ConfigError } from './config';
import { environment } from './envFile';
import { tuneHeap } from './heapTuning';

/** `npm start`: one process with everything, configured by the environment over `.env`. Invalid config lists every problem and exits 1. */
tuneHeap();
try {
  const app = await startApp({ env: environment() });
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`perf-bot could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
