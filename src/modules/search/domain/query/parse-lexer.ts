/**
 * Tokens of the reader's syntax (parse.ts): parentheses, quoted phrases, operators, `field:`
 * prefixes and words, each with its offset in the input.
 */
import { FIELD_NAMES, NOT_FIELDS, type FieldName } from './parse-fields.js';

export type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; offset: number }
  | { type: 'word' | 'phrase'; text: string; offset: number }
  | { type: 'field'; field: FieldName; offset: number };

/** Opening quote → the marks that close it (ASCII, Chinese curly quotes, corner brackets, full width). */
const QUOTES: Record<string, string> = { '"': '"”', '“': '”"', '”': '”"', '「': '」', '『': '』', '＂': '＂"' };
const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { AND: 'and', OR: 'or', NOT: 'not', 与: 'and', 或: 'or', 非: 'not' };
const SPACE = /\s/;
/** A word ends at a space, a parenthesis, a quote, `&&` or `||`. */
const WORD = /[^\s()（）"“”「『＂]+?(?=[\s()（）"“”「『＂]|&&|\|\||$)/y;
/** `name:` or `name：` at the start of a word: ASCII letters, or two to four Chinese characters. */
const FIELD_PREFIX = /^([A-Za-z]+|[\u4e00-\u9fff]{2,4})[:：]/;
/** An identifier value in parentheses that is not a group: "(OCoLC)12345". */
const PARENTHESISED_ID = /\([^()\s]*\)[^\s()]+/y;

type Fail = (offset: number, reason: string) => never;

export function lex(text: string, fail: Fail): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  /** Right after `field:` with no space: the value is taken as written (no `-` NOT, no nested field). */
  let value: FieldName | null = null;
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      value = null;
      i++;
      continue;
    }
    const afterField: FieldName | null = value;
    value = null;
    if (c === '(' || c === '（') {
      if (afterField !== null && isIdentifier(afterField)) {
        PARENTHESISED_ID.lastIndex = i;
        const m = PARENTHESISED_ID.exec(text);
        if (m) {
          tokens.push({ type: 'word', text: m[0], offset: i });
          i += m[0].length;
          continue;
        }
      }
      tokens.push({ type: 'lparen', offset: i++ });
      continue;
    }
    if (c === ')' || c === '）') {
      tokens.push({ type: 'rparen', offset: i++ });
      continue;
    }
    const closers = QUOTES[c];
    if (closers !== undefined) {
      let end = i + 1;
      while (end < text.length && !closers.includes(text[end]!)) end++;
      if (end >= text.length) fail(i, 'unbalanced-quote');
      const inner = text.slice(i + 1, end).trim();
      // An empty pair of quotes is nothing; after a field it leaves the field without a value.
      if (inner !== '') tokens.push({ type: 'phrase', text: inner, offset: i });
      i = end + 1;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ type: c === '&' ? 'and' : 'or', offset: i });
      i += 2;
      continue;
    }
    if (afterField === null && (c === '-' || c === '+') && i + 1 < text.length && !SPACE.test(text[i + 1]!) && !'-+'.includes(text[i + 1]!)) {
      // "-word" is NOT word; "+word" is the word (every word is required anyway).
      if (c === '-') tokens.push({ type: 'not', offset: i });
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0] ?? c;
    const start = i;
    i += word.length;
    if (afterField === null && OPERATORS[word] !== undefined) {
      tokens.push({ type: OPERATORS[word], offset: start });
      continue;
    }
    const prefix: RegExpExecArray | null = afterField === null ? FIELD_PREFIX.exec(word) : null;
    if (prefix !== null) {
      const name: string = prefix[1]!;
      const field: FieldName | undefined = FIELD_NAMES[name.toLowerCase()];
      if (field !== undefined) {
        tokens.push({ type: 'field', field, offset: start });
        i = start + prefix[0].length;
        value = field;
        continue;
      }
      if (/^[a-z]+$/.test(name) && !NOT_FIELDS.has(name) && word.length > prefix[0].length) fail(start, 'unknown-field');
    }
    // A word of stars alone truncates nothing.
    if (/^\*+$/.test(word)) continue;
    tokens.push({ type: 'word', text: word, offset: start });
  }
  return tokens;
}

const isIdentifier = (f: FieldName): boolean => f === 'isbn' || f === 'issn' || f === 'doi' || f === 'callNumber' || f === 'systemNumber';
