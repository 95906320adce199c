import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watchLongTurns } from '../bench/util';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleepBlocking = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// The bench's split of a long turn (tests/bench/util.ts): the kernel's per-thread accounting, Linux only.
describe.runIf(existsSync('/proc/thread-self/schedstat'))('watchLongTurns', () => {
  it('tells a turn spent computing from one spent asleep, and ignores short turns', async () => {
    const turns = watchLongTurns(40);
    await wait(20);
    spin(10); // under the bound: not recorded
    await wait(20);
    spin(80);
    await wait(20);
    sleepBlocking(80);
    await wait(20);
    const seen = turns.stop();
    expect(seen).toHaveLength(2);
    const [computing, asleep] = seen;
    expect(computing.ms).toBeGreaterThanOrEqual(75);
    // on a loaded machine part of the spin may be spent waiting for a core, never asleep
    expect(computing.cpuMs + computing.waitMs).toBeGreaterThanOrEqual(70);
    expect(computing.asleepMs).toBeLessThan(computing.ms / 2);
    expect(asleep.ms).toBeGreaterThanOrEqual(75);
    expect(asleep.asleepMs).toBeGreaterThanOrEqual(70);
    expect(asleep.cpuMs).toBeLessThan(20);
  });
});
