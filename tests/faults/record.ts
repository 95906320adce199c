import { appendFileSync } from 'node:fs';

/**
 * The fault suite's bookkeeping. Each scenario reports how often it broke the app and what that cost; `npm run
 * test:faults` prints every report as one table (see summary.ts). `npm test` runs the same scenarios smaller.
 */
export interface FaultResult {
  scenario: string;
  /** Faults injected (kills, storms, refused writes…) */
  runs: number;
  /** Messages that should have gone out and never did. */
  lost: number;
  /** Messages that went out more than once. */
  doubled: number;
  /** Size of the scenario, e.g. "2,000 people". */
  scale: string;
}

/** FAULT_SCALE=full for `npm run test:faults`; the quick default keeps `npm test` within its time. */
export const FULL = process.env.FAULT_SCALE === 'full';

/** Picks the full or the quick size of a scenario. */
export function scaled<T>(full: T, quick: T): T {
  return FULL ? full : quick;
}

export function recordFault(result: FaultResult): void {
  const file = process.env.FAULT_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
