/**
 * How well a record's bytes fit each character set: the evidence behind detectCharset when a
 * declaration is missing or lies. Each score is the share of the non-ASCII bytes that read as
 * something plausible in that set (0–1), with `weight` the number of bytes that gave evidence;
 * ASCII says nothing, since every set here has ASCII as its G0.
 *
 * The sample may be a whole ISO 2709 record: the leader and directory are ASCII, and the
 * delimiters 0x1D/0x1E/0x1F reset MARC-8's sets as a field or subfield boundary does.
 */
import { gb18030Length } from './legacy.js';
import { ANSEL_SET, ASCII_SET, COMBINING, DROPPED_HALF, MARC8_C1, readMarc8Escape, SPACING, type Marc8Set } from './marc8-tables.js';
import { ISO5426_CELLS, ISO5426_COMBINING } from './tables/iso5426.generated.js';
import { utf8SequenceLength } from './utf8.js';

export interface Fit {
  /** Share of the evidence that fits, 0–1. */
  score: number;
  /** Bytes that gave evidence either way. */
  weight: number;
}

const fit = (good: number, bad: number): Fit => ({ score: good + bad === 0 ? 0 : good / (good + bad), weight: good + bad });

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isDelimiter = (b: number) => b === 0x1d || b === 0x1e || b === 0x1f;

/** What the UTF-8 structure of the sample says: valid multi-byte sequences against invalid bytes. */
export function utf8Fit(sample: Uint8Array): Fit & { sequences: number } {
  let good = 0;
  let bad = 0;
  let sequences = 0;
  for (let i = 0; i < sample.length; ) {
    if (sample[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(sample, i);
    if (n > 0) {
      good += n;
      sequences++;
      i += n;
    } else {
      bad++;
      i++;
    }
  }
  return { ...fit(good, bad), sequences };
}

/**
 * MARC-8: designations that name real sets, EACC codes that exist, ANSEL characters, and
 * diacritics followed by a letter fit; unknown escapes, unmapped codes and diacritics followed
 * by a space, a digit or the end do not (in CP1251, GBK or Latin-1 text read as MARC-8, most
 * high bytes land on ANSEL's diacritics with nothing sensible after them).
 */
export function marc8Fit(sample: Uint8Array): Fit & { escapes: number } {
  let good = 0;
  let bad = 0;
  let escapes = 0;
  const ascii = ASCII_SET();
  const ansel = ANSEL_SET();
  let g0: Marc8Set = ascii;
  let g1: Marc8Set = ansel;
  const n = sample.length;
  let i = 0;
  while (i < n) {
    const b = sample[i]!;
    if (isDelimiter(b)) {
      g0 = ascii;
      g1 = ansel;
      i++;
    } else if (b === 0x1b) {
      const esc = readMarc8Escape(sample, i, n);
      if (esc.kind === 'designate') {
        if (esc.target === 'g0') g0 = esc.set;
        else g1 = esc.set;
        escapes++;
        good += esc.length;
      } else bad += esc.length;
      i += esc.length;
    } else if (b < 0x80 && (b <= 0x20 || !g0.multibyte)) {
      i++; // ASCII, or the G0 set's own single bytes: no evidence beyond the escape that chose it
    } else if (b < 0x80 || (b >= 0xa1 && b <= 0xfe)) {
      const shift = b < 0x80 ? 0 : 0x80;
      const set = shift ? g1 : g0;
      if (set.multibyte) {
        const key = ((b - shift) << 16) | (((sample[i + 1] ?? 0) - shift) << 8) | ((sample[i + 2] ?? 0) - shift);
        if (set.codes.has(key)) good += 3;
        else bad += 3;
        i += 3;
        continue;
      }
      const kind = set.kinds[b - shift - 0x21]!;
      if (kind === SPACING || kind === DROPPED_HALF) good++;
      else if (kind === COMBINING) {
        // A diacritic must end up on a letter: skip further diacritics, look at what follows.
        let k = i + 1;
        while (k < n && sample[k]! >= 0xe0 && sample[k]! <= 0xfe && shift) k++;
        const next = sample[k] ?? 0;
        const reference = next === 0x26 && sample[k + 1] === 0x23; // `&#x…;` standing for the letter
        if (isAsciiLetter(next) || reference || (next >= 0xa1 && next <= 0xc8 && set.kinds[next - 0xa1] === SPACING)) good++;
        else bad++;
      } else bad++;
      i++;
    } else {
      if (MARC8_C1.has(b)) good++;
      else bad++;
      i++;
    }
  }
  return { ...fit(good, bad), escapes };
}

let iso5426Spacing: Uint8Array | undefined;

/** ISO 5426: mapped characters, and diacritics followed by a letter. */
export function iso5426Fit(sample: Uint8Array): Fit {
  if (!iso5426Spacing) {
    iso5426Spacing = new Uint8Array(96);
    Array.from(ISO5426_CELLS).forEach((ch, k) => (iso5426Spacing![k] = ch === '\uFFFF' ? 0 : 1));
    for (const b of ISO5426_COMBINING) iso5426Spacing[b - 0xa0] = 2;
  }
  let good = 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    if (b < 0xa0) {
      if (b === 0x88 || b === 0x89) good++;
      else bad++;
      continue;
    }
    const kind = iso5426Spacing[b - 0xa0]!;
    if (kind === 1) good++;
    else if (kind === 2) {
      let k = i + 1;
      while (k < sample.length && iso5426Spacing[(sample[k] ?? 0) - 0xa0] === 2) k++;
      if (isAsciiLetter(sample[k] ?? 0)) good++;
      else bad++;
    } else bad++;
  }
  return fit(good, bad);
}

/**
 * GB 18030 (and its subsets GB 2312, GBK): well-formed sequences fit; those in GB 2312's
 * symbol rows and its level-1 hanzi (the 3,755 commonest characters, most of any Chinese text)
 * fully, GBK's user-defined areas not at all, the rest half — Cyrillic or Latin-1 text is often
 * well-formed GBK too, but lands in the rare rows. `wellFormed` is the share of the evidence
 * in well-formed sequences, which is what a declared GB set needs (traditional characters live
 * in GBK's rarer rows).
 */
export function gb18030Fit(sample: Uint8Array): Fit & { wellFormed: number } {
  let good = 0;
  let bad = 0;
  let malformed = 0;
  for (let i = 0; i < sample.length; ) {
    const b = sample[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = gb18030Length(sample, i);
    if (n === 0) {
      bad++;
      malformed++;
      i++;
      continue;
    }
    const b2 = sample[i + 1]!;
    if (n === 2 && b2 >= 0xa1 && ((b >= 0xb0 && b <= 0xd7) || (b >= 0xa1 && b <= 0xa3))) good += 2;
    else if (n === 2 && (b2 >= 0xa1 ? (b >= 0xaa && b <= 0xaf) || b >= 0xf8 : b >= 0xa1 && b <= 0xa7)) bad += 2; // user-defined areas
    else {
      good += n / 2;
      bad += n / 2;
    }
    i += n;
  }
  const f = fit(good, bad);
  return { ...f, wellFormed: f.weight === 0 ? 0 : 1 - malformed / f.weight };
}

interface PageInfo {
  letters: Uint8Array; // 1 letter, 2 lower-case letter, per byte 0x80–0xFF
}

const pages = new Map<string, PageInfo>();

function page(charset: string, script: RegExp): PageInfo {
  let p = pages.get(charset);
  if (!p) {
    const chars = new TextDecoder(charset).decode(Uint8Array.from({ length: 128 }, (_, k) => 0x80 + k));
    const letters = new Uint8Array(128);
    Array.from(chars).forEach((ch, k) => {
      if (script.test(ch)) letters[k] = ch === ch.toLowerCase() && ch !== ch.toUpperCase() ? 2 : 1;
    });
    p = { letters };
    pages.set(charset, p);
  }
  return p;
}

/**
 * A single-byte page: the share of high bytes that are letters of the expected script, weighed
 * by how many of them are lower case (running text is mostly lower case; CP1251 read as KOI8-R
 * is mostly capitals) and by whether they come in runs (Cyrillic words are all high bytes,
 * Western accented letters stand alone between ASCII letters).
 */
export function singleByteFit(sample: Uint8Array, charset: 'windows-1251' | 'koi8-r' | 'ibm866' | 'windows-1252'): Fit {
  const cyrillic = charset !== 'windows-1252';
  const { letters } = page(charset, cyrillic ? /\p{Script=Cyrillic}/u : /\p{Script=Latin}/u);
  let high = 0;
  let letter = 0;
  let lower = 0;
  let inRun = 0;
  let touchingLatin = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    high++;
    const kind = letters[b - 0x80]!;
    if (kind) letter++;
    if (kind === 2) lower++;
    const before = sample[i - 1] ?? 0;
    const after = sample[i + 1] ?? 0;
    if (before >= 0x80 || after >= 0x80) inRun++;
    // (a letter after a subfield delimiter is the subfield code, not text)
    if ((isAsciiLetter(before) && sample[i - 2] !== 0x1f) || isAsciiLetter(after)) touchingLatin++;
  }
  if (high === 0) return { score: 0, weight: 0 };
  const runs = inRun / high;
  // Cyrillic words are runs of high bytes between spaces and punctuation; runs glued to ASCII
  // letters are mojibake inside Latin words.
  const shape = cyrillic ? runs * (1 - touchingLatin / high) : 1 - runs / 2;
  const score = (letter / high) * (0.5 + (0.5 * lower) / Math.max(1, letter)) * shape;
  return { score, weight: high };
}
