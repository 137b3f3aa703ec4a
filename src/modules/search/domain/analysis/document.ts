/**
 * The search document of a cluster as a tsvector literal (issue 4): every field's words with
 * positions and a weight (A title, B author, C subject, D the rest), Chinese as words, bigrams
 * and pinyin, identifiers as tagged exact tokens. Scheme: docs/search.md.
 */
import { chineseWords, wordPinyin } from './chinese.js';
import { foldCharacters } from './fold.js';
import { callNumberForm, doiForm, isbnForms, issnForm, systemNumberForms } from './identifiers.js';
import { quoteLexeme, TAG, type Weight } from './lexemes.js';
import { MAX_TOKEN_CHARS, tokenize } from './tokens.js';
import { documentWordForms } from './words.js';

export interface DocumentText {
  /** Title proper with subtitle, parallel/variant titles, 880 vernacular titles, uniform title → weight A. */
  titles: string[];
  /** Personal/corporate names (also 880 vernacular) → weight B. */
  authors: string[];
  /** Subject headings, keywords → weight C. */
  subjects: string[];
  /** Weight D, also searchable as field `publisher`. */
  publishers: string[];
  /** Weight D, also as field `series`. */
  series: string[];
  /** Edition, notes, contents, place … weight D (keyword only). */
  other: string[];
  /** ISBN-13 (the ISBN-10 form is indexed too, so any form typed is found). */
  isbns: string[];
  /** "1234-5679". */
  issns: string[];
  dois: string[];
  callNumbers: string[];
  /** 001/035 values, OCLC numbers, LCCN … */
  systemNumbers: string[];
  /** Lexemes without a position (the static-score tiers): found by the index, never in a phrase, never ranked. */
  unpositioned?: string[];
}

/** PostgreSQL's limits (§8.11.1, tsvector): positions 1–16383, 256 positions per lexeme, < 1 MB. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Estimated size of the literal above which new lexemes are dropped (well under 1 MB). */
const MAX_VECTOR_CHARS = 400_000;
/** A run of Han characters whose initials are also indexed whole ("hlmyj") up to this length. */
const MAX_RUN_INITIALS = 30;
const WEIGHT_CODE: Record<Weight, number> = { D: 0, C: 1, B: 2, A: 3 };
const WEIGHT_LETTER = ['', 'C', 'B', 'A'];

/** What to write for one value besides its plain lexemes. */
interface ValueOptions {
  weight: Weight;
  /** Pinyin of Han characters (titles and authors). */
  pinyin?: boolean;
  /** Names: a leading character is read as a surname. */
  name?: boolean;
  /** A field tag also written before each lexeme (title, author, subject, publisher, series). */
  tag?: string;
}

/** Lexemes with their positions, each position coded as position × 4 + weight. */
class VectorBuilder {
  private readonly lexemes = new Map<string, number[]>();
  private chars = 0;
  /** Next free position. */
  position = 1;

  get full(): boolean {
    return this.chars > MAX_VECTOR_CHARS;
  }

  add(lexeme: string, position: number, weight: Weight): void {
    if (lexeme === '') return;
    const code = Math.min(position, MAX_POSITION) * 4 + WEIGHT_CODE[weight];
    const list = this.lexemes.get(lexeme);
    if (list === undefined) {
      if (this.chars > MAX_VECTOR_CHARS) return;
      this.chars += lexeme.length * 3 + 4;
      this.lexemes.set(lexeme, [code]);
      return;
    }
    const last = list[list.length - 1]!;
    if (last >> 2 === code >> 2) {
      // Same position again (a clamped position, or two fields' forms): the higher weight stays.
      if ((code & 3) > (last & 3)) list[list.length - 1] = code;
      return;
    }
    if (list.length >= MAX_POSITIONS_PER_LEXEME) return;
    this.chars += 7;
    list.push(code);
  }

  /** Leave a gap so that no phrase matches across two values or fields. */
  endValue(): void {
    this.position += 1;
  }

  literal(unpositioned: readonly string[]): string {
    let out = '';
    for (const [lexeme, codes] of this.lexemes) {
      out += `${out === '' ? '' : ' '}${quoteLexeme(lexeme)}:`;
      for (let i = 0; i < codes.length; i++) out += `${i === 0 ? '' : ','}${codes[i]! >> 2}${WEIGHT_LETTER[codes[i]! & 3]}`;
    }
    for (const lexeme of unpositioned) if (!this.lexemes.has(lexeme)) out += `${out === '' ? '' : ' '}${quoteLexeme(lexeme)}`;
    return out;
  }
}

/** One value (a title, a name …): its tokens at consecutive positions. */
function addValue(b: VectorBuilder, value: string, o: ValueOptions): void {
  const add = (lexeme: string, position: number): void => {
    b.add(lexeme, position, o.weight);
    if (o.tag !== undefined) b.add(o.tag + lexeme, position, o.weight);
  };
  for (const token of tokenize(foldCharacters(value))) {
    // Past 16383 the words are still found, at the last position; past the size cap, dropped.
    if (b.full) break;
    const p = b.position;
    if (token.kind === 'word') {
      for (const form of documentWordForms(token.text)) add(form, p);
      b.position += 1;
      continue;
    }
    const chars = Array.from(token.text);
    const n = chars.length;
    // Bigrams at each character, and the last character alone: a bigram chain finds any
    // substring of two or more characters, a prefix ("梦:*") any single character.
    for (let i = 0; i < n - 1; i++) add(chars[i]! + chars[i + 1]!, p + i);
    add(chars[n - 1]!, p + n - 1);
    if (token.kind === 'hangul') {
      if (n >= 3 && n <= MAX_TOKEN_CHARS) add(token.text, p);
    } else if (!token.kana && o.pinyin === true) {
      // Words and pinyin for titles and authors; elsewhere bigrams find every word already.
      addChineseWords(b, chars, p, o, add);
    }
    b.position += n;
  }
  b.endValue();
}

/**
 * Jieba's words of three or more characters (shorter ones are bigrams already), and for titles
 * and authors the pinyin: each character's syllable at its position ("hong lou meng" typed as
 * words or a phrase), each word's full pinyin and initials at the word's position
 * ("hongloumeng", "hlm"), and the initials of the whole run ("hlmyjjk").
 */
function addChineseWords(b: VectorBuilder, chars: string[], p: number, o: ValueOptions, add: (l: string, p: number) => void): void {
  const words = chineseWords(chars.join(''));
  let initials = '';
  let readable = true;
  let offset = 0;
  for (const word of words) {
    const length = Array.from(word).length;
    if (length >= 3) add(word, p + offset);
    const syllables = wordPinyin(word, o.name === true && offset === 0);
    for (let i = 0; i < syllables.length; i++) {
      const s = syllables[i];
      if (s) b.add(TAG.syllable + s, p + offset + i, o.weight);
    }
    const complete = syllables.length === length && syllables.every((s) => s !== null);
    if (complete && length >= 2) {
      b.add(TAG.pinyin + syllables.join(''), p + offset, o.weight);
      b.add(TAG.pinyin + syllables.map((s) => s![0]).join(''), p + offset, o.weight);
    }
    if (complete) initials += syllables.map((s) => s![0]).join('');
    else readable = false;
    offset += length;
  }
  if (readable && words.length > 1 && initials.length <= MAX_RUN_INITIALS) b.add(TAG.pinyin + initials, p, o.weight);
}

/** Identifier forms, each one tagged token at its own position, weight A (an exact hit). */
function addIdentifiers(b: VectorBuilder, tag: string, values: string[], forms: (v: string) => string[]): void {
  for (const value of values) {
    for (const form of forms(value)) if (form !== '') b.add(tag + form.slice(0, MAX_TOKEN_CHARS * 4), b.position, 'A');
    b.position += 1;
    b.endValue();
  }
}

/**
 * The tsvector literal (text accepted by `::tsvector`) of a search document, positions and
 * weights included. Titles, authors, subjects and identifiers come first, so that a huge record
 * (thousands of notes) loses its notes' positions, not its title's.
 */
export function documentVector(text: DocumentText): string {
  const b = new VectorBuilder();
  for (const v of text.titles) addValue(b, v, { weight: 'A', pinyin: true, tag: TAG.title });
  for (const v of text.authors) addValue(b, v, { weight: 'B', pinyin: true, name: true, tag: TAG.author });
  for (const v of text.subjects) addValue(b, v, { weight: 'C', tag: TAG.subject });
  addIdentifiers(b, TAG.isbn, text.isbns, isbnForms);
  addIdentifiers(b, TAG.issn, text.issns, (v) => [issnForm(v)]);
  addIdentifiers(b, TAG.doi, text.dois, (v) => [doiForm(v)]);
  addIdentifiers(b, TAG.callNumber, text.callNumbers, (v) => [callNumberForm(v)]);
  addIdentifiers(b, TAG.systemNumber, text.systemNumbers, systemNumberForms);
  for (const v of text.publishers) addValue(b, v, { weight: 'D', tag: TAG.publisher });
  for (const v of text.series) addValue(b, v, { weight: 'D', tag: TAG.series });
  for (const v of text.other) addValue(b, v, { weight: 'D' });
  // Outside the size cap: a huge record keeps its tier (what it costs is a few characters).
  return b.literal(text.unpositioned ?? []);
}
