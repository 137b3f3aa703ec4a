/**
 * De-duplication quality (issue 3, "Figures"): pairwise precision and recall of the clustering
 * (a) against the ground truth of the peers' corpus generator and (b) against the labelled set
 * built from the shared real records (test/fixtures/dedup/labelled.json). Records arrive one by
 * one as in the catalog service: keys → candidate clusters → decide against the representative.
 *
 *   npm run bench:dedup [-- --corpus FILE.mrc] [--records N]
 *
 * Without --corpus it builds ../shared/peers' corpus of N records (default 20,000, 20 libraries,
 * seed 1) in the system's temporary folder. Prints `name value unit` lines.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Flavour, MarcField, MarcRecord } from '../src/modules/catalog/domain/marc/record.js';
import { ClusterIndex } from '../src/modules/catalog/domain/match/index.js';
import { normalise } from '../src/modules/catalog/domain/normalise/index.js';

const root = path.resolve(import.meta.dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A minimal ISO 2709 reader for the generator's UTF-8 corpus (the catalog's own reader does the real work). */
function* readIso2709(buf: Buffer): Generator<MarcRecord> {
  let at = 0;
  while (at + 24 <= buf.length) {
    const length = Number(buf.toString('latin1', at, at + 5));
    if (!Number.isInteger(length) || length < 24) return;
    const rec = buf.subarray(at, at + length);
    at += length;
    const leader = rec.toString('latin1', 0, 24);
    const base = Number(leader.slice(12, 17));
    const fields: MarcField[] = [];
    for (let d = 24; d + 12 <= base && rec[d] !== 0x1e; d += 12) {
      const tag = rec.toString('latin1', d, d + 3);
      const len = Number(rec.toString('latin1', d + 3, d + 7));
      const start = Number(rec.toString('latin1', d + 7, d + 12));
      let data = rec.toString('utf8', base + start, base + start + len);
      if (data.endsWith('\x1e')) data = data.slice(0, -1);
      if (tag < '010') fields.push({ tag, value: data });
      else {
        const parts = data.split('\x1f');
        const ind = (parts[0] ?? '').padEnd(2, ' ');
        fields.push({
          tag, ind1: ind[0]!, ind2: ind[1]!,
          subfields: parts.slice(1).filter((p) => p !== '').map((p) => ({ code: p[0]!, value: p.slice(1) })),
        });
      }
    }
    yield { leader, fields };
  }
}

const pairs = (n: number) => (n * (n - 1)) / 2;

interface PairScore {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/** Pairwise precision and recall of predicted cluster numbers against true cluster labels. */
function pairScore(predicted: Map<string, number>, truth: Map<string, string>): PairScore {
  const bySystem = new Map<number, number>();
  const byTruth = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const [id, cluster] of predicted) {
    const t = truth.get(id) ?? `single:${id}`;
    bySystem.set(cluster, (bySystem.get(cluster) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
    byBoth.set(`${cluster}\u0000${t}`, (byBoth.get(`${cluster}\u0000${t}`) ?? 0) + 1);
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const predictedPairs = sum(bySystem);
  const truePairs = sum(byTruth);
  const correctPairs = sum(byBoth);
  return {
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    truePairs, predictedPairs, correctPairs,
  };
}

function print(name: string, value: number, unit: string, digits = 4): void {
  console.log(`${name} ${Number.isInteger(value) ? value : value.toFixed(digits)} ${unit}`);
}

function corpusBench(): void {
  const records = Number(option('records') ?? 20000);
  let file = option('corpus');
  if (!file) {
    file = path.join(tmpdir(), `anylib-dedup-${records}.mrc`);
    if (!existsSync(file) || !existsSync(`${file}.truth.json`)) {
      const generator = path.resolve(root, '../shared/peers/make_corpus.py');
      execFileSync('python3', [generator, '-n', String(records), '-l', '20', '--seed', '1', '-o', file], { stdio: 'inherit' });
    }
  }
  const truthFile = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as { clusters: string[][] };
  const truth = new Map<string, string>();
  truthFile.clusters.forEach((c, i) => c.forEach((id) => truth.set(id, `m${i}`)));

  const index = new ClusterIndex();
  const predicted = new Map<string, number>();
  const t0 = performance.now();
  let n = 0;
  for (const record of readIso2709(readFileSync(file))) {
    const id = record.fields.find((f) => f.tag === '001' && 'value' in f) as { value: string } | undefined;
    if (!id) continue;
    predicted.set(id.value, index.add(normalise(record, 'marc21')));
    n++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const s = pairScore(predicted, truth);
  print('dedup.corpus.records', n, 'records');
  print('dedup.corpus.clusters', index.size, 'clusters');
  print('dedup.corpus.true_pairs', s.truePairs, 'pairs');
  print('dedup.corpus.predicted_pairs', s.predictedPairs, 'pairs');
  print('dedup.corpus.precision', s.precision, 'ratio');
  print('dedup.corpus.recall', s.recall, 'ratio');
  print('dedup.corpus.throughput', Math.round(n / seconds), 'records/s');
}

interface Labelled {
  records: { id: string; flavour: Flavour; manifestation: string; record: MarcRecord }[];
  pairs: { a: string; b: string; same: boolean; reason: string }[];
}

function labelledBench(): void {
  const set = JSON.parse(readFileSync(path.join(root, 'test/fixtures/dedup/labelled.json'), 'utf8')) as Labelled;
  const truth = new Map(set.records.map((r) => [r.id, r.manifestation]));
  const normalised = new Map(set.records.map((r) => [r.id, normalise(r.record, r.flavour)]));
  // Arrival order matters to an incremental clusterer: score the set in order and reversed.
  for (const [label, order] of [['', set.records], ['.reversed', [...set.records].reverse()]] as const) {
    const index = new ClusterIndex();
    const predicted = new Map<string, number>();
    for (const r of order) predicted.set(r.id, index.add(normalised.get(r.id)!));
    const s = pairScore(predicted, truth);
    print(`dedup.labelled${label}.precision`, s.precision, 'ratio');
    print(`dedup.labelled${label}.recall`, s.recall, 'ratio');
    if (label === '') {
      print('dedup.labelled.records', set.records.length, 'records');
      print('dedup.labelled.true_pairs', s.truePairs, 'pairs');
      print('dedup.labelled.predicted_pairs', s.predictedPairs, 'pairs');
      // The labelled hard cases, one by one: each pair with its reason, as the set states it.
      const wrong = set.pairs.filter((p) => (predicted.get(p.a) === predicted.get(p.b)) !== p.same);
      print('dedup.labelled.hard_pairs', set.pairs.length, 'pairs');
      print('dedup.labelled.hard_pairs_wrong', wrong.length, 'pairs');
      for (const p of wrong) console.error(`wrong: ${p.a} ${p.same ? '=' : '≠'} ${p.b}: ${p.reason}`);
    }
  }
}

if (!process.argv.includes('--corpus-only')) labelledBench();
if (!process.argv.includes('--labelled-only')) corpusBench();
