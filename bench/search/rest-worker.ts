/**
 * A worker thread of rest-load.ts: builds pages of search documents (the CPU of the load), so both
 * cores build while the main thread writes. Each page has its own seed: the corpus is the same
 * whichever worker builds which page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LibraryPlace } from '../../src/modules/search/domain/document/build.js';
import { rng } from './common.js';
import { documentOf, makeCluster, vocabulary, Weighted, type BenchLibrary } from './rest-corpus.js';

const data = workerData as { shared: string; corpus: string; libraries: BenchLibrary[]; weights: number[] };
const v = await vocabulary(data.shared, data.corpus);
const libs = new Weighted(data.libraries, data.weights);
const places = new Map<number, LibraryPlace>(data.libraries.map((l) => [l.id, { allianceIds: l.allianceIds, province: l.province }]));
parentPort!.on('message', (m: { from: number; to: number; seed: number }) => {
  const r = rng(m.seed);
  const docs = [];
  for (let id = m.from; id < m.to; id++) docs.push(documentOf(makeCluster(id, v, libs, r), places));
  parentPort!.postMessage({ from: m.from, docs });
});
parentPort!.postMessage({ ready: true });
