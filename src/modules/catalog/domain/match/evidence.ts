/**
 * Comparing one element of two normalised records: agree, conflict or cannot tell. `decide`
 * weighs these; they are apart so each rule can be read and tested on its own.
 */
import { editionsCompatible } from '../normalise/edition.js';
import { scriptOf, wordOverlap, wordSimilarity } from '../normalise/text.js';
import type { NormalisedRecord } from '../normalise/types.js';

export type Comparison = 'agree' | 'conflict' | 'unknown';

const overlaps = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

/** ISBNs: a shared number agrees; two non-empty sets with nothing in common conflict. */
export function compareIsbns(a: NormalisedRecord, b: NormalisedRecord): { result: Comparison; shared: string[] } {
  if (a.isbns.length === 0 || b.isbns.length === 0) return { result: 'unknown', shared: [] };
  const bs = new Set(b.isbns.map((i) => i.isbn13));
  const shared = a.isbns.map((i) => i.isbn13).filter((i) => bs.has(i));
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

/** All title forms of a record: the title proper and its other-script forms. */
function titleForms(r: NormalisedRecord): string[] {
  return [r.title, ...r.titleVariants].filter((t) => t !== '');
}

/**
 * Titles are the same when a title proper (or its other-script form) is equal and the other
 * title information is equal or given by one record only ("Summerland" = "Summerland : a novel").
 */
export function titlesEqual(a: NormalisedRecord, b: NormalisedRecord): boolean {
  const fb = titleForms(b);
  if (!titleForms(a).some((t) => fb.includes(t))) return false;
  return a.subtitle === b.subtitle || a.subtitle === '' || b.subtitle === '';
}

/**
 * Titles are close when equal, when the titles proper share most of their words (Dice ≥ 0.8:
 * a dropped article, "&" for "and") and all their numbers, or when one whole title (proper + other title information)
 * starts with the other: enough when a standard number already says "same book", not alone.
 */
export function titlesClose(a: NormalisedRecord, b: NormalisedRecord): boolean {
  if (titlesEqual(a, b)) return true;
  if (a.title === '' || b.title === '') return false;
  const wa = a.title.split(' ');
  const wb = b.title.split(' ');
  // Numbers in a title are never noise: "record number 2" is not "record number 3".
  const numbers = (w: string[]) => w.filter((x) => /\d/.test(x)).sort().join(' ');
  if (numbers(wa) === numbers(wb) && wordSimilarity(wa, wb) >= 0.8) return true;
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
  const script = (words: string[]) => scriptOf(words.join(' '));
  const comparable = (x: string[], y: string[]) => x.length > 0 && y.length > 0 && script(x) === script(y);
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

/** Names: a shared key (whole name or surname) agrees; names in one script with none shared conflict. */
export function compareAuthors(a: NormalisedRecord, b: NormalisedRecord): Comparison {
  return compareForms([a.authorKeys, a.vernacularAuthorKeys], [b.authorKeys, b.vernacularAuthorKeys], overlaps, {
    unlikeScriptsConflict: false,
  });
}

/**
 * Publishers: most of the shorter name found in the longer agrees ("Penguin" ⊂ "Penguin Books");
 * names in different scripts with no form in a common script conflict.
 */
export function comparePublishers(a: NormalisedRecord, b: NormalisedRecord): Comparison {
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
export function compareExtent(a: NormalisedRecord, b: NormalisedRecord): Comparison {
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
export function compareEditions(a: NormalisedRecord, b: NormalisedRecord): Comparison {
  if (a.edition === null && b.edition === null) return 'unknown';
  return editionsCompatible(a.edition, b.edition) ? 'agree' : 'conflict';
}

/**
 * Part designations: equal (or both absent) agrees; a volume against the set, or two different
 * volumes, conflict.
 */
export function compareParts(a: NormalisedRecord, b: NormalisedRecord): Comparison {
  if (a.part === null && b.part === null) return 'unknown';
  return a.part === b.part ? 'agree' : 'conflict';
}
