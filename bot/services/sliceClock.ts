import { performance } from 'node:perf_hooks';

/**
 * A clock for loops written as generators: `const due = sliceClock(); … if (due()) yield;` is true once the loop has
 * run about `ms` since it last yielded (checked every 64 calls), so a slice is short however slow the machine is.
 */
export function sliceClock(ms = 5): () => boolean {
  let start = performance.now();
  let calls = 0;
  let yielded = false;
  return () => {
    if (yielded) {
      start = performance.now();
      yielded = false;
    }
    if ((++calls & 63) !== 0) return false;
    if (performance.now() - start < ms) return false;
    yielded = true;
    return true;
  };
}
