import { isDataField, type Flavour, type MarcRecord } from './record.js';

/** What tells MARC 21 and UNIMARC apart, gathered by each reader from what it has at hand. */
export interface FlavourEvidence {
  leader: string;
  /** MARC 21's title statement; undefined in UNIMARC. */
  has245: boolean;
  /** UNIMARC's title and statement of responsibility (200 $a); undefined in MARC 21. */
  has200: boolean;
  /** MARC 21's cataloguing source; in UNIMARC 040 is CODEN. */
  has040: boolean;
  /** UNIMARC's originating source. */
  has801: boolean;
  /** Length in characters of MARC 21's 008 (40 in a bibliographic record), or undefined. */
  length008?: number;
  /** The start of 100 $a: UNIMARC's general processing data (36 characters, from a date). */
  start100a?: string;
}

/**
 * Which flavour a record is, or undefined when the evidence does not say. A MARC 21 record has
 * 245 and a 40-character 008; a UNIMARC/CNMARC record has 200 $a and 100 $a of 36 characters
 * that begins with the date entered (YYYYMMDD) and a type-of-date letter, 801, and a leader that
 * ends in `450 ` rather than `4500` and leaves leader/09 blank. One sign alone is not enough: two
 * points of margin are.
 */
export function detectFlavour(e: FlavourEvidence): Flavour | undefined {
  let marc21 = 0;
  let unimarc = 0;
  if (e.has245) marc21 += 3;
  if (e.length008 === 40) marc21 += 2;
  if (e.has040) marc21 += 1;
  if (e.leader.endsWith('4500')) marc21 += 1;
  if (e.leader[9] === 'a') marc21 += 1; // UCS in MARC 21; undefined (blank) in UNIMARC
  if (e.has200) unimarc += 3;
  if (e.start100a !== undefined && isProcessingData(e.start100a)) unimarc += 3;
  if (e.has801) unimarc += 2;
  if (e.leader.endsWith('450 ')) unimarc += 1;
  if (marc21 - unimarc >= 2) return 'marc21';
  if (unimarc - marc21 >= 2) return 'unimarc';
  return undefined;
}

/** `YYYYMMDD` then a type-of-publication-date letter: UNIMARC 100 $a/0–8. */
function isProcessingData(s: string): boolean {
  if (s.length < 9) return false;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  const t = s.charCodeAt(8);
  return t >= 0x61 && t <= 0x7a;
}

/** The evidence in a record already read (MARCXML, MARC-in-JSON). */
export function evidenceOf(record: MarcRecord): FlavourEvidence {
  const e: FlavourEvidence = { leader: record.leader, has245: false, has200: false, has040: false, has801: false };
  for (const f of record.fields) {
    switch (f.tag) {
      case '245':
        e.has245 = true;
        break;
      case '200':
        if (isDataField(f) && f.subfields.some((s) => s.code === 'a')) e.has200 = true;
        break;
      case '040':
        e.has040 = true;
        break;
      case '801':
        e.has801 = true;
        break;
      case '008':
        if (!isDataField(f)) e.length008 = f.value.length;
        break;
      case '100':
        if (isDataField(f) && e.start100a === undefined) e.start100a = f.subfields.find((s) => s.code === 'a')?.value;
        break;
    }
  }
  return e;
}

/**
 * Keeps the flavour of a stream: a record that does not say which it is takes the flavour of the
 * last one that did (a file is one system's export), or MARC 21 when none has yet.
 */
export class FlavourChooser {
  private last: Flavour | undefined;
  constructor(private readonly declared: Flavour | 'auto' = 'auto') {}

  /** The flavour to read this record as, and whether it was a guess. */
  choose(evidence: () => FlavourEvidence): { flavour: Flavour; guessed: boolean } {
    if (this.declared !== 'auto') return { flavour: this.declared, guessed: false };
    const found = detectFlavour(evidence());
    if (found !== undefined) {
      this.last = found;
      return { flavour: found, guessed: false };
    }
    return { flavour: this.last ?? 'marc21', guessed: this.last === undefined };
  }
}
