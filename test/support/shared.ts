import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/platform/paths.js';

/**
 * The shared read-only inputs (standards, real MARC records, peers): `ANYLIB_SHARED_DIR` if set,
 * else `../shared` beside the project, else `/work/shared` (where the project's machines keep it).
 */
export const sharedDir: string = (() => {
  const candidates = [process.env.ANYLIB_SHARED_DIR, path.resolve(packageRoot, '../shared'), '/work/shared'].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(path.join(d, 'data'))) ?? candidates[0]!;
})();

export const sharedPath = (...parts: string[]): string => path.join(sharedDir, ...parts);
