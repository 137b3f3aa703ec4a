/**
 * Match keys: the strings under which a store files a cluster so that a new record finds its
 * candidates (issue 3, "Clusters": strong identifiers first, then a bibliographic key). A key
 * only finds candidates; `decide` says whether a candidate is the same manifestation. So a key
 * holds every element `decide` compares by equality, and none it compares loosely (author,
 * publisher, extent).
 */
import { formatFamily } from '../normalise/format.js';
import type { NormalisedRecord } from '../normalise/types.js';

/** Long titles are cut in keys; records equal up to here are still told apart by `decide`. */
const TITLE_IN_KEY = 120;

/**
 * The keys of a record, strong identifiers first: `isbn:9780679450047`, `issn:0317-8471`,
 * `lccn:85000002`, `oclc:12345`, then one `bib:` key per title form:
 * `bib:<format family>|<print|electronic>|<title>|<year>|<edition or 1>|<part>`.
 * A record without a year has no `bib:` key: it can only merge through a standard number.
 */
export function matchKeys(n: NormalisedRecord): string[] {
  const keys: string[] = [];
  for (const i of n.isbns) keys.push(`isbn:${i.isbn13}`);
  for (const i of n.issns) keys.push(`issn:${i}`);
  if (n.lccn !== null) keys.push(`lccn:${n.lccn}`);
  for (const o of n.oclcNumbers) keys.push(`oclc:${o}`);
  keys.push(...bibliographicKeys(n));
  return [...new Set(keys)];
}

/** The `bib:` keys alone: title (each script form), year, edition, part, format, carrier. */
export function bibliographicKeys(n: NormalisedRecord): string[] {
  if (n.year === null) return [];
  const carrier = n.electronic ? 'electronic' : 'print';
  // An unstated edition is filed as the first: decide takes them as compatible.
  const rest = `${n.year}|${n.edition ?? '1'}|${n.part ?? ''}`;
  return [n.title, ...n.titleVariants]
    .filter((t) => t !== '')
    .map((t) => `bib:${formatFamily(n.format)}|${carrier}|${t.slice(0, TITLE_IN_KEY)}|${rest}`);
}

/**
 * The work key: what editions, translations and formats of one work share, for linking their
 * clusters as one work. The uniform title (130/240; UNIMARC 500) when there is one, else the
 * title proper, with the main entry's surname or body name. Null without a title.
 */
export function workKey(n: NormalisedRecord): string | null {
  const title = n.uniformTitle ?? n.title;
  if (title === '') return null;
  return `work:${title.slice(0, TITLE_IN_KEY)}|${n.mainAuthor ?? ''}`;
}
