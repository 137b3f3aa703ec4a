// Runs the TypeScript reading thread from source (tests, tsx); the build runs dist/…/read-worker.js directly.
import { tsImport } from 'tsx/esm/api';
await tsImport('./read-worker.ts', import.meta.url);
