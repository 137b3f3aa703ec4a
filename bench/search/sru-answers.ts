/**
 * Whether two builds give the same SRU answers, byte for byte, on a benchmark database: every query
 * of the SRU benchmark (peers/queries.txt) in SRU 1.2 and 2.0 MARCXML, 2.0 from startRecord 11 and
 * 1.2 Dublin Core, three times over (a search may be ranked the first time, kept the second and
 * read back the third: pg/ranked-answers.ts). Each build is served from its own checkout, as
 * sru.ts's --server-root does.
 *
 *   npx tsx bench/search/sru-answers.ts --db bench_search_100k /tmp/before /tmp/after
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, startAnylib } from './common.js';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string', default: 'bench_search_100k' },
    queries: { type: 'string', default: '/work/shared/peers/queries.txt' },
  },
});
if (positionals.length !== 2) throw new Error('usage: bench/search/sru-answers.ts [--db name] <checkout-a> <checkout-b>');
const queries = readFileSync(opt.queries!, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const shapes = [['1.2', '1', 'marcxml'], ['2.0', '1', 'marcxml'], ['2.0', '11', 'marcxml'], ['1.2', '1', 'dc']] as const;

const a = await startAnylib(databaseUrl(opt.db!), 120_000, path.resolve(positionals[0]!));
const b = await startAnylib(databaseUrl(opt.db!), 120_000, path.resolve(positionals[1]!));
let answers = 0;
let differ = 0;
try {
  for (let pass = 1; pass <= 3; pass++) {
    for (const q of queries) {
      for (const [version, startRecord, recordSchema] of shapes) {
        const url = `/sru?${new URLSearchParams({ version, operation: 'searchRetrieve', query: q, startRecord, maximumRecords: '10', recordSchema })}`;
        const [x, y] = await Promise.all([a, b].map(async (s) => Buffer.from(await (await fetch(s.url + url)).arrayBuffer())));
        answers++;
        if (!x!.equals(y!)) {
          differ++;
          if (differ <= 5) console.log(`DIFFERS pass ${pass}: ${q} (SRU ${version}, startRecord ${startRecord}, ${recordSchema})`);
        }
      }
    }
  }
} finally {
  await a.stop();
  await b.stop();
}
console.log(`${answers} answers compared, ${differ} differ`);
