/**
 * Comparing one element of two normalised records: agree, conflict or cannot tell. `decide`
 * weighs these; they are apart so each rule can be read and tested on its own.
 */
import { editionsCompatible } from '../normalise/edition.js';
import { scriptOf, wordOverlap, wordSimilarity } from '../normalise/text.js';
import type { MatchSummary } from './match-summary.js';

export type Comparison = 'agree' | 'conflict' | 'unknown';

const overlaps = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

/** ISBNs: a shared number agrees; two non-empty sets with nothing in common conflict. */
export function compareIsbns(a: MatchSummary, b: MatchSummary): { result: Comparison; shared: string[] } {
  if (a.isbns.length === 0 || b.isbns.length === 0) return { result: 'unknown', shared: [] };
  // A record has one or a few ISBNs: loops, not sets (this runs for every pair compared).
  const shared: string[] = [];
  for (const x of a.isbns) {
    for (const y of b.isbns) {
      if (x.isbn13 === y.isbn13) {
        shared.push(x.isbn13);
        break;
      }
    }
  }
  return { result: shared.length > 0 ? 'agree' : 'conflict', shared };
}

/** A set of identifiers of one kind (ISSN, OCLC numbers): shared agrees, disjoint conflicts. */
export function compareSets(a: readonly string[], b: readonly string[]): Comparison {
  if (a.length === 0 || b.length === 0) return 'unknown';
  return overlaps(a, b) ? 'agree' : 'conflict';
}

export function compareValues<T>(a: T | null, b: T | null): Comparison {
  if (a === null || b === null) return 'unknown';
  return a === b ? 'agree' : 'conflict';
}

/** Whether a title form of the record (the title proper or an other-script form) is `t`. */
function hasTitleForm(r: MatchSummary, t: string): boolean {
  return t !== '' && (r.title === t || r.titleVariants.includes(t));
}

/**
 * Titles are the same when a title proper (or its other-script form) is equal and the other
 * title information is equal or given by one record only ("Summerland" = "Summerland : a novel").
 */
export function titlesEqual(a: MatchSummary, b: MatchSummary): boolean {
  if (!hasTitleForm(b, a.title) && !a.titleVariants.some((t) => hasTitleForm(b, t))) return false;
  return a.subtitle === b.subtitle || a.subtitle === '' || b.subtitle === '';
}

/**
 * Titles are close when equal, when the titles proper share most of their words (Dice ≥ 0.8:
 * a dropped article, "&" for "and") and all their numbers, or when one whole title (proper + other title information)
 * starts with the other: enough when a standard number already says "same book", not alone.
 */
export function titlesClose(a: MatchSummary, b: MatchSummary): boolean {
  return titlesEqual(a, b) || titlesCloseNotEqual(a, b);
}

/** Numbers in a title are never noise: "record number 2" is not "record number 3". */
const numbers = (w: string[]): string => w.filter((x) => /\d/.test(x)).sort().join(' ');
const DIGIT = /\d/;

/** `titlesClose` for titles `titlesEqual` found not equal (decide asks both). */
export function titlesCloseNotEqual(a: MatchSummary, b: MatchSummary): boolean {
  if (a.title === '' || b.title === '') return false;
  const wa = a.title.split(' ');
  const wb = b.title.split(' ');
  const sameNumbers = DIGIT.test(a.title) || DIGIT.test(b.title) ? numbers(wa) === numbers(wb) : true;
  if (sameNumbers && wordSimilarity(wa, wb) >= 0.8) return true;
  const fa = `${a.title} ${a.subtitle}`.trim();
  const fb = `${b.title} ${b.subtitle}`.trim();
  return fa.startsWith(`${fb} `) || fb.startsWith(`${fa} `);
}

/**
 * Compares names or publishers given in up to two scripts (the transcription and its 880
 * vernacular form). The transcriptions decide when they are in one script; otherwise any pair
 * of forms in one script does. Forms in different scripts cannot be compared: for names that
 * says nothing; for publishers, when no pair shares a script, it is a conflict.
 */
function compareForms(
  a: [string[], string[]],
  b: [string[], string[]],
  agrees: (x: string[], y: string[]) => boolean,
  { unlikeScriptsConflict }: { unlikeScriptsConflict: boolean },
): Comparison {
  const comparable = (x: string[], y: string[]) => x.length > 0 && y.length > 0 && scriptOfWords(x) === scriptOfWords(y);
  if (comparable(a[0], b[0])) return agrees(a[0], b[0]) ? 'agree' : 'conflict';
  // A transcription against the other's vernacular form; two vernacular forms only when a
  // record has no transcription (two 880s agreeing say nothing of two 260s that differ).
  const pairs: [string[], string[]][] = [[a[0], b[1]], [a[1], b[0]]];
  if (a[0].length === 0 || b[0].length === 0) pairs.push([a[1], b[1]]);
  let result: Comparison = 'unknown';
  for (const [x, y] of pairs) {
    if (!comparable(x, y)) continue;
    if (agrees(x, y)) return 'agree';
    result = 'conflict';
  }
  if (result === 'unknown' && unlikeScriptsConflict && (a[0].length > 0 || a[1].length > 0) && (b[0].length > 0 || b[1].length > 0)) {
    return 'conflict';
  }
  return result;
}

/**
 * `scriptOf` the words joined, without joining them: folded names and publishers are mostly
 * ASCII, whose first letter says Latin at once (this runs for every pair an import compares).
 */
function scriptOfWords(words: readonly string[]): string | null {
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 0x80) return scriptOf(words.slice(words.indexOf(w)).join(' ').slice(i));
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 'latin';
    }
  }
  return null;
}

/** Names: a shared key (whole name or surname) agrees; names in one script with none shared conflict. */
export function compareAuthors(a: MatchSummary, b: MatchSummary): Comparison {
  return compareForms([a.authorKeys, a.vernacularAuthorKeys], [b.authorKeys, b.vernacularAuthorKeys], overlaps, {
    unlikeScriptsConflict: false,
  });
}

/**
 * Publishers: most of the shorter name found in the longer agrees ("Penguin" ⊂ "Penguin Books");
 * names in different scripts with no form in a common script conflict.
 */
export function comparePublishers(a: MatchSummary, b: MatchSummary): Comparison {
  return compareForms(
    [a.publisher, a.vernacularPublisher],
    [b.publisher, b.vernacularPublisher],
    (x, y) => wordOverlap(x, y) >= 0.5,
    // A record that gives its publisher in one script only is compared with one in another
    // script only when it also gave a form in that script (880): otherwise they are two imprints.
    { unlikeScriptsConflict: true },
  );
}

/**
 * Extent: page counts within 2 % (at least 2 pages) agree; more than 10 % (at least 10 pages)
 * apart conflict (another edition or printing); between, cannot tell. A set and a single
 * volume conflict by their count of volumes.
 */
export function compareExtent(a: MatchSummary, b: MatchSummary): Comparison {
  if (a.volumes !== null && b.volumes !== null && a.volumes !== b.volumes) return 'conflict';
  if (a.pages === null || b.pages === null) {
    // Sound discs, maps, videos …: the same statement ("4 sound discs") agrees, another cannot
    // tell. "1 v." says too little to agree on.
    const counted = a.carrier !== 'volume' && a.carrier !== null;
    return counted && a.pages === null && b.pages === null && a.extent !== null && a.extent === b.extent ? 'agree' : 'unknown';
  }
  const diff = Math.abs(a.pages - b.pages);
  const size = Math.max(a.pages, b.pages);
  if (diff <= Math.max(2, size * 0.02)) return 'agree';
  if (diff > Math.max(10, size * 0.1)) return 'conflict';
  return 'unknown';
}

/** Editions: equal agrees; unstated against "1" agrees (first editions often say nothing). */
export function compareEditions(a: MatchSummary, b: MatchSummary): Comparison {
  if (a.edition === null && b.edition === null) return 'unknown';
  return editionsCompatible(a.edition, b.edition) ? 'agree' : 'conflict';
}

/**
 * Part designations: equal (or both absent) agrees; a volume against the set, or two different
 * volumes, conflict.
 */
export function compareParts(a: MatchSummary, b: MatchSummary): Comparison {
  if (a.part === null && b.part === null) return 'unknown';
  return a.part === b.part ? 'agree' : 'conflict';
}
