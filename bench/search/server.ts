/**
 * `anylib serve` from the sources, for the search benchmarks (common.ts `startAnylib`): the
 * configuration comes from the environment, as for the built CLI.
 */
import { main } from '../../src/cli/main.js';

await main([process.argv[0]!, 'anylib', 'serve']);
