import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under this condition (their `dist/` is only for publishing).
// Vite's defaults ('module', 'node'/'browser', 'development|production') are replaced when set, so they are repeated.
const conditions = ['@holiday-peak-hub/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['{contract,server,sdk,mocks,docs}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Every status a test sees must be one its operation declares (checked when the run ends).
    // One Azurite for the run (Blob Storage of the Event Hubs tests), shared by the files that use it.
    globalSetup: [
      './server/test/support/declared-statuses.global.ts',
      './server/test/support/event-hubs-azurite.global.ts',
    ],
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
