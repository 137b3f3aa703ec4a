/**
 * Filter lexemes (docs/search.md, "Filters in the text index"): a document's format, language,
 * year bucket, holding libraries, alliances and "available somewhere" as position-less lexemes,
 * so that GIN intersects the reader's words with the chosen filters (and a static-score tier) in
 * one index scan, instead of a small word bitmap being AND-ed with a broad btree bitmap.
 *
 * Like the tier lexemes (static-tiers.ts) they start with "~", which no reader's query can
 * produce, and carry no position: no phrase spans them, no rank changes.
 */

/**
 * The scheme documents are written with (`search_documents.filter_lexemes`, migration 0040).
 * Changing the lexemes below changes it: searches then filter through the columns until every
 * document was written again (a migration re-queues them).
 */
export const FILTER_LEXEME_SCHEME = 1;

/** Years the catalogue's normalisation yields (1000–2099); a year outside is in the bucket `~y:out`. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 2099;

export const formatLexeme = (format: string): string => `~f:${format}`;
export const languageLexeme = (language: string): string => `~l:${language}`;
export const libraryLexeme = (libraryId: number): string => `~h:${libraryId}`;
export const allianceLexeme = (allianceId: number): string => `~a:${allianceId}`;
/** A copy on the shelf somewhere (availability "anywhere"). */
export const AVAILABLE_LEXEME = '~av';
const OUT_OF_RANGE = '~y:out';
const decadeLexeme = (decade: number): string => `~y:${decade}`;
const centuryLexeme = (century: number): string => `~c:${century}`;

function yearLexemes(year: number): string[] {
  if (year < FIRST_YEAR || year > LAST_YEAR) return [OUT_OF_RANGE];
  return [decadeLexeme(Math.floor(year / 10)), centuryLexeme(Math.floor(year / 100))];
}

export interface FilterFacts {
  format: string;
  language: string | null;
  year: number | null;
  libraryIds: readonly number[];
  allianceIds: readonly number[];
  availableCopies: number;
}

/** The filter lexemes of a document. */
export function filterLexemes(d: FilterFacts): string[] {
  return [
    formatLexeme(d.format),
    ...(d.language !== null ? [languageLexeme(d.language)] : []),
    ...(d.year !== null ? yearLexemes(d.year) : []),
    ...d.libraryIds.map(libraryLexeme),
    ...d.allianceIds.map(allianceLexeme),
    ...(d.availableCopies > 0 ? [AVAILABLE_LEXEME] : []),
  ];
}

/**
 * The year buckets covering a range (bounds inclusive, null open): whole centuries and decades
 * where they fit, the decades at its ends otherwise. `exact` is false when a bucket reaches past
 * the range: the year itself must then be compared too. Empty for a range with no year in it.
 */
export function yearRangeLexemes(from: number | null, to: number | null): { lexemes: string[]; exact: boolean } {
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  const lexemes: string[] = [];
  let exact = true;
  if (lo > hi) return { lexemes, exact };
  if (lo < FIRST_YEAR || hi > LAST_YEAR) {
    lexemes.push(OUT_OF_RANGE);
    exact = false;
  }
  const last = Math.min(hi, LAST_YEAR);
  for (let y = Math.max(lo, FIRST_YEAR); y <= last;) {
    if (y % 100 === 0 && y + 99 <= last) {
      lexemes.push(centuryLexeme(y / 100));
      y += 100;
    } else {
      if (y % 10 !== 0 || y + 9 > last) exact = false;
      lexemes.push(decadeLexeme(Math.floor(y / 10)));
      y = (Math.floor(y / 10) + 1) * 10;
    }
  }
  return { lexemes, exact };
}
