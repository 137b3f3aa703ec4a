/** The ledger's follower while the server runs: every 15 s, the filled transactions charged (every node may run it: the cursor keeps one at a time). */
import type { BackgroundContext } from '../../../platform/module.js';
import { repeatEvery, type Repeating } from '../../../platform/repeat.js';
import { followFees } from './follower.js';

const EVERY_MS = 15_000;

export function startFees(ctx: BackgroundContext): Repeating {
  return repeatEvery(EVERY_MS, () => followFees(ctx.db), (err) => ctx.log.error({ err }, 'interlibrary loan fees round failed; trying again later'));
}
