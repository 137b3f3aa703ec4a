/**
 * "Where are you from?" (issue 6): finding a reader's library from what they type — its Chinese
 * or English name or part of it, its abbreviation (the symbol's code, CN-PKU → PKU; or the
 * English initials, "Beijing Normal University" → BNU), the pinyin of its Chinese name, whole
 * (beijingdaxue, "beijing daxue") or as initials (bjdx), or a Chinese short form whose characters
 * appear in order in the name (北大 → 北京大学, 北师大 → 北京师范大学). Pure.
 */
import { pinyin } from 'pinyin-pro';

export interface LibraryName {
  symbol: string;
  nameZh: string;
  nameEn: string;
}

export type MatchKind = 'symbol' | 'abbreviation' | 'name' | 'pinyin' | 'initials' | 'short-form';

export interface IndexedLibrary extends LibraryName {
  /** What is searched, prepared once. */
  keys: { code: string; zh: string; en: string; enInitials: string; pinyin: string; initials: string };
}

/** Words that are no part of a library's own name (left out of initials and of the Chinese name). */
const ENGLISH_FILLERS = new Set(['library', 'libraries', 'of', 'and', 'the', 'for', '&']);
const ZH_SUFFIX = /(图书馆|圖書館|文献信息中心|信息中心)$/;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\-_.,·'’()（）]+/g, '');

export function indexLibrary(l: LibraryName): IndexedLibrary {
  const zh = l.nameZh.normalize('NFKC').replace(ZH_SUFFIX, '');
  const hanzi = zh.replace(/[^\u3400-\u9fff]/g, '');
  const words = l.nameEn.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w && !ENGLISH_FILLERS.has(w.toLowerCase()));
  return {
    ...l,
    keys: {
      code: l.symbol.replace(/^[A-Z]{2}-/, '').toLowerCase(),
      zh: fold(zh),
      en: fold(l.nameEn),
      enInitials: words.map((w) => w[0]!.toLowerCase()).join(''),
      pinyin: hanzi ? pinyin(hanzi, { toneType: 'none', type: 'array' }).join('').toLowerCase() : '',
      initials: hanzi ? pinyin(hanzi, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase() : '',
    },
  };
}

/** How well a query matches a library, or undefined; higher is better. */
export function matchLibrary(l: IndexedLibrary, query: string): { score: number; match: MatchKind } | undefined {
  const q = fold(query);
  if (!q) return undefined;
  const k = l.keys;
  const latin = /^[a-z0-9]+$/.test(q);
  if (q === fold(l.symbol) || q === k.code) return { score: 100, match: 'symbol' };
  if (latin && q === k.enInitials && q.length >= 2) return { score: 95, match: 'abbreviation' };
  if (k.zh === q || k.en === q) return { score: 92, match: 'name' };
  if (k.zh.startsWith(q) || k.en.startsWith(q)) return { score: 90, match: 'name' };
  if (latin && q.length >= 2 && k.pinyin.startsWith(q)) return { score: 85, match: 'pinyin' };
  if (latin && q.length >= 2 && k.initials.startsWith(q)) return { score: 80, match: 'initials' };
  if (k.zh.includes(q) || (q.length >= 3 && k.en.includes(q))) return { score: 75, match: 'name' };
  if (latin && q.length >= 4 && k.pinyin.includes(q)) return { score: 65, match: 'pinyin' };
  if (latin && q.length >= 2 && k.code.startsWith(q)) return { score: 60, match: 'abbreviation' };
  if (!latin && q.length >= 2 && /^[\u3400-\u9fff]+$/.test(q) && isSubsequence(q, k.zh)) return { score: 50, match: 'short-form' };
  return undefined;
}

function isSubsequence(q: string, s: string): boolean {
  let i = 0;
  for (const c of s) if (c === q[i]) i++;
  return i === q.length;
}

/** The libraries matching `query`, best first (ties: the shorter name, then the symbol). */
export function findLibraries(libraries: IndexedLibrary[], query: string, limit: number): { library: IndexedLibrary; match: MatchKind; score: number }[] {
  return libraries
    .flatMap((library) => {
      const m = matchLibrary(library, query);
      return m ? [{ library, ...m }] : [];
    })
    .sort((a, b) => b.score - a.score || a.library.keys.zh.length - b.library.keys.zh.length || a.library.symbol.localeCompare(b.library.symbol))
    .slice(0, limit);
}
