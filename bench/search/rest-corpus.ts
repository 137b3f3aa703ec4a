/**
 * The 1 M-cluster search corpus of bench/search/rest.ts (issue 4), written straight into the
 * search index: each cluster is a synthetic MARC 21 record (normalised and summarised by the
 * catalogue's own code) with its members and holdings, made into a search document by the search
 * module's `buildDocument` and stored by `writeDocuments` — what the indexer does, without
 * importing a million MARC records first (that is the import's benchmark, not search's).
 *
 * ~30 % Chinese (words from the CJK records of ../shared/data/marc segmented by jieba, plus the
 * jieba dictionary's common words and person names, by frequency; a third of them in traditional
 * characters, as Taiwan and Hong Kong libraries catalogue), the rest with title words, names and
 * subjects of the make_corpus.py corpus; ISBNs with valid check digits; 1–20 holding libraries
 * (Pareto: most books in one, few in many; big libraries hold more); years 1900–2026, recent ones
 * more often; formats and languages in plausible shares. Deterministic for a seed.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Converter } from 'opencc-js/cn2t';
import type { ClusterForIndex, DataField, MarcRecord } from '../../src/modules/catalog/index.js';
import { readIso2709 } from '../../src/modules/catalog/domain/marc/index.js';
import { normalise } from '../../src/modules/catalog/domain/normalise/index.js';
import { summarise } from '../../src/modules/catalog/ingest/summary.js';
import { chineseWords } from '../../src/modules/search/domain/analysis/chinese.js';
import { buildDocument, type LibraryPlace, type SearchDocument } from '../../src/modules/search/domain/document/build.js';

const require = createRequire(import.meta.url);
const toTraditional = Converter({ from: 'cn', to: 'tw' });

/** Weighted choice in O(log n): cumulative weights, binary search. */
export class Weighted<T> {
  private readonly cum: number[] = [];
  constructor(readonly items: readonly T[], weights: readonly number[]) {
    let s = 0;
    for (const w of weights) this.cum.push((s += w));
  }
  pick(r: () => number): T {
    const x = r() * this.cum[this.cum.length - 1]!;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

export interface Vocabulary {
  zhWords: Weighted<string>;
  zhNames: Weighted<string>;
  zhTitles: string[];
  enTitleWords: string[];
  enAuthors: string[];
  enSubjects: string[];
  publishers: string[];
}

const HAN = /^[\u4e00-\u9fff]+$/u;

/** Words of the CJK records in ../shared/data/marc, jieba's common words and names, and the corpus's English. */
export async function vocabulary(shared: string, corpus: string): Promise<Vocabulary> {
  // Han runs of every shared record file (the CJK records: titles, names, publishers in 880 and 245).
  const runs = new Set<string>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else for (const m of readFileSync(p).toString('utf8').matchAll(/[\u4e00-\u9fff]{2,}/gu)) runs.add(m[0]);
    }
  };
  walk(path.join(shared, 'data/marc'));
  const recordWords = new Set<string>();
  for (const run of runs) for (const w of chineseWords(run)) if (w.length >= 2 && HAN.test(w)) recordWords.add(w);
  // jieba's dictionary: "word frequency part-of-speech"; common nouns, verbs and names.
  const dictPath = path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
  const words: { w: string; f: number }[] = [];
  const names: { w: string; f: number }[] = [];
  for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
    const [w, f, pos] = line.split(' ');
    if (!w || !f || !HAN.test(w) || w.length < 2 || w.length > 4) continue;
    if (pos === 'nr' && w.length <= 3) names.push({ w, f: Number(f) });
    else if (['n', 'nz', 'ns', 'vn', 'v', 'an', 'l', 'i'].includes(pos ?? '')) words.push({ w, f: Number(f) });
  }
  words.sort((a, b) => b.f - a.f);
  names.sort((a, b) => b.f - a.f);
  const common = words.slice(0, 30_000);
  const zhWords = new Weighted(
    [...recordWords, ...common.map((x) => x.w)],
    [...[...recordWords].map(() => 2000), ...common.map((x) => Math.pow(x.f, 0.7))],
  );
  const topNames = names.slice(0, 8000);
  const zhNames = new Weighted(topNames.map((x) => x.w), topNames.map((x) => Math.pow(x.f, 0.5)));

  // English: the first 20,000 records of the make_corpus.py corpus (title words with their own frequencies).
  const enTitleWords: string[] = [];
  const enAuthors: string[] = [];
  const enSubjects: string[] = [];
  const publishers: string[] = [];
  let n = 0;
  const sub = (f: DataField, code: string) => f.subfields.find((s) => s.code === code)?.value.replace(/[\s/:;,.=]+$/u, '').trim() ?? '';
  for await (const r of readIso2709(createReadStream(corpus, { highWaterMark: 1 << 20 }))) {
    if (!r.ok) continue;
    for (const f of r.record.fields) {
      if (!('subfields' in f)) continue;
      if (f.tag === '245') for (const w of sub(f, 'a').split(/\s+/u)) if (/^[\p{L}'-]{2,}$/u.test(w)) enTitleWords.push(w);
      if (f.tag === '100' && sub(f, 'a')) enAuthors.push(sub(f, 'a'));
      if (f.tag === '650' && sub(f, 'a')) enSubjects.push(sub(f, 'a'));
      if (f.tag === '260' && sub(f, 'b')) publishers.push(sub(f, 'b'));
    }
    if (++n >= 20_000) break;
  }
  const zhTitles = [...runs].filter((r) => r.length >= 3 && r.length <= 12);
  return { zhWords, zhNames, zhTitles, enTitleWords, enAuthors, enSubjects, publishers };
}

export interface BenchLibrary {
  id: number;
  symbol: string;
  province: string;
  allianceIds: number[];
}

/** ISBN-13 with its check digit (ISO 2108). */
export function isbn13(prefix: string, r: () => number): string {
  let s = prefix;
  while (s.length < 12) s += String(Math.floor(r() * 10));
  const sum = [...s].reduce((a, d, i) => a + Number(d) * (i % 2 ? 3 : 1), 0);
  return s + String((10 - (sum % 10)) % 10);
}

const FORMATS = new Weighted(
  ['book', 'serial', 'thesis', 'e-book', 'score', 'audio', 'video', 'map'],
  [80, 6, 4, 2, 3, 2, 2, 1],
);
const EN_LANGUAGES = new Weighted(['eng', 'fre', 'ger', 'spa', 'jpn', 'rus'], [80, 6, 5, 4, 3, 2]);
const LEADER: Record<string, [string, string]> = {
  book: ['a', 'm'], serial: ['a', 's'], thesis: ['a', 'm'], 'e-book': ['a', 'm'], score: ['c', 'm'], audio: ['j', 'm'], video: ['g', 'm'], map: ['e', 'm'],
};

const df = (tag: string, ind1: string, ind2: string, ...sf: [string, string][]): DataField => ({ tag, ind1, ind2, subfields: sf.map(([code, value]) => ({ code, value })) });

/** One synthetic cluster, as the catalogue would hand it to the indexer. */
export function makeCluster(id: number, v: Vocabulary, libs: Weighted<BenchLibrary>, r: () => number): ClusterForIndex {
  const chinese = r() < 0.3;
  const traditional = chinese && r() < 0.33;
  const format = FORMATS.pick(r);
  const language = chinese ? 'chi' : EN_LANGUAGES.pick(r);
  const year = 2026 - Math.floor(126 * Math.pow(r(), 1.8));
  let title: string;
  let author: string;
  let subject: string;
  let publisher: string;
  if (chinese) {
    const k = 1 + Math.floor(r() * 3.2);
    title = r() < 0.04 ? v.zhTitles[Math.floor(r() * v.zhTitles.length)]! : Array.from({ length: k + 1 }, () => v.zhWords.pick(r)).join('');
    author = v.zhNames.pick(r);
    subject = Array.from({ length: 2 }, () => v.zhWords.pick(r)).join('');
    publisher = `${v.zhWords.pick(r)}出版社`;
    if (traditional) [title, author, subject, publisher] = [title, author, subject, publisher].map((s) => toTraditional(s)) as [string, string, string, string];
  } else {
    const k = 2 + Math.floor(r() * 5);
    const words = Array.from({ length: k }, () => v.enTitleWords[Math.floor(r() * v.enTitleWords.length)]!);
    title = words.join(' ');
    author = v.enAuthors[Math.floor(r() * v.enAuthors.length)]!;
    subject = v.enSubjects[Math.floor(r() * v.enSubjects.length)]!;
    publisher = v.publishers[Math.floor(r() * v.publishers.length)]!;
  }
  const isbn = isbn13(chinese ? '9787' : r() < 0.5 ? '9780' : '9781', r);
  const [type, level] = LEADER[format]!;
  const f008 = `260101s${year}    ${chinese ? 'cc ' : 'xxu'}${format === 'serial' ? '   p ' : '     '}${' '.repeat(12)}${language} d`;
  const fields: MarcRecord['fields'] = [
    { tag: '001', value: `bench${id}` },
    { tag: '008', value: f008.slice(0, 23) + (format === 'e-book' ? 'o' : f008[23]) + f008.slice(24) },
    df('020', ' ', ' ', ['a', isbn]),
    df('100', '1', ' ', ['a', author]),
    df('245', '1', '0', ['a', title]),
    df('260', ' ', ' ', ['a', chinese ? '北京' : 'New York'], ['b', publisher], ['c', String(year)]),
    df('650', ' ', '0', ['a', subject], ...(!chinese && r() < 0.2 ? ([['x', 'History']] as [string, string][]) : [])),
  ];
  if (format === 'thesis') fields.push(df('502', ' ', ' ', ['a', 'Thesis (Ph.D.)']));
  if (format === 'e-book') fields.push(df('856', '4', '0', ['u', `https://example.org/ebook/${id}`]));
  if (r() < 0.3) fields.push(df('700', '1', ' ', ['a', chinese ? v.zhNames.pick(r) : v.enAuthors[Math.floor(r() * v.enAuthors.length)]!]));
  const record: MarcRecord = { leader: `00000n${type}${level} a2200000 a 4500`, fields };
  const n = normalise(record, 'marc21');
  // 1–20 holding libraries, Pareto (P(≥2) 0.41, P(≥5) 0.12, P(20) 0.02); larger libraries more often.
  const count = Math.min(20, Math.floor(Math.pow(1 - r(), -1 / 1.3)));
  const holders = new Map<number, BenchLibrary>();
  while (holders.size < count) {
    const l = libs.pick(r);
    holders.set(l.id, l);
  }
  const callNumber = `${chinese ? 'I' : 'PR'}${Math.floor(r() * 9000) + 100}.${Math.floor(r() * 99)}`;
  return {
    clusterId: id,
    display: { record, flavour: 'marc21', normalised: n },
    summary: summarise(record, 'marc21', n),
    members: [...holders.values()].map((l) => ({ libraryId: l.id, localId: `${l.symbol}-${id}`, isbns: n.isbns.map((i) => i.isbn13), issns: [], systemNumbers: [] })),
    holdings: [...holders.values()].map((l) => {
      const copies = 1 + Math.floor(r() * 3);
      return { libraryId: l.id, callNumbers: [callNumber], copies, available: Math.floor(r() * (copies + 1)) };
    }),
  };
}

export function documentOf(c: ClusterForIndex, places: ReadonlyMap<number, LibraryPlace>): SearchDocument {
  return buildDocument(c, places, 2026)!;
}
