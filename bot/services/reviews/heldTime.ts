import { readFileSync } from 'node:fs';

/**
 * How long a slice of a cycle's opening held the event loop, not counting the time the machine made it wait for a
 * CPU: on Linux the main thread's time on the CPU plus its time blocked (reading pages of the database from disk, a
 * commit's write), i.e. wall time minus its run-queue wait (/proc/thread-self/schedstat). Slices sized by CPU time
 * alone came out too big where the history is cold: at 100,000 people drafting slices of ~6 ms of CPU held the loop
 * 29–57 ms, the rest blocked in reads (traced on a loaded machine, run-queue wait excluded). Wall time alone shrinks
 * them to nothing on a loaded machine (perf-review-open: 6,204 transactions where ~1,300 did). Elsewhere, or if the
 * file cannot be read, the process's CPU time.
 */
export function heldTimer(): () => number {
  const start = schedstat();
  if (start) {
    const t0 = performance.now();
    return () => {
      const end = schedstat();
      return end ? performance.now() - t0 - (end.waitMs - start.waitMs) : performance.now() - t0;
    };
  }
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
}

let available = process.platform === 'linux';

/** The calling thread's run-queue wait so far (ms), or undefined off Linux. */
function schedstat(): { waitMs: number } | undefined {
  if (!available) return undefined;
  try {
    const fields = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { waitMs: Number(fields[1]) / 1e6 };
  } catch {
    available = false;
    return undefined;
  }
}
