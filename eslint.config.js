// Type-aware lint for every TypeScript file of the workspace.
import tseslint from 'typescript-eslint';

/** What neither the core nor the mocks may import (also checked on the mocks' browser bundle). */
const CORE_FORBIDDEN = [
  'express',
  '@azure',
  'ioredis',
  'nodemailer',
  'stripe',
  'pino',
  'rate-limiter-flexible',
  '@zxcvbn-ts',
  'cors',
  'helmet',
  '@holiday-peak-hub/server',
  'fs',
  'crypto',
  'http',
  'net',
  'path',
  'os',
  'events',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'sdk/src/gen/**',
      'docs/index.html',
      '.bench/**',
      '.ci/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs in Node and in browsers (the mocks): no transport, storage or Node-only module.
    files: ['server/core/src/**/*.ts', 'mocks/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The core and the mocks run in browsers: use Web APIs or a port.' },
            {
              regex: `^(${CORE_FORBIDDEN.join('|')})(/.*)?$`,
              message: 'Transport, storage and server-only libraries belong to the server adapters, behind a port.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
