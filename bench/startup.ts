/**
 * Issue 2 figures: first start with the demo load ≤ 15 s; cold start to /readyz 200 on an
 * existing embedded database ≤ 2 s. Run after `npm run build`:  npx tsx bench/startup.ts [runs]
 */
import { rmSync } from 'node:fs';
import { figure, median, startServer, stopServer, tempDir } from './support.js';

const runs = Number(process.argv[2] ?? 5);
const dataDir = tempDir('anylib-bench-start-');
const env = { ANYLIB_DATA_DIR: dataDir };

const first = await startServer(env);
await stopServer(first);
figure('first-start-with-demo', first.readyMs, 'ms');

const cold: number[] = [];
for (let i = 0; i < runs; i++) {
  const s = await startServer(env);
  cold.push(s.readyMs);
  await stopServer(s);
}
figure('cold-start-existing-db-median', median(cold), 'ms');
figure('cold-start-existing-db-max', Math.max(...cold), 'ms');
rmSync(dataDir, { recursive: true, force: true });
