/**
 * The citation an OpenURL describes, read from its keys: OpenURL 1.0 (Z39.88-2004, KEV context
 * objects with the book, journal and dissertation metadata formats of the OpenURL registry) and
 * the common OpenURL 0.1 form (`sid=`, `genre=`, `isbn=`, `title=`, `id=doi:…`) that databases
 * still send. Both are read by one function: links in the wild mix them (a 1.0 link with `sid`, a
 * 0.1 link with `rft.` keys), and a reader arriving from either should find the book.
 */
import { identifierOfUri, readers, type IdentifierKind } from './identifiers.js';
import type { KevPair } from './kev.js';

export const GENRES = ['book', 'chapter', 'article', 'journal', 'dissertation', 'conference', 'unknown'] as const;
export type Genre = (typeof GENRES)[number];

export interface Author {
  /** Surname, or the whole name when the citation does not split it (a corporate or Chinese name). */
  last: string | null;
  first: string | null;
  /** The whole name as given (`rft.au`), or built from its parts. */
  full: string;
}

export interface Citation {
  /** OpenURL 1.0 or the 0.1 form (which keys were read). */
  version: '1.0' | '0.1';
  genre: Genre;
  /** The metadata format named by `rft_val_fmt` (`book`, `journal`, `dissertation`), or null. */
  format: string | null;
  /** The book's or the dissertation's title (`rft.btitle`, `rft.title`), or null. */
  title: string | null;
  /** The article's or the chapter's title (`rft.atitle`). */
  articleTitle: string | null;
  /** The journal's title (`rft.jtitle`, the journal format's `rft.title`, 0.1 `title` of an article). */
  journalTitle: string | null;
  authors: Author[];
  /** ISBN-13 digits, valid check digits only. */
  isbns: string[];
  /** ISSNs (print and electronic) as `1234-5679`, valid check digits only. */
  issns: string[];
  doi: string | null;
  oclc: string | null;
  lccn: string | null;
  pmid: string | null;
  /** The date as given (`2001`, `2001-05`, `2001-05-17`). */
  date: string | null;
  year: number | null;
  volume: string | null;
  issue: string | null;
  startPage: string | null;
  endPage: string | null;
  pages: string | null;
  publisher: string | null;
  place: string | null;
  edition: string | null;
  /** The referring database (`rfr_id`, 0.1 `sid`), e.g. `info:sid/cnki.net`. */
  referrer: string | null;
  /** The requester (`req_id`) and the service asked for (`svc_id`), passed on as given. */
  requester: string | null;
  service: string | null;
}

/** Something in the citation that could not be used, and why: shown to the reader, never fatal. */
export interface CitationProblem {
  /** The key it came from (`rft.isbn`, `rft_id`, …). */
  field: string;
  code: 'check-digit' | 'malformed' | 'bad-date' | 'unknown-format' | 'encoding' | 'unsupported-key';
  value: string;
}

export type ContextObjectReading =
  | { ok: true; citation: Citation; problems: CitationProblem[] }
  | { ok: false; reason: 'unsupported-version'; field: string; value: string }
  | { ok: false; reason: 'no-metadata'; problems: CitationProblem[] };

/** The only version Z39.88-2004 Part 2 defines for `url_ver` and `ctx_ver`. */
export const Z39_88_2004 = 'Z39.88-2004';
const KEV_CTX = 'info:ofi/fmt:kev:mtx:ctx';

/** Values of a key, first to last; `rft.x` and the 0.1 form's bare `x` are looked up separately. */
class Keys {
  private readonly map = new Map<string, string[]>();
  constructor(pairs: readonly KevPair[]) {
    for (const { key, value } of pairs) {
      if (value === '') continue;
      const list = this.map.get(key) ?? [];
      list.push(value);
      this.map.set(key, list);
    }
  }
  all(key: string): string[] {
    return this.map.get(key) ?? [];
  }
  one(...keys: string[]): string | null {
    for (const k of keys) {
      const v = this.map.get(k)?.[0];
      if (v) return v;
    }
    return null;
  }
  has(pred: (key: string) => boolean): boolean {
    return [...this.map.keys()].some(pred);
  }
}

/** `rft.genre` / 0.1 `genre` values (Z39.88 registry: book and journal formats; 0.1 §4.1) → our genres. */
const GENRE_OF: Record<string, Genre> = {
  book: 'book', report: 'book', document: 'book', bookitem: 'chapter', chapter: 'chapter',
  article: 'article', preprint: 'article', journal: 'journal', issue: 'journal', serial: 'journal',
  proceeding: 'conference', conference: 'conference', dissertation: 'dissertation', thesis: 'dissertation',
};

const FORMATS = ['book', 'journal', 'dissertation'];

/** "Cao, Xueqin" → Cao; "Xueqin Cao" → Cao; "曹雪芹" → 曹雪芹 (a Chinese name is searched whole). */
export function surnameOf(name: string): string {
  const n = name.trim();
  if (/[\u3400-\u9fff]/u.test(n)) return n.replace(/\s+/g, '');
  const comma = n.indexOf(',');
  if (comma > 0) return n.slice(0, comma).trim();
  const words = n.split(/\s+/);
  return words[words.length - 1]!;
}

function readAuthors(k: Keys, p: string): Author[] {
  const out: Author[] = [];
  const last = k.one(`${p}aulast`);
  const first = k.one(`${p}aufirst`) ?? k.one(`${p}auinit`) ?? ([k.one(`${p}auinit1`), k.one(`${p}auinitm`)].filter(Boolean).join(' ') || null);
  if (last) out.push({ last, first, full: first ? `${last}, ${first}` : last });
  const corp = k.one(`${p}aucorp`);
  if (corp) out.push({ last: corp, first: null, full: corp });
  for (const au of k.all(`${p}au`)) {
    const surname = surnameOf(au);
    if (out.some((a) => a.last?.toLowerCase() === surname.toLowerCase() || a.full === au)) continue;
    const comma = au.indexOf(',');
    out.push({ last: surname, first: comma > 0 ? au.slice(comma + 1).trim() || null : null, full: au });
  }
  return out;
}

/**
 * Reads the context object. The 1.0 keys (`rft.*`) win over the 0.1 ones when both are given.
 * Fatal only when the version is one we cannot read, or when nothing identifies a work.
 */
export function readContextObject(pairs: readonly KevPair[]): ContextObjectReading {
  const k = new Keys(pairs);
  for (const key of ['url_ver', 'ctx_ver']) {
    const v = k.one(key);
    if (v && v !== Z39_88_2004) return { ok: false, reason: 'unsupported-version', field: key, value: v };
  }
  // Part 2 §9: a KEV link may carry its context object in another format (XML) by value or by
  // reference; we read KEV only.
  const ctxFmt = k.one('url_ctx_fmt');
  if (ctxFmt && ctxFmt !== KEV_CTX) return { ok: false, reason: 'unsupported-version', field: 'url_ctx_fmt', value: ctxFmt };

  const problems: CitationProblem[] = [];
  const is10 = k.one('url_ver', 'ctx_ver') !== null || k.has((key) => key.startsWith('rft.') || key.startsWith('rft_'));
  // 1.0 key first, then the 0.1 key.
  const get = (name: string): string | null => k.one(`rft.${name}`, name);

  const fmtUri = k.one('rft_val_fmt');
  let format: string | null = null;
  if (fmtUri) {
    const m = /^info:ofi\/fmt:kev:mtx:(\w+)$/.exec(fmtUri);
    if (m && FORMATS.includes(m[1]!)) format = m[1]!;
    else problems.push({ field: 'rft_val_fmt', code: 'unknown-format', value: fmtUri });
  }

  // Identifiers: the metadata keys (repeatable), then rft_id URIs, then 0.1 id=.
  const ids: Record<IdentifierKind, string[]> = { isbn: [], issn: [], doi: [], oclc: [], lccn: [], pmid: [] };
  const take = (kind: IdentifierKind, field: string, raw: string) => {
    const r = readers[kind](raw);
    if (r.ok) {
      if (!ids[kind].includes(r.value)) ids[kind].push(r.value);
    } else problems.push({ field, code: r.reason, value: raw });
  };
  for (const field of ['rft.isbn', 'isbn']) for (const v of k.all(field)) take('isbn', field, v);
  for (const field of ['rft.issn', 'issn', 'rft.eissn', 'eissn']) for (const v of k.all(field)) take('issn', field, v);
  for (const field of ['rft_id', 'id']) {
    for (const v of k.all(field)) {
      const id = identifierOfUri(v);
      if (id) take(id.kind, field, id.raw);
      else if (!/^(https?:|info:sid\/|info:ofi\/)/i.test(v)) problems.push({ field, code: 'unsupported-key', value: v });
    }
  }

  const genreRaw = get('genre')?.toLowerCase() ?? null;
  const atitle = get('atitle');
  const btitle = k.one('rft.btitle');
  const jtitle = k.one('rft.jtitle') ?? k.one('rft.stitle');
  const plainTitle = get('title');
  let genre: Genre = genreRaw ? (GENRE_OF[genreRaw] ?? 'unknown') : 'unknown';
  if (format === 'dissertation') genre = 'dissertation';
  if (genre === 'unknown') {
    // No (known) genre: what the keys say (the format, then which titles are present).
    if (format === 'journal') genre = atitle ? 'article' : 'journal';
    else if (format === 'book') genre = atitle ? 'chapter' : 'book';
    else if (atitle && (jtitle || ids.issn.length > 0)) genre = 'article';
    else if (atitle && (btitle || ids.isbn.length > 0)) genre = 'chapter';
    else if (ids.isbn.length > 0 || btitle) genre = 'book';
    else if (ids.issn.length > 0 || jtitle) genre = 'journal';
    else if (atitle) genre = 'article';
  }
  // `title` is the book's title in the book format and 0.1 books, the journal's in the journal
  // format and 0.1 articles (0.1 §4: "title: the title of a bundle").
  const serial = format === 'journal' || genre === 'article' || genre === 'journal';
  const title = btitle ?? (serial ? null : plainTitle);
  const journalTitle = jtitle ?? (serial ? plainTitle : null);

  const date = get('date');
  let year: number | null = null;
  if (date) {
    const m = /(?:^|\D)(1\d{3}|20\d{2})(?:\D|$)/.exec(date);
    if (m) year = Number(m[1]);
    else problems.push({ field: k.one('rft.date') ? 'rft.date' : 'date', code: 'bad-date', value: date });
  }
  const pages = get('pages');
  const range = pages ? /^\s*(\w+)\s*[-–]\s*(\w+)\s*$/.exec(pages) : null;

  const citation: Citation = {
    version: is10 ? '1.0' : '0.1',
    genre,
    format,
    title,
    articleTitle: atitle,
    journalTitle,
    authors: k.has((key) => key.startsWith('rft.au')) ? readAuthors(k, 'rft.') : readAuthors(k, ''),
    isbns: ids.isbn,
    issns: ids.issn,
    doi: ids.doi[0] ?? null,
    oclc: ids.oclc[0] ?? null,
    lccn: ids.lccn[0] ?? null,
    pmid: ids.pmid[0] ?? null,
    date,
    year,
    volume: get('volume'),
    issue: get('issue'),
    startPage: get('spage') ?? range?.[1] ?? null,
    endPage: get('epage') ?? range?.[2] ?? null,
    pages,
    publisher: get('pub') ?? k.one('rft.inst') ?? k.one('rft.publisher'),
    place: get('place') ?? k.one('rft.cc'),
    edition: get('edition'),
    referrer: k.one('rfr_id', 'sid'),
    requester: k.one('req_id'),
    service: k.one('svc_id'),
  };
  if (!hasMetadata(citation)) return { ok: false, reason: 'no-metadata', problems };
  return { ok: true, citation, problems };
}

/** Something to look for: an identifier the catalogue knows, or a title. */
export function hasMetadata(c: Citation): boolean {
  return c.isbns.length > 0 || c.issns.length > 0 || c.doi !== null || c.oclc !== null || c.lccn !== null || c.pmid !== null
    || [c.title, c.articleTitle, c.journalTitle].some((t) => t !== null && t.trim() !== '');
}
