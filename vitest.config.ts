import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // every marsad.analysis/1 object a test produces is validated against the JSON Schema and
    // its text (src/pipeline/analysis.ts)
    env: { MARSAD_VALIDATE: '1' },
  },
});
