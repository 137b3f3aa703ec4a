/**
 * Whether two member records describe the same manifestation (issue 3, "Clusters"). Precision
 * comes first — a false merge hides a book — so the rules are: any veto keeps records apart;
 * otherwise a shared standard number with close titles, or full bibliographic agreement,
 * merges them. Every rule that fired is returned as a reason. See docs/clustering.md.
 */
import { formatFamily } from '../normalise/format.js';
import type { MatchSummary } from './match-summary.js';
import {
  compareAuthors, compareEditions, compareExtent, compareIsbns, compareParts, comparePublishers,
  compareSets, compareValues, titlesCloseNotEqual, titlesEqual,
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
export function decide(a: MatchSummary, b: MatchSummary): MatchDecision {
  const { same, score } = weigh(a, b, null);
  return new Decision(same, score, a, b);
}

/**
 * A decision whose reasons are made on first reading: they are read only when staff ask why
 * (and by tests), while an import compares each record with its candidates and keeps the
 * verdict alone.
 */
class Decision implements MatchDecision {
  private explained: MatchReason[] | undefined;
  constructor(
    readonly same: boolean,
    readonly score: number,
    private readonly a: MatchSummary,
    private readonly b: MatchSummary,
  ) {}

  get reasons(): MatchReason[] {
    if (!this.explained) weigh(this.a, this.b, (this.explained = []));
    return this.explained;
  }

  /** As a plain decision would be written (the compared records are no part of it). */
  toJSON(): { same: boolean; score: number; reasons: MatchReason[] } {
    return { same: this.same, score: this.score, reasons: this.reasons };
  }
}

/**
 * The evidence weighed. Each reason's text is made only when `reasons` is given to collect
 * them (`reasons && \`…\``): the verdict and the score do not depend on it.
 */
function weigh(a: MatchSummary, b: MatchSummary, reasons: MatchReason[] | null): { same: boolean; score: number } {
  let score = 0;
  let vetoed = false;
  const add = (code: ReasonCode, effect: MatchReason['effect'], detail: string | null): void => {
    if (effect === 'veto') {
      vetoed = true;
      score -= VETO_WEIGHT;
    } else score += effect === 'for' ? WEIGHT[code] : -WEIGHT[code];
    if (reasons) reasons.push({ code, effect, detail: detail ?? '' });
  };

  // Standard numbers.
  const isbn = compareIsbns(a, b);
  if (isbn.result === 'agree') add('isbn', 'for', reasons && `ISBN ${isbn.shared.join(', ')} in both`);
  if (isbn.result === 'conflict') {
    add('isbn', 'veto', reasons && `ISBNs differ: ${a.isbns.map((i) => i.isbn13).join(', ')} / ${b.isbns.map((i) => i.isbn13).join(', ')}`);
  }
  const isbnShared = isbn.result === 'agree';
  const serials = formatFamily(a.format) === 'serial' && formatFamily(b.format) === 'serial';
  const ids: [ReasonCode, ReturnType<typeof compareSets>, string | null][] = [
    ['oclc', compareSets(a.oclcNumbers, b.oclcNumbers), reasons && `OCLC ${a.oclcNumbers.join(', ') || '—'} / ${b.oclcNumbers.join(', ') || '—'}`],
    ['lccn', compareValues(a.lccn, b.lccn), reasons && `LCCN ${show(a.lccn)} / ${show(b.lccn)}`],
    ['issn', compareSets(a.issns, b.issns), reasons && `ISSN ${a.issns.join(', ') || '—'} / ${b.issns.join(', ') || '—'}`],
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
  if (formatFamily(a.format) !== formatFamily(b.format)) add('format', 'veto', reasons && `${a.format} / ${b.format}`);
  if (a.electronic !== b.electronic) {
    add('electronic', 'veto', reasons && `${a.electronic ? 'electronic' : 'print'} / ${b.electronic ? 'electronic' : 'print'}`);
  }
  const carrier = compareValues(a.carrier, b.carrier);
  if (carrier === 'agree') add('carrier', 'for', reasons && `carrier ${a.carrier}`);
  if (carrier === 'conflict') add('carrier', 'veto', reasons && `carrier ${a.carrier} / ${b.carrier}`);
  const part = compareParts(a, b);
  if (part === 'agree') add('part', 'for', reasons && `part ${show(a.part)} in both`);
  if (part === 'conflict') add('part', 'veto', reasons && `part ${show(a.part)} / ${show(b.part)}`);
  const series = compareSets(a.seriesNumbers, b.seriesNumbers);
  if (series === 'conflict') add('series-number', 'veto', reasons && `series number ${a.seriesNumbers.join(', ')} / ${b.seriesNumbers.join(', ')}`);
  const edition = compareEditions(a, b);
  if (edition === 'agree') add('edition', 'for', reasons && `edition ${show(a.edition)} / ${show(b.edition)}`);
  if (edition === 'conflict') add('edition', 'veto', reasons && `edition ${show(a.edition)} / ${show(b.edition)}`);
  const language = compareValues(a.language, b.language);
  if (language === 'conflict') add('language', 'veto', reasons && `language ${a.language} / ${b.language}`);
  if (language === 'agree') add('language', 'for', reasons && `language ${a.language}`);

  const equalTitles = titlesEqual(a, b);
  const closeTitles = equalTitles || titlesCloseNotEqual(a, b);
  if (equalTitles) add('title', 'for', reasons && `title "${a.title}"`);
  else if (closeTitles) add('title', 'for', reasons && `titles close: "${a.title}" / "${b.title}"`);
  else add('title', 'veto', reasons && `titles differ: "${a.title}" / "${b.title}"`);

  let yearsEqual = false;
  if (a.year !== null && b.year !== null) {
    const apart = Math.abs(a.year - b.year);
    yearsEqual = apart === 0;
    if (yearsEqual) add('year', 'for', reasons && `year ${a.year}`);
    // Copyright against publication date: a year apart is tolerated when the ISBN is shared.
    else if (apart === 1 && isbnShared) add('year', 'against', reasons && `years ${a.year} / ${b.year}`);
    else add('year', 'veto', reasons && `years ${a.year} / ${b.year}`);
  }

  // Conflicts a shared number outweighs.
  const author = compareAuthors(a, b);
  if (author === 'agree') add('author', 'for', reasons && 'a name in common');
  if (author === 'conflict') add('author', isbnShared ? 'against' : 'veto', reasons && 'no name in common');
  const publisher = comparePublishers(a, b);
  if (publisher === 'agree') add('publisher', 'for', reasons && `publisher ${a.publisher.join(' ')}`);
  if (publisher === 'conflict') {
    add('publisher', isbnShared ? 'against' : 'veto', reasons && `publishers ${a.publisher.join(' ')} / ${b.publisher.join(' ')}`);
  }
  const extent = compareExtent(a, b);
  if (extent === 'agree') add('extent', 'for', reasons && `extent ${show(a.pages)} / ${show(b.pages)} p.`);
  if (extent === 'conflict') {
    add('extent', isbnShared ? 'against' : 'veto', reasons && `extent ${show(a.pages ?? a.volumes)} / ${show(b.pages ?? b.volumes)}`);
  }

  const corroborated = author === 'agree' || publisher === 'agree' || extent === 'agree';
  const same = !vetoed && ((identifierShared && closeTitles) || (equalTitles && yearsEqual && corroborated));
  return { same, score };
}
