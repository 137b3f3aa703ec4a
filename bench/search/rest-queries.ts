/**
 * The 200 queries of bench/search/rest.ts, made from documents of the benchmark database (a seeded
 * sample), so every class finds what a reader would look for: Chinese titles and parts of them,
 * the other script (traditional for simplified and back), pinyin in full and initials, English
 * title words, broad English words, authors, ISBNs in three forms, and some with facet filters.
 */
import { pinyin } from 'pinyin-pro';
import { Converter as Cn2t } from 'opencc-js/cn2t';
import { Converter as T2cn } from 'opencc-js/t2cn';
import type { Queryable } from '../../src/platform/db/index.js';
import { searchRequestOf } from '../../src/modules/search/request.js';
import { searchQuery } from '../../src/modules/search/routes/search.schemas.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { rng } from './common.js';

export interface BenchQuery {
  cls: string;
  /** The query string after `/api/v1/search?`. */
  params: string;
  label: string;
}

const toTraditional = Cn2t({ from: 'cn', to: 'tw' });
const toSimplified = T2cn({ from: 'tw', to: 'cn' });
const STOP = new Set(['the', 'and', 'of', 'a', 'an', 'in', 'on', 'for', 'to', 'with', 'de', 'la', 'le', 'les', 'et', 'des', 'du', 'der', 'die', 'und', 'el', 'en', 'y']);
const BROAD = ['history', 'music', 'science', 'world', 'american', 'art', 'life', 'war', 'love', 'new york', 'introduction', 'jazz', 'guide', 'poetry', 'education'];

interface Doc { cluster_id: string; title: string; author: string | null; isbns: string[]; language: string | null; year: number | null }

export async function benchQueries(db: Queryable, n: number, librarySymbols: string[]): Promise<BenchQuery[]> {
  const r = rng(11);
  const sample = async (where: string, count: number): Promise<Doc[]> => {
    const ids = Array.from({ length: count * 4 }, () => 1 + Math.floor(r() * n));
    const { rows } = await db.query<Doc>(`SELECT cluster_id, title, author, isbns, language, year FROM search_documents WHERE cluster_id = ANY($1::bigint[]) AND ${where} ORDER BY cluster_id`, [ids]);
    return rows.slice(0, count);
  };
  const q = (s: string, extra = ''): string => `q=${encodeURIComponent(s)}&facets=true${extra}`;
  const out: BenchQuery[] = [];
  const add = (cls: string, text: string, extra = ''): void => void out.push({ cls, params: q(text, extra), label: `${text}${extra ? ` ${decodeURIComponent(extra)}` : ''}` });

  const simplified = await sample(`language = 'chi'`, 400);
  const isTrad = (s: string) => toSimplified(s) !== s;
  const simp = simplified.filter((d) => !isTrad(d.title));
  const trad = simplified.filter((d) => isTrad(d.title));
  const han = (s: string) => s.replace(/[^\u4e00-\u9fff]/gu, '');
  const take = <T>(xs: T[], k: number): T[] => xs.splice(0, k);

  for (const d of take(simp, 25)) add('zh-title', d.title);
  for (const d of take(simp, 15)) add('zh-part', han(d.title).slice(0, 4));
  for (const d of take(simp, 10)) add('zh-traditional', toTraditional(d.title));
  for (const d of take(trad, 10)) add('zh-traditional', toSimplified(d.title));
  for (const d of take(simp.filter((x) => han(x.title).length <= 6), 15)) add('pinyin-full', pinyin(han(d.title), { toneType: 'none', type: 'array', v: true }).join(''));
  for (const d of take(simp.filter((x) => han(x.title).length <= 6), 10)) add('pinyin-initials', pinyin(han(d.title), { pattern: 'first', toneType: 'none', type: 'array' }).join(''));
  const zhAuthors = take(simp.filter((x) => x.author), 10);
  zhAuthors.forEach((d, i) => add('author', i % 2 ? `author:${d.author}` : d.author!));

  const english = await sample(`language = 'eng'`, 200);
  for (const d of take(english, 25)) {
    const words = d.title.toLowerCase().split(/\s+/u).filter((w) => /^[\p{L}'-]{3,}$/u.test(w) && !STOP.has(w));
    add('en-title-words', words.slice(0, 3).join(' ') || d.title);
  }
  for (const w of BROAD) add('en-broad', w);
  for (const d of take(english.filter((x) => x.author), 10)) {
    const surname = d.author!.split(',')[0]!.trim();
    add('author', `author:${surname.includes(' ') ? `"${surname}"` : surname}`);
  }
  const isbnDocs = await sample('cardinality(isbns) > 0', 20);
  isbnDocs.forEach((d, i) => {
    const i13 = d.isbns[0]!;
    if (i % 3 === 0) add('isbn', i13);
    else if (i % 3 === 1) add('isbn', `${i13.slice(0, 3)}-${i13.slice(3, 4)}-${i13.slice(4, 8)}-${i13.slice(8, 12)}-${i13.slice(12)}`);
    else {
      const nine = i13.slice(3, 12);
      const c = (11 - ([...nine].reduce((s, x, k) => s + Number(x) * (10 - k), 0) % 11)) % 11;
      add('isbn', `isbn:${nine}${c === 10 ? 'X' : c}`);
    }
  });
  // Facet choices on top of queries of the other classes: broad ones narrowed, narrow ones filtered.
  const lib = () => librarySymbols[Math.floor(r() * Math.min(10, librarySymbols.length))]!;
  const filtered: [string, string, string][] = [
    ['history', '&format=book', 'broad'], ['history', '&year=1990-1999', 'broad'], ['music', '&language=eng', 'broad'],
    ['science', `&library=${lib()}`, 'broad'], ['war', '&availability=anywhere', 'broad'], ['art', '&format=book&year=2000-', 'broad'],
    ['life', `&library=${lib()}&format=book`, 'broad'], ['world', '&language=eng&year=-1950', 'broad'], ['jazz', '&format=audio', 'broad'],
    ['introduction', `&library=${lib()}`, 'broad'], ['poetry', '&year=2010-2026', 'broad'], ['education', '&format=book', 'broad'],
  ];
  for (const [text, extra] of filtered) add('facet-filtered', text, extra);
  for (const d of take(simp, 8)) add('facet-filtered', han(d.title).slice(0, 2), '&language=chi');
  for (const d of take(simp, 5)) add('facet-filtered', han(d.title).slice(0, 2), `&library=${lib()}`);
  for (const d of take(english, 10)) {
    const w = d.title.toLowerCase().split(/\s+/u).filter((x) => /^[\p{L}'-]{4,}$/u.test(x) && !STOP.has(x))[0] ?? 'history';
    add('facet-filtered', w, r() < 0.5 ? '&format=book' : '&year=2000-2026');
  }
  return out.slice(0, 200);
}

/** The search a query string asks for, read as the route reads it (no reader signed in). */
export function restRequest(params: string): SearchRequest {
  const raw = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(params)) raw.set(k, raw.has(k) ? [...[raw.get(k)!].flat(), v] : v);
  const { myLibrary: _mine, ...form } = searchQuery.parse(Object.fromEntries(raw));
  return searchRequestOf(form, null);
}
