import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { progress } from './util';

/**
 * BENCH_PROFILE_DIR=/some/dir: the measured part of an inbound row is CPU-profiled (the main thread only, where the
 * server runs; the load clients are worker threads) and written there as `<label>.cpuprofile`, for Chrome DevTools
 * or `node --cpu-prof`-style analysis. Unset: `work` runs as is. The profiler slows the run, so the row's figures
 * from a profiled run are not comparable with an unprofiled one.
 */
export async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = join(dir, `${label.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    progress(`profile of ${label}: ${file}`);
    session.disconnect();
  }
}
