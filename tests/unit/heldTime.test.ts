import { describe, expect, it } from 'vitest';
import { heldTimer } from '../../bot/services/reviews/heldTime';

/** What a slice of a cycle's opening is sized by: its time on the CPU and blocked, never more than its wall time. */
describe('heldTimer', () => {
  it('counts time on the CPU', () => {
    const held = heldTimer();
    const t0 = performance.now();
    let x = 0;
    while (performance.now() - t0 < 30) x += Math.sqrt(x + 1);
    const wall = performance.now() - t0;
    const ms = held();
    expect(x).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(wall + 1);
    // on Linux the run-queue wait is left out, so a loaded machine can take some of the 30 ms; never all of it
    expect(ms).toBeGreaterThan(0);
  });

  it('counts time blocked (as a read from disk or a commit would block) on Linux, where it can tell', () => {
    const held = heldTimer();
    const t0 = performance.now();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
    const wall = performance.now() - t0;
    const ms = held();
    expect(ms).toBeLessThanOrEqual(wall + 1);
    if (process.platform === 'linux') expect(ms).toBeGreaterThanOrEqual(35);
    else expect(ms).toBeLessThan(35); // CPU time only: blocked time is not counted there
  });
});
