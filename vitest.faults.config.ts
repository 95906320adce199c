import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: the fault scenarios at full size, one at a time, with a summary table at the end. */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/faults/summary.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 1_200_000,
    hookTimeout: 120_000,
    env: { FAULT_SCALE: 'full' },
  },
});
