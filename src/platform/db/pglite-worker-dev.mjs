// Runs the TypeScript worker from source (tests, tsx); the build runs dist/…/pglite-worker.js directly.
import { tsImport } from 'tsx/esm/api';
await tsImport('./pglite-worker.ts', import.meta.url);
