/**
 * A query's text nodes as tsquery text (issue 4), analysed exactly as documents are
 * (`document.ts`): the same folding, tokens, stems, bigrams, pinyin and identifier forms, and
 * phrase distances computed from the same positions. Scheme: docs/search.md.
 */
import type { QueryNode, SearchField } from '../query/ast.js';
import { chineseWords, isSyllable, splitPinyin } from './chinese.js';
import { foldCharacters } from './fold.js';
import {
  callNumberForm, cleanIsbn, doiForm, isbnQueryForm, issnForm, looksLikeDoi, looksLikeIsbn, looksLikeIssn, systemNumberForms,
} from './identifiers.js';
import { quoteLexeme, TAG } from './lexemes.js';
import { tokenize, type Token } from './tokens.js';
import { queryWordForm } from './words.js';

/** A small tsquery tree, printed once at the end. */
type Q =
  | { t: 'lex'; lexeme: string; prefix: boolean; weight: string }
  | { t: 'and' | 'or'; children: Q[] }
  | { t: 'not'; child: Q }
  /** Items at relative positions: printed as `a <-> b <2> c`. */
  | { t: 'phrase'; items: { q: Q; at: number }[] };

/** How a text field is looked up. */
interface Scope {
  /** Weight letter the lexemes must carry ('' for any). */
  weight: string;
  /** Field tag before each lexeme (publisher, series). */
  tag: string;
  /** Titles and authors are also indexed by pinyin. */
  pinyin: boolean;
}

const SCOPES: Partial<Record<SearchField, Scope>> = {
  any: { weight: '', tag: '', pinyin: true },
  // The weight stays for pinyin, which is written untagged (only titles and authors have it).
  title: { weight: 'A', tag: TAG.title, pinyin: true },
  author: { weight: 'B', tag: TAG.author, pinyin: true },
  subject: { weight: 'C', tag: TAG.subject, pinyin: false },
  publisher: { weight: '', tag: TAG.publisher, pinyin: false },
  series: { weight: '', tag: TAG.series, pinyin: false },
};

const lex = (lexeme: string, prefix = false): Q => ({ t: 'lex', lexeme, prefix, weight: '' });
const or = (children: Q[]): Q => (children.length === 1 ? children[0]! : { t: 'or', children });
const and = (children: Q[]): Q => (children.length === 1 ? children[0]! : { t: 'and', children });
const phrase = (items: { q: Q; at: number }[]): Q => (items.length === 1 ? items[0]!.q : { t: 'phrase', items });

/** A chain of bigrams: the characters of a CJK or hangul run in this order, at offset `at`. */
function chain(chars: string[], at: number, tag: string): { q: Q; at: number }[] {
  if (chars.length === 1) return [{ q: lex(tag + chars[0]!, true), at }];
  const items: { q: Q; at: number }[] = [];
  for (let i = 0; i < chars.length - 1; i++) items.push({ q: lex(tag + chars[i]! + chars[i + 1]!), at: at + i });
  return items;
}

/**
 * A Chinese run typed as a word: jieba's words, each found as a bigram chain, all required
 * ("红楼梦研究" finds 红楼梦的研究). A one-character word is kept with its neighbour ("中国古代史"
 * → 中国 + 古代史) rather than looked up alone; a run of one character is a prefix.
 */
function chineseRun(token: Token, tag: string): Q {
  const chars = Array.from(token.text);
  if (token.kind !== 'cjk' || token.kana || chars.length <= 2) return phrase(chain(chars, 0, tag));
  const words: string[][] = [];
  for (const w of chineseWords(token.text)) {
    const wc = Array.from(w);
    const prev = words[words.length - 1];
    if (prev !== undefined && (wc.length === 1 || prev.length === 1)) prev.push(...wc);
    else words.push(wc);
  }
  return and(words.map((w) => phrase(chain(w, 0, tag))));
}

/** Initials typed for a title ("hlm", "zggds"): consonants only, as no full pinyin is. */
const INITIALS = /^[bcdfghjklmnpqrstwxyz]{2,}$/;

/**
 * One alphabetic word: its stem (or, truncated, the prefix of the word as typed), and for
 * titles and authors its pinyin readings: a word's full pinyin ("hongloumeng"), or the same
 * syllables anywhere in a run ("zhongguogudaishi" over 中国/古代史), or initials ("hlm"). A
 * single syllable alone ("long") is not looked up as pinyin: it is an English word as often.
 */
function word(text: string, truncated: boolean, scope: Scope, inPhrase: boolean): Q {
  const alternatives: Q[] = [lex(scope.tag + (truncated ? text : queryWordForm(text)), truncated)];
  if (scope.pinyin && /^[a-z]+$/.test(text)) {
    if (inPhrase) {
      // In a phrase each position is one character: only a single syllable can stand for one.
      if (isSyllable(text)) alternatives.push(lex(TAG.syllable + text, truncated));
    } else if (truncated) {
      if (text.length >= 2) alternatives.push(lex(TAG.pinyin + text, true));
    } else {
      const syllables = splitPinyin(text);
      if (syllables !== null && syllables.length > 1) {
        alternatives.push(lex(TAG.pinyin + text), syllablePhrase(syllables));
      } else if (INITIALS.test(text)) {
        alternatives.push(lex(TAG.pinyin + text));
      }
    }
  }
  return or(alternatives);
}

const syllablePhrase = (syllables: string[]): Q => phrase(syllables.map((s, i) => ({ q: lex(TAG.syllable + s), at: i })));

/** The syllables of a term typed in pinyin ("hong", "loumeng"), when it is one word of a pinyin-searchable field. */
function termSyllables(node: QueryNode): string[] | null {
  if (node.kind !== 'term' || node.truncated || !SCOPES[node.field]?.pinyin) return null;
  const folded = foldCharacters(node.text);
  return /^[a-z]+$/.test(folded) ? splitPinyin(folded) : null;
}

/**
 * Words of an AND, with pinyin typed syllable by syllable ("hong lou meng") also read as the
 * characters next to each other (红楼梦): two or more neighbouring pinyin terms of one field
 * become (the words) OR (their syllables as a phrase).
 */
function andWithPinyin(children: QueryNode[]): Q | null {
  const out: Q[] = [];
  for (let i = 0; i < children.length; ) {
    let j = i;
    const syllables: string[] = [];
    while (j < children.length && (j === i || sameField(children[i]!, children[j]!))) {
      const s = termSyllables(children[j]!);
      if (s === null) break;
      syllables.push(...s);
      j++;
    }
    if (j - i >= 2) {
      const words = children.slice(i, j).map(build).filter((c): c is Q => c !== null);
      const together = syllablePhrase(syllables);
      const weight = SCOPES[(children[i] as { field: SearchField }).field]!.weight;
      if (weight !== '') restrict(together, weight, SCOPES[(children[i] as { field: SearchField }).field]!.tag);
      out.push(or([and(words), together]));
      i = j;
    } else {
      const q = build(children[i]!);
      if (q !== null) out.push(q);
      i++;
    }
  }
  return out.length === 0 ? null : and(out);
}

const sameField = (a: QueryNode, b: QueryNode): boolean => a.kind === 'term' && b.kind === 'term' && a.field === b.field;

/** The tokens of a text as one phrase, with the distances the document's positions give. */
function tokensPhrase(tokens: Token[], truncated: boolean, scope: Scope): Q {
  const items: { q: Q; at: number }[] = [];
  let at = 0;
  tokens.forEach((token, i) => {
    if (token.kind === 'word') {
      items.push({ q: word(token.text, truncated && i === tokens.length - 1, scope, true), at });
      at += 1;
    } else {
      const chars = Array.from(token.text);
      items.push(...chain(chars, at, scope.tag));
      at += chars.length;
    }
  });
  return phrase(items);
}

/** Identifier forms for a field search, or for a bare word that looks like one (`any`). */
function identifierLexemes(field: SearchField, text: string, truncated: boolean): Q[] {
  const t = text.trim();
  switch (field) {
    case 'isbn': {
      const form = truncated ? cleanIsbn(t) : isbnQueryForm(t);
      return form === '' ? [] : [lex(TAG.isbn + form, truncated)];
    }
    case 'issn': {
      const form = issnForm(t);
      return form === '' ? [] : [lex(TAG.issn + form, truncated)];
    }
    case 'doi': {
      const form = doiForm(t);
      return form === '' ? [] : [lex(TAG.doi + form, truncated)];
    }
    case 'callNumber': {
      const form = callNumberForm(t);
      return form === '' ? [] : [lex(TAG.callNumber + form, truncated)];
    }
    case 'systemNumber':
      return systemNumberForms(t).map((f) => lex(TAG.systemNumber + f, truncated));
    case 'any': {
      // A bare ISBN, ISSN, DOI, call number or system number typed in the box finds its record.
      const found: Q[] = [];
      if (!truncated && looksLikeIsbn(t)) found.push(...identifierLexemes('isbn', t, false));
      if (!truncated && looksLikeIssn(t)) found.push(...identifierLexemes('issn', t, false));
      if (looksLikeDoi(t)) found.push(...identifierLexemes('doi', t, truncated));
      if (/\d/.test(t) && !/\s/.test(t)) {
        found.push(...identifierLexemes('callNumber', t, truncated), ...identifierLexemes('systemNumber', t, truncated));
      }
      return found;
    }
    default:
      return [];
  }
}

/** A term, phrase or exact node. */
function leaf(field: SearchField, text: string, truncated: boolean, asPhrase: boolean): Q | null {
  const scope = SCOPES[field];
  if (scope === undefined) return or0(identifierLexemes(field, text, truncated));
  const tokens = tokenize(foldCharacters(text));
  let q: Q | null = null;
  if (tokens.length === 1 && !asPhrase) {
    const token = tokens[0]!;
    q = token.kind === 'word' ? word(token.text, truncated, scope, false) : chineseRun(token, scope.tag);
  } else if (tokens.length > 0) {
    q = tokensPhrase(tokens, truncated, scope);
  }
  if (q !== null && scope.weight !== '') restrict(q, scope.weight, scope.tag);
  if (field !== 'any') return q;
  const ids = identifierLexemes('any', text, truncated);
  return or0(q === null ? ids : [q, ...ids]);
}

/**
 * Title, author, subject: every lexeme of the leaf must carry the field's weight (`'x':A`) —
 * except the field's own tagged lexemes (`ti|x`), written only for that field. A weight is not in
 * the GIN index: it makes PostgreSQL read and check every matching document's tsvector, so a
 * tagged lexeme without one is answered by the index alone. Pinyin, written untagged for titles
 * and authors alike, keeps its weight.
 */
function restrict(q: Q, weight: string, tag: string): void {
  if (q.t === 'lex') {
    if (tag === '' || !q.lexeme.startsWith(tag)) q.weight = weight;
  } else if (q.t === 'not') restrict(q.child, weight, tag);
  else if (q.t === 'phrase') for (const item of q.items) restrict(item.q, weight, tag);
  else for (const c of q.children) restrict(c, weight, tag);
}

const or0 = (children: Q[]): Q | null => (children.length === 0 ? null : or(children));

function build(node: QueryNode): Q | null {
  switch (node.kind) {
    case 'term':
      return leaf(node.field, node.text, node.truncated, false);
    case 'phrase':
    case 'exact':
      // `exact` (whole field equals) is checked by the index on folded fields; here it must at least be the phrase.
      return leaf(node.field, node.text, false, true);
    case 'and':
      return andWithPinyin(node.children);
    case 'or': {
      const children = node.children.map(build).filter((c): c is Q => c !== null);
      return children.length === 0 ? null : or(children);
    }
    case 'not': {
      const child = build(node.child);
      return child === null ? null : { t: 'not', child };
    }
    default:
      throw new Error(`textQuery: a ${node.kind} node is not text; the index handles it`);
  }
}

function print(q: Q): string {
  switch (q.t) {
    case 'lex':
      return quoteLexeme(q.lexeme) + (q.prefix || q.weight !== '' ? ':' : '') + (q.prefix ? '*' : '') + q.weight;
    case 'and':
    case 'or':
      return `(${q.children.map(print).join(q.t === 'and' ? ' & ' : ' | ')})`;
    case 'not':
      return `!${print(q.child)}`;
    case 'phrase': {
      let out = print(q.items[0]!.q);
      for (let i = 1; i < q.items.length; i++) {
        const d = q.items[i]!.at - q.items[i - 1]!.at;
        out += ` ${d === 1 ? '<->' : `<${d}>`} ${print(q.items[i]!.q)}`;
      }
      return `(${out})`;
    }
  }
}

/**
 * The tsquery text (for `::tsquery`) of a query made only of text nodes (term, phrase, exact,
 * and, or, not); null when it has no searchable token at all (e.g. only punctuation). Throws on
 * year/library/cluster nodes.
 */
export function textQuery(node: QueryNode): string | null {
  const q = build(node);
  return q === null ? null : print(q);
}
