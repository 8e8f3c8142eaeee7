import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Integration tests start real servers and child processes; two cores on CI.
    fileParallelism: false,
  },
});
