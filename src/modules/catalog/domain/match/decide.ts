/**
 * Whether two member records describe the same manifestation (issue 3, "Clusters"). Precision
 * comes first — a false merge hides a book — so the rules are: any veto keeps records apart;
 * otherwise a shared standard number with close titles, or full bibliographic agreement,
 * merges them. Every rule that fired is returned as a reason. See docs/clustering.md.
 */
import { formatFamily } from '../normalise/format.js';
import type { NormalisedRecord } from '../normalise/types.js';
import {
  compareAuthors, compareEditions, compareExtent, compareIsbns, compareParts, comparePublishers,
  compareSets, compareValues, titlesClose, titlesEqual,
} from './evidence.js';

export type ReasonCode =
  | 'isbn' | 'issn' | 'lccn' | 'oclc' | 'title' | 'part' | 'series-number' | 'edition' | 'format'
  | 'electronic' | 'carrier' | 'language' | 'year' | 'author' | 'publisher' | 'extent';

/**
 * One piece of evidence: `for` and `against` weigh in the score; a `veto` keeps the records
 * apart whatever else agrees.
 */
export interface MatchReason {
  code: ReasonCode;
  effect: 'for' | 'against' | 'veto';
  /** What was compared, in words a cataloguer reads ("ISBN 9780679450047 in both"). */
  detail: string;
}

export interface MatchDecision {
  same: boolean;
  /** Sum of the evidence's weights: positive says "same", negative "different". */
  score: number;
  reasons: MatchReason[];
}

/** Weights of agreeing evidence; conflicts weigh the same against. Vetoes weigh 10. */
const WEIGHT: Record<ReasonCode, number> = {
  isbn: 8, oclc: 6, lccn: 5, issn: 5, title: 3, year: 1.5, author: 1.5, publisher: 1, extent: 1,
  edition: 0.5, part: 0.5, 'series-number': 0.5, format: 0.5, electronic: 0.5, carrier: 0.5, language: 0.5,
};
const VETO_WEIGHT = 10;

const show = (v: unknown): string => (v === null || v === '' ? '—' : String(v));

/**
 * Decides whether records a and b are the same manifestation.
 *
 * Vetoes (never the same): another format family, print vs electronic, another carrier
 * (volume, sound disc, videodisc, microform …), another
 * part or volume, another series number, another edition, another language (a translation),
 * disjoint ISBNs, titles not close, years apart (more than one year even with a shared ISBN).
 * Conflicts that a shared ISBN outweighs but nothing else does: author, publisher, extent,
 * LCCN, OCLC, ISSN.
 *
 * Same when nothing vetoes and either a standard number is shared (ISBN, OCLC number, LCCN,
 * or ISSN between serials) and the titles are close, or the titles are equal, both years are
 * given and equal, and an author, the publisher or the extent agrees.
 */
export function decide(a: NormalisedRecord, b: NormalisedRecord): MatchDecision {
  const reasons: MatchReason[] = [];
  const add = (code: ReasonCode, effect: MatchReason['effect'], detail: string) => reasons.push({ code, effect, detail });

  // Standard numbers.
  const isbn = compareIsbns(a, b);
  if (isbn.result === 'agree') add('isbn', 'for', `ISBN ${isbn.shared.join(', ')} in both`);
  if (isbn.result === 'conflict') {
    add('isbn', 'veto', `ISBNs differ: ${a.isbns.map((i) => i.isbn13).join(', ')} / ${b.isbns.map((i) => i.isbn13).join(', ')}`);
  }
  const isbnShared = isbn.result === 'agree';
  const serials = formatFamily(a.format) === 'serial' && formatFamily(b.format) === 'serial';
  const ids: [ReasonCode, ReturnType<typeof compareSets>, string][] = [
    ['oclc', compareSets(a.oclcNumbers, b.oclcNumbers), `OCLC ${a.oclcNumbers.join(', ') || '—'} / ${b.oclcNumbers.join(', ') || '—'}`],
    ['lccn', compareValues(a.lccn, b.lccn), `LCCN ${show(a.lccn)} / ${show(b.lccn)}`],
    ['issn', compareSets(a.issns, b.issns), `ISSN ${a.issns.join(', ') || '—'} / ${b.issns.join(', ') || '—'}`],
  ];
  let identifierShared = isbnShared;
  for (const [code, result, detail] of ids) {
    if (result === 'agree') {
      add(code, 'for', detail);
      // An ISSN is shared by every issue and every monograph of a series: it identifies serials only.
      if (code !== 'issn' || serials) identifierShared = true;
    } else if (result === 'conflict') add(code, isbnShared ? 'against' : 'veto', detail);
  }

  // What a standard number cannot overrule.
  if (formatFamily(a.format) !== formatFamily(b.format)) add('format', 'veto', `${a.format} / ${b.format}`);
  if (a.electronic !== b.electronic) {
    add('electronic', 'veto', `${a.electronic ? 'electronic' : 'print'} / ${b.electronic ? 'electronic' : 'print'}`);
  }
  const carrier = compareValues(a.carrier, b.carrier);
  if (carrier === 'agree') add('carrier', 'for', `carrier ${a.carrier}`);
  if (carrier === 'conflict') add('carrier', 'veto', `carrier ${a.carrier} / ${b.carrier}`);
  const part = compareParts(a, b);
  if (part === 'agree') add('part', 'for', `part ${show(a.part)} in both`);
  if (part === 'conflict') add('part', 'veto', `part ${show(a.part)} / ${show(b.part)}`);
  const series = compareSets(a.seriesNumbers, b.seriesNumbers);
  if (series === 'conflict') add('series-number', 'veto', `series number ${a.seriesNumbers.join(', ')} / ${b.seriesNumbers.join(', ')}`);
  const edition = compareEditions(a, b);
  if (edition === 'agree') add('edition', 'for', `edition ${show(a.edition)} / ${show(b.edition)}`);
  if (edition === 'conflict') add('edition', 'veto', `edition ${show(a.edition)} / ${show(b.edition)}`);
  const language = compareValues(a.language, b.language);
  if (language === 'conflict') add('language', 'veto', `language ${a.language} / ${b.language}`);
  if (language === 'agree') add('language', 'for', `language ${a.language}`);

  const equalTitles = titlesEqual(a, b);
  const closeTitles = equalTitles || titlesClose(a, b);
  if (equalTitles) add('title', 'for', `title "${a.title}"`);
  else if (closeTitles) add('title', 'for', `titles close: "${a.title}" / "${b.title}"`);
  else add('title', 'veto', `titles differ: "${a.title}" / "${b.title}"`);

  let yearsEqual = false;
  if (a.year !== null && b.year !== null) {
    const apart = Math.abs(a.year - b.year);
    yearsEqual = apart === 0;
    if (yearsEqual) add('year', 'for', `year ${a.year}`);
    // Copyright against publication date: a year apart is tolerated when the ISBN is shared.
    else if (apart === 1 && isbnShared) add('year', 'against', `years ${a.year} / ${b.year}`);
    else add('year', 'veto', `years ${a.year} / ${b.year}`);
  }

  // Conflicts a shared number outweighs.
  const author = compareAuthors(a, b);
  if (author === 'agree') add('author', 'for', 'a name in common');
  if (author === 'conflict') add('author', isbnShared ? 'against' : 'veto', 'no name in common');
  const publisher = comparePublishers(a, b);
  if (publisher === 'agree') add('publisher', 'for', `publisher ${a.publisher.join(' ')}`);
  if (publisher === 'conflict') {
    add('publisher', isbnShared ? 'against' : 'veto', `publishers ${a.publisher.join(' ')} / ${b.publisher.join(' ')}`);
  }
  const extent = compareExtent(a, b);
  if (extent === 'agree') add('extent', 'for', `extent ${show(a.pages)} / ${show(b.pages)} p.`);
  if (extent === 'conflict') {
    add('extent', isbnShared ? 'against' : 'veto', `extent ${show(a.pages ?? a.volumes)} / ${show(b.pages ?? b.volumes)}`);
  }

  const vetoed = reasons.some((r) => r.effect === 'veto');
  const corroborated = author === 'agree' || publisher === 'agree' || extent === 'agree';
  const same = !vetoed && ((identifierShared && closeTitles) || (equalTitles && yearsEqual && corroborated));
  const score = reasons.reduce(
    (s, r) => s + (r.effect === 'for' ? WEIGHT[r.code] : r.effect === 'against' ? -WEIGHT[r.code] : -VETO_WEIGHT),
    0,
  );
  return { same, score, reasons };
}
