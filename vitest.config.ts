import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{contract,server,sdk,mocks,docs}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/totals-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['contract/src/**/*.ts', 'server/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test/**', 'server/src/main.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
