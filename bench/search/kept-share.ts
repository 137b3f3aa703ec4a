/**
 * Which of the REST benchmark's 200 queries the statistics call frequent — kept answers' rule
 * (kept-answers.ts): past the rank cap by every lexeme's bound (unlisted ones at the rarest listed
 * share, the rule before session 12) and by the listed lexemes alone (the rule since). Reads only.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/search/kept-share.ts [--db bench_search_1m]
 */
import { parseArgs } from 'node:util';
import { CommonLexemes } from '../../src/modules/search/pg/common-lexemes.js';
import { DEFAULT_LIMITS } from '../../src/modules/search/pg/pg-search-index.js';
import { benchQueries, restRequest } from './rest-queries.js';
import { PostgresDb } from '../../src/platform/db/postgres-db.js';
import { databaseUrl } from './common.js';

const { values: opt } = parseArgs({ options: { db: { type: 'string', default: 'bench_search_1m' } } });

const db = new PostgresDb(databaseUrl(opt.db!), 1);
try {
  const symbols = (await db.query<{ symbol: string }>('SELECT symbol FROM libraries ORDER BY id')).rows.map((x) => x.symbol);
  const maxId = Number((await db.query<{ m: string }>('SELECT max(cluster_id) AS m FROM search_documents')).rows[0]!.m);
  const queries = await benchQueries(db, maxId, symbols);
  const lexemes = new CommonLexemes(db);
  const byClass = new Map<string, { all: number; before: number; since: number }>();
  for (const q of queries) {
    const request = restRequest(q.params);
    const c = byClass.get(q.cls) ?? { all: 0, before: 0, since: 0 };
    c.all++;
    if (request.query) {
      const atMost = await lexemes.atMost(request.query);
      const listed = await lexemes.listedAtMost(request.query);
      if (atMost !== null && atMost > DEFAULT_LIMITS.rankCap) c.before++;
      if (listed !== null && listed > DEFAULT_LIMITS.rankCap) c.since++;
    }
    byClass.set(q.cls, c);
  }
  let all = 0, before = 0, since = 0;
  for (const [cls, c] of byClass) {
    console.log(`# ${cls.padEnd(16)} ${String(c.all).padStart(4)} queries, frequent by every lexeme's bound ${String(c.before).padStart(4)}, by the listed lexemes ${String(c.since).padStart(4)}`);
    all += c.all; before += c.before; since += c.since;
  }
  console.log(`kept.frequent-before ${before} of ${all} queries`);
  console.log(`kept.frequent-since ${since} of ${all} queries`);
} finally {
  await db.close();
}
