/**
 * Issue 3 figure: parsing ISO 2709 and writing MARCXML — the work of
 * `yaz-marcdump -i marc -o marcxml FILE > /dev/null` — at least as fast as yaz-marcdump (C) and
 * ≥ 15 × Perl MARC::Record, side by side in one run on the same corpus (../shared/peers/).
 *
 *   npx tsx bench/marc-parse.ts [FILE] [RUNS]      (default /tmp/c100k.mrc, 5 runs)
 *
 * FILE is made with ../shared/peers/make_corpus.py (100,000 records, 20 libraries, seed 1) when
 * it does not exist. Anylib and YAZ take turns, RUNS times each (the machine is shared: best and
 * spread are printed); Perl runs once (it takes a minute). Lines are `name value unit`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { readIso2709 } from '../src/modules/catalog/domain/marc/iso2709/reader.js';
import { MarcXmlWriter } from '../src/modules/catalog/domain/marc/marcxml/writer.js';
import { figure, root } from './support.js';

const file = process.argv[2] ?? '/tmp/c100k.mrc';
const runs = Number(process.argv[3] ?? 5);
const peers = path.resolve(root, '../shared/peers');

if (!existsSync(file)) {
  console.error(`making ${file} with make_corpus.py (100,000 records)…`);
  execFileSync('python3', [path.join(peers, 'make_corpus.py'), '-n', '100000', '-l', '20', '--seed', '1', '-o', file], { stdio: 'inherit' });
}
execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 }); // warm the page cache for every contender

/** Anylib: stream the file through the ISO 2709 reader into the MARCXML writer, to /dev/null. */
async function anylib(): Promise<{ records: number; seconds: number; rssMb: number }> {
  const t0 = performance.now();
  const out = new MarcXmlWriter(createWriteStream('/dev/null'));
  let records = 0;
  let rss = 0;
  for await (const r of readIso2709(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    records++;
    if (r.ok) await out.write(r.record);
    if ((records & 0x3fff) === 0) rss = Math.max(rss, process.memoryUsage.rss());
  }
  await out.end();
  return { records, seconds: (performance.now() - t0) / 1000, rssMb: Math.max(rss, process.memoryUsage.rss()) / 2 ** 20 };
}

/** yaz-marcdump, measured as ../shared/peers/peers.sh parse-yaz does. */
function yaz(): number {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', 'yaz-marcdump -i marc -o marcxml "$1" > /dev/null', 'sh', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`yaz-marcdump exited with ${r.status}`);
  return (performance.now() - t0) / 1000;
}

/** Perl MARC::Record through peers.sh parse-perl (MARC::Batch over every record and field). */
function perl(): number {
  const out = execFileSync(path.join(peers, 'peers.sh'), ['parse-perl', file], { encoding: 'utf8' });
  return Number(/parse-perl\.seconds ([\d.]+)/.exec(out)?.[1]);
}

const ours: number[] = [];
const theirs: number[] = [];
let records = 0;
let rssMb = 0;
for (let i = 0; i < runs; i++) {
  const a = await anylib();
  records = a.records;
  rssMb = Math.max(rssMb, a.rssMb);
  ours.push(records / a.seconds);
  theirs.push(records / yaz());
}
const perlRate = records / perl();

const best = (xs: number[]) => Math.round(Math.max(...xs));
const worst = (xs: number[]) => Math.round(Math.min(...xs));
figure('marc-parse.records', records, 'records');
figure('marc-parse.anylib.rate', best(ours), 'records/s');
figure('marc-parse.anylib.rate-worst', worst(ours), 'records/s');
figure('marc-parse.anylib.rss', Math.round(rssMb), 'MB');
figure('marc-parse.yaz.rate', best(theirs), 'records/s');
figure('marc-parse.yaz.rate-worst', worst(theirs), 'records/s');
figure('marc-parse.perl.rate', Math.round(perlRate), 'records/s');
figure('marc-parse.anylib-over-yaz', Number((best(ours) / best(theirs)).toFixed(2)), 'x');
figure('marc-parse.anylib-over-yaz-per-round', Number(Math.min(...ours.map((o, i) => o / theirs[i]!)).toFixed(2)), 'x (worst round)');
figure('marc-parse.anylib-over-perl', Number((best(ours) / perlRate).toFixed(1)), 'x');
