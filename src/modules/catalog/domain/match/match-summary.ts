/**
 * What `decide` compares of a record, and nothing else: all a cluster keeps of its display record
 * for matching (`clusters.match`, migration 0046). A candidate cluster is judged by it, so an
 * import reads these few hundred bytes with the cluster's row instead of the display record's
 * whole normalised document from `records` — at 1 M records that read was half of the
 * database's work (docs/import.md, session 10).
 */
import type { Isbn } from '../normalise/isbn.js';
import type { NormalisedRecord } from '../normalise/types.js';

/** The elements of a normalised record that `decide` compares (its ISBNs by number only). */
export type MatchSummary = Pick<
  NormalisedRecord,
  | 'format' | 'electronic' | 'carrier' | 'issns' | 'lccn' | 'oclcNumbers' | 'title' | 'subtitle' | 'titleVariants' | 'part'
  | 'seriesNumbers' | 'authorKeys' | 'vernacularAuthorKeys' | 'edition' | 'publisher' | 'vernacularPublisher' | 'year' | 'pages'
  | 'volumes' | 'extent' | 'language'
> & { isbns: readonly Pick<Isbn, 'isbn13'>[] };

/**
 * The stored form's elements, in order. It is a JSON array rather than an object: the names
 * would be half its bytes, and every candidate cluster's row carries it. A change of this list
 * (or of an element's form) needs a new `VERSION`: summaries stored in another version are not
 * read, and the display record is read instead until its cluster is refreshed.
 */
const ELEMENTS = [
  'format', 'electronic', 'carrier', 'isbns', 'issns', 'lccn', 'oclcNumbers', 'title', 'subtitle', 'titleVariants', 'part',
  'seriesNumbers', 'authorKeys', 'vernacularAuthorKeys', 'edition', 'publisher', 'vernacularPublisher', 'year', 'pages', 'volumes',
  'extent', 'language',
] as const satisfies readonly (keyof MatchSummary)[];
const VERSION = 1;

/** A record's match summary as stored: `[VERSION, format, electronic, …]`, ISBNs as ISBN-13 strings. */
export function storedMatchSummary(n: MatchSummary): unknown[] {
  const out: unknown[] = [VERSION];
  for (const e of ELEMENTS) out.push(e === 'isbns' ? n.isbns.map((i) => i.isbn13) : n[e]);
  return out;
}

/**
 * What `decide` compares of a record, its values shared with the record (not copied): kept for
 * a batch's plan in place of the whole normalised record, whose other parts can then die young
 * (an import completes its records a batch ahead of their plan: docs/import.md, session 13).
 */
export function matchPartOf(n: MatchSummary): MatchSummary {
  return {
    format: n.format, electronic: n.electronic, carrier: n.carrier, isbns: n.isbns, issns: n.issns, lccn: n.lccn, oclcNumbers: n.oclcNumbers,
    title: n.title, subtitle: n.subtitle, titleVariants: n.titleVariants, part: n.part, seriesNumbers: n.seriesNumbers, authorKeys: n.authorKeys,
    vernacularAuthorKeys: n.vernacularAuthorKeys, edition: n.edition, publisher: n.publisher, vernacularPublisher: n.vernacularPublisher, year: n.year,
    pages: n.pages, volumes: n.volumes, extent: n.extent, language: n.language,
  };
}

/** What `decide` compares of a record, alone (a representative kept without the rest of its document). */
export const matchSummaryOf = (n: MatchSummary): MatchSummary => matchSummaryFrom(storedMatchSummary(n))!;

/** The summary from its stored form; null when it is not one (absent, or another version). */
export function matchSummaryFrom(stored: unknown): MatchSummary | null {
  if (!Array.isArray(stored) || stored[0] !== VERSION || stored.length !== ELEMENTS.length + 1) return null;
  const s: Record<string, unknown> = {};
  ELEMENTS.forEach((e, i) => {
    const v: unknown = stored[i + 1];
    s[e] = e === 'isbns' ? (v as string[]).map((isbn13) => ({ isbn13 })) : v;
  });
  return s as unknown as MatchSummary;
}
