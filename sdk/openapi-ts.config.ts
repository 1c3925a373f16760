// Generates sdk/src/gen from the committed OpenAPI contract. Run: npm run generate -w @holiday-peak-hub/sdk
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: '../contract/openapi.json',
  output: {
    path: 'src/gen',
    module: { extension: '.js' },
    // The repo's .prettierignore lists sdk/src/gen, so the formatter is called without it: output stays byte-stable.
    postProcess: [{ command: 'prettier', args: ['{{path}}', '--write', '--log-level', 'warn', '--ignore-path', ''] }],
  },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', '@tanstack/react-query'],
});
