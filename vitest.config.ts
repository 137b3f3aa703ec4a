import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // `*.pg.test.ts` need a PostgreSQL server (several processes on one database): they run in
    // the suite's second pass, with DATABASE_URL set, and are not part of the embedded pass.
    exclude: ['**/node_modules/**', 'dist/**', ...(process.env.DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    // Each file gets its own database; PGlite's start-up takes a few seconds on this machine, and
    // loading a catalogue in a suite's set-up takes minutes on a busy one.
    testTimeout: 30_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
