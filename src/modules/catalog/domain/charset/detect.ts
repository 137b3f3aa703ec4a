/**
 * Which character set a record is really in. The declaration (MARC 21 leader/09, UNIMARC
 * 100 $a/26-29) comes first, but real files lie: blank leader/09 on UTF-8 records, `a` on MARC-8
 * or GBK ones (marc4j chinese_mangled_multibyte.mrc, not_unimarc_errors_3.mrc), CP1251 under a
 * MARC-8 leader (pymarc 1251.dat), Latin-1 under a MARC-8 leader (YAZ's Danish samples). So the
 * bytes are asked too (see evidence.ts), cheapest question first:
 *
 * 1. No byte above 0x7F and no ESC: every set reads ASCII alike; the declaration stands.
 * 2. Valid UTF-8 with multi-byte sequences and no ESC: UTF-8. Text in the other sets
 *    is practically never valid UTF-8 (their high bytes do not come in UTF-8's patterns).
 * 3. The declared set fits (≥ 90 % of the evidence): declared.
 * 4. Otherwise the best-fitting candidate, if it fits well and clearly better than the declared.
 */
import { gb18030Fit, iso5426Fit, marc8Fit, singleByteFit, utf8Fit, type Fit } from './evidence.js';
import { unimarcDeclaredCharset } from './unimarc-100.js';
import { isValidUtf8 } from './utf8.js';
import type { CharsetName } from './types.js';

export interface CharsetEvidence {
  /** The record's leader (24 characters). */
  leader: string;
  flavour: 'marc21' | 'unimarc';
  /** UNIMARC only: the text of 100 $a (positions 26–29 declare the character set). */
  field100a?: string;
  /** The record's bytes — the whole ISO 2709 record or its fields; without them only the declaration counts. */
  sample?: Uint8Array;
}

export interface CharsetDetection {
  charset: CharsetName;
  /** What the record declares, when it declares something we can decode. */
  declared: CharsetName | undefined;
  /**
   * `declared`: as the record says (the bytes agree or say nothing); `detected`: the bytes
   * overrule or stand in for the declaration; `default`: nothing to go on.
   */
  basis: 'declared' | 'detected' | 'default';
  /** Plain English: what was declared, what the bytes showed. */
  reason: string;
  /** How well each candidate fitted (0–1), when the bytes were weighed. */
  scores?: Partial<Record<CharsetName, number>>;
}

const CANDIDATES: Record<'marc21' | 'unimarc', readonly CharsetName[]> = {
  marc21: ['utf-8', 'marc-8', 'gb18030', 'windows-1251', 'koi8-r', 'ibm866', 'windows-1252'],
  unimarc: ['utf-8', 'iso-5426', 'gb18030', 'windows-1251', 'koi8-r', 'ibm866', 'windows-1252'],
};

/** A declared set is kept when this share of the evidence fits it. */
const CONFIRMS = 0.9;
/** A candidate replaces the declaration only when it fits this well… */
const CONVINCES = 0.6;
/** …and by this much more than the declared set… */
const MARGIN = 0.15;
/** …on at least this many bytes of evidence: one odd byte (a stray Latin-1 apostrophe in a MARC-8 record) does not recode a record. */
const MIN_WEIGHT = 6;

function fitOf(charset: CharsetName, sample: Uint8Array): Fit {
  switch (charset) {
    case 'utf-8':
      return utf8Fit(sample);
    case 'marc-8':
      return marc8Fit(sample);
    case 'iso-5426':
      return iso5426Fit(sample);
    case 'gb18030':
      return gb18030Fit(sample);
    case 'windows-1251':
    case 'koi8-r':
    case 'ibm866':
    case 'windows-1252':
      return singleByteFit(sample, charset);
    default:
      return { score: 0, weight: 0 }; // big5: only ever configured, never guessed
  }
}

function declaration(evidence: CharsetEvidence): { charset: CharsetName | undefined; reason: string } {
  if (evidence.flavour === 'unimarc') return unimarcDeclaredCharset(evidence.field100a);
  const l09 = evidence.leader.charAt(9);
  if (l09 === 'a') return { charset: 'utf-8', reason: 'leader/09 "a" declares UCS/Unicode (UTF-8)' };
  if (l09 === ' ') return { charset: 'marc-8', reason: 'leader/09 blank declares MARC-8' };
  return { charset: undefined, reason: `leader/09 "${l09}" is not a MARC 21 character coding value` };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The charset to decode a record's fields in, and why. Pure and cheap on ordinary records. */
export function detectCharset(evidence: CharsetEvidence): CharsetDetection {
  const declared = declaration(evidence);
  const fallback: CharsetName = declared.charset ?? (evidence.flavour === 'unimarc' ? 'utf-8' : 'marc-8');
  const sample = evidence.sample;
  if (!sample || !hasNonAscii(sample)) {
    return declared.charset
      ? { charset: declared.charset, declared: declared.charset, basis: 'declared', reason: `${declared.reason}${sample ? '; the record is plain ASCII' : ''}` }
      : { charset: fallback, declared: undefined, basis: 'default', reason: `${declared.reason}; ${sample ? 'the record is plain ASCII' : 'no bytes to look at'}, read as ${fallback}` };
  }

  const scores: Partial<Record<CharsetName, number>> = {};
  const esc = evidence.flavour === 'marc21' && hasEsc(sample);
  if (!esc && isValidUtf8(sample)) {
    const sequences = countUtf8Leads(sample);
    if (sequences >= 2 || declared.charset === 'utf-8') {
      const basis = declared.charset === 'utf-8' ? 'declared' : 'detected';
      return { charset: 'utf-8', declared: declared.charset, basis, reason: `${declared.reason}; the bytes are valid UTF-8 (${sequences} multi-byte characters)`, scores: { 'utf-8': 1 } };
    }
  }

  const fits = new Map<CharsetName, Fit>();
  const fitFor = (c: CharsetName): Fit => {
    let f = fits.get(c);
    if (!f) {
      f = fitOf(c, sample);
      fits.set(c, f);
      scores[c] = f.score;
    }
    return f;
  };
  fitFor('utf-8');
  if (esc) fitFor('marc-8'); // escapes are evidence for MARC-8 whatever the leader says
  const mine = declared.charset ? fitFor(declared.charset) : undefined;
  // A declared GB set needs only well-formed bytes: its score favours simplified text.
  const gbWellFormed = declared.charset === 'gb18030' && mine !== undefined && (mine as ReturnType<typeof gb18030Fit>).wellFormed >= CONFIRMS;
  if (declared.charset && mine && (mine.score >= CONFIRMS || gbWellFormed || (mine.weight === 0 && !otherEvidence(fits, declared.charset)))) {
    return { charset: declared.charset, declared: declared.charset, basis: 'declared', reason: `${declared.reason}; the bytes fit it (${pct(mine.score)})`, scores };
  }

  // ESC has no place in text in any code page: a MARC 21 record with escapes is MARC-8 or nothing.
  const candidates = esc ? (['utf-8', 'marc-8'] as const) : CANDIDATES[evidence.flavour];
  let best: CharsetName | undefined;
  for (const c of candidates) {
    const f = fitFor(c);
    if (f.weight > 0 && (!best || f.score > fitFor(best).score)) best = c;
  }
  const bestFit = best ? fitFor(best) : undefined;
  const overrules = !declared.charset || bestFit === undefined || bestFit.weight >= MIN_WEIGHT;
  if (best && bestFit && overrules && bestFit.score >= CONVINCES && best !== declared.charset && bestFit.score >= (mine?.score ?? 0) + MARGIN) {
    const against = declared.charset ? `, ${declared.charset} only ${pct(mine?.score ?? 0)}` : '';
    return { charset: best, declared: declared.charset, basis: 'detected', reason: `${declared.reason}; the bytes fit ${best} (${pct(bestFit.score)}${against})`, scores };
  }
  if (declared.charset) {
    return { charset: declared.charset, declared: declared.charset, basis: 'declared', reason: `${declared.reason}; no other character set fits the bytes better (${pct(mine?.score ?? 0)})`, scores };
  }
  const guess = best && bestFit && bestFit.score >= 0.5 ? best : fallback;
  return { charset: guess, declared: undefined, basis: guess === fallback ? 'default' : 'detected', reason: `${declared.reason}; read as ${guess}`, scores };
}

const hasEsc = (sample: Uint8Array): boolean => sample.indexOf(0x1b) >= 0;

/** UTF-8 lead bytes: the number of multi-byte characters in bytes known to be valid UTF-8. */
function countUtf8Leads(sample: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i]! >= 0xc2) n++;
  return n;
}

function hasNonAscii(sample: Uint8Array): boolean {
  for (let i = 0; i < sample.length; i++) if (sample[i]! >= 0x80 || sample[i] === 0x1b) return true;
  return false;
}

/** Whether some charset already weighed has evidence the declared one lacks. */
function otherEvidence(fits: Map<CharsetName, Fit>, declared: CharsetName): boolean {
  for (const [c, f] of fits) if (c !== declared && f.weight > 0 && f.score >= CONFIRMS) return true;
  return false;
}
