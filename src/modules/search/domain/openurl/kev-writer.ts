/**
 * A citation written back as an OpenURL 1.0 KEV context object (Z39.88-2004 Part 2), normalised:
 * ISBN-13, ISSN with hyphen, DOI as `info:doi/`. It is how the citation travels on: to the
 * interlibrary-loan request form (`/ill/request?…`, issue 5: "from an OpenURL → request form
 * filled in"), which reads it back with `readContextObject`, the same reader as `/openurl`.
 */
import type { Citation } from './citation.js';

const FORMAT_OF: Record<Citation['genre'], string> = {
  book: 'book', chapter: 'book', conference: 'book', unknown: 'book',
  article: 'journal', journal: 'journal', dissertation: 'dissertation',
};
/** `rft.genre` values of the registry's formats (book: book, bookitem, proceeding; journal: article, journal). */
const GENRE_KEV: Record<Citation['genre'], string | null> = {
  book: 'book', chapter: 'bookitem', conference: 'proceeding', unknown: null,
  article: 'article', journal: 'journal', dissertation: null,
};

/** The citation as KEV pairs, in a stable order. */
export function citationPairs(c: Citation): [string, string][] {
  const fmt = FORMAT_OF[c.genre];
  const out: [string, string][] = [
    ['url_ver', 'Z39.88-2004'],
    ['ctx_ver', 'Z39.88-2004'],
    ['rft_val_fmt', `info:ofi/fmt:kev:mtx:${fmt}`],
  ];
  const add = (key: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') out.push([key, value]);
  };
  add('rfr_id', c.referrer);
  add('rft.genre', GENRE_KEV[c.genre]);
  if (fmt === 'journal') {
    add('rft.jtitle', c.journalTitle);
    add('rft.atitle', c.articleTitle);
  } else if (fmt === 'book') {
    add('rft.btitle', c.title);
    add('rft.atitle', c.articleTitle);
  } else add('rft.title', c.title);
  for (const a of c.authors) add('rft.au', a.full);
  for (const isbn of c.isbns) add('rft.isbn', isbn);
  for (const issn of c.issns) add('rft.issn', issn);
  add('rft.date', c.date);
  add('rft.volume', c.volume);
  add('rft.issue', c.issue);
  add('rft.spage', c.startPage);
  add('rft.epage', c.endPage);
  add('rft.pages', c.pages);
  add(fmt === 'dissertation' ? 'rft.inst' : 'rft.pub', c.publisher);
  add('rft.place', c.place);
  add('rft.edition', c.edition);
  if (c.doi) add('rft_id', `info:doi/${c.doi}`);
  if (c.oclc) add('rft_id', `info:oclcnum/${c.oclc}`);
  if (c.lccn) add('rft_id', `info:lccn/${c.lccn}`);
  if (c.pmid) add('rft_id', `info:pmid/${c.pmid}`);
  return out;
}

/** The pairs percent-encoded in UTF-8 (Part 2 §7). */
export function citationKev(c: Citation): string {
  return citationPairs(c).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/**
 * Where a reader asks for this citation through interlibrary loan: `/ill/request?` and the
 * citation's KEV, with `cluster=<id>` when the union catalogue has it (the request then starts
 * from the cluster, whose holdings make the rota).
 */
export function illRequestPath(c: Citation, clusterId?: number): string {
  return `/ill/request?${citationKev(c)}${clusterId !== undefined ? `&cluster=${clusterId}` : ''}`;
}
