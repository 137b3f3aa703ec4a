/**
 * The reader's search box and the staff's advanced syntax (issue 4, "Queries"), into the one
 * query shape (ast.ts):
 *
 *   query    ::= or
 *   or       ::= and (('OR' | '||' | '或') and)*
 *   and      ::= unary (['AND' | '&&' | '与'] unary)*          bare words are ANDed
 *   unary    ::= ('NOT' | '非' | '-') unary | primary           "a NOT b" is a AND NOT b
 *   primary  ::= '(' or ')' | phrase | field ':' (word | phrase | '(' or ')') | word
 *   phrase   ::= "…" | “…” | 「…」 | 『…』
 *   word     ::= anything up to a space, parenthesis or quote; a trailing * is right truncation
 *
 * Operators are upper-case (lower-case "and"/"or" in a title are words); the Chinese ones only
 * stand alone between spaces (战争与和平 is a title). Never throws: every input gives a query
 * or a syntax error with its offset.
 */
import { MAX_QUERY_LENGTH, MAX_QUERY_NODES, type ParsedQuery, type QueryNode, type QuerySyntaxError, type SearchField } from './ast.js';
import { isbnLike, issnLike, type FieldName } from './parse-fields.js';
import { lex, type Token } from './parse-lexer.js';

export { FIELD_NAMES } from './parse-fields.js';

class Failure {
  constructor(readonly error: QuerySyntaxError) {}
}

/** Control characters are dropped (replaced by a space, so offsets stay those of the input). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g;

export function parseReaderQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    return { ok: false, error: { offset: MAX_QUERY_LENGTH, reason: 'too-long', near: input.slice(MAX_QUERY_LENGTH - 20, MAX_QUERY_LENGTH) } };
  }
  const text = input.replace(CONTROL, ' ');
  try {
    if (text.trim() === '') throw new Failure({ offset: 0, reason: 'empty', near: '' });
    const whole = bareIdentifier(text);
    if (whole !== null) return { ok: true, query: whole };
    const tokens = lex(text, (offset, reason) => fail(text, offset, reason));
    if (tokens.length === 0) throw new Failure({ offset: 0, reason: 'empty', near: '' });
    const query = new Parser(text, tokens).parse();
    if (countNodes(query) > MAX_QUERY_NODES) fail(text, 0, 'too-complex');
    return { ok: true, query };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    // A bug or an exhausted stack must not escape: the box answers with a 400, never a 500.
    return { ok: false, error: { offset: 0, reason: 'too-complex', near: text.slice(0, 20) } };
  }
}

function fail(text: string, offset: number, reason: string): never {
  throw new Failure({ offset, reason, near: text.slice(offset, offset + 20).trim() });
}

/**
 * An ISBN typed alone with spaces ("978 7 02 000220 7") is one number, not five words; an ISBN
 * or ISSN typed alone is looked for both as a word and as the identifier.
 */
function bareIdentifier(text: string): QueryNode | null {
  const t = text.trim();
  if (!/^[\d\sXx-]+$/.test(t) || !/\s/.test(t)) return null;
  return isbnLike(t) ? { kind: 'or', children: [{ kind: 'term', field: 'any', text: t, truncated: false }, { kind: 'term', field: 'isbn', text: t, truncated: false }] } : null;
}

function countNodes(node: QueryNode): number {
  switch (node.kind) {
    case 'and':
    case 'or':
      return 1 + node.children.reduce((n, c) => n + countNodes(c), 0);
    case 'not':
      return 1 + countNodes(node.child);
    default:
      return 1;
  }
}

/** Parentheses deeper than this are refused: a hostile query must not exhaust the stack. */
const MAX_DEPTH = 32;

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string, private readonly tokens: Token[]) {}

  parse(): QueryNode {
    const q = this.or('any');
    const t = this.tokens[this.at];
    if (t !== undefined) {
      if (t.type === 'rparen') this.fail(t.offset, 'unbalanced-parenthesis');
      this.fail(t.offset, 'operator-without-operand');
    }
    return q;
  }

  private fail(offset: number, reason: string): never {
    fail(this.text, offset, reason);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private or(field: SearchField): QueryNode {
    const children = [this.and(field)];
    for (let t = this.peek(); t?.type === 'or'; t = this.peek()) {
      this.at++;
      if (this.startsOperand() === false) this.fail(t.offset, 'operator-without-operand');
      children.push(this.and(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children: children.flatMap((c) => (c.kind === 'or' ? c.children : [c])) };
  }

  /** Whether the next token can begin an operand (a word, phrase, field, parenthesis or NOT). */
  private startsOperand(): boolean {
    const t = this.peek();
    return t !== undefined && t.type !== 'or' && t.type !== 'and' && t.type !== 'rparen';
  }

  private and(field: SearchField): QueryNode {
    const first = this.peek();
    if (first === undefined) this.fail(this.text.length, 'operator-without-operand');
    if (first.type === 'rparen') this.fail(first.offset, this.depth === 0 ? 'unbalanced-parenthesis' : 'empty');
    if (!this.startsOperand()) this.fail(first.offset, 'operator-without-operand');
    const items: { node: QueryNode; offset: number }[] = [];
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.type === 'or' || t.type === 'rparen') break;
      if (t.type === 'and') {
        this.at++;
        if (!this.startsOperand() || items.length === 0) this.fail(t.offset, 'operator-without-operand');
        continue;
      }
      items.push({ node: this.unary(field), offset: t.offset });
    }
    const positive = items.filter((i) => i.node.kind !== 'not');
    if (positive.length === 0) this.fail(items[0]!.offset, 'not-alone');
    if (items.length === 1) return items[0]!.node;
    return { kind: 'and', children: items.flatMap((i) => (i.node.kind === 'and' ? i.node.children : [i.node])) };
  }

  private unary(field: SearchField): QueryNode {
    const t = this.peek()!;
    if (t.type === 'not') {
      this.at++;
      if (!this.startsOperand()) this.fail(t.offset, 'operator-without-operand');
      const child = this.unary(field);
      // NOT NOT x is x.
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    return this.primary(field);
  }

  private primary(field: SearchField): QueryNode {
    const t = this.peek()!;
    this.at++;
    switch (t.type) {
      case 'lparen':
        return this.group(field, t.offset);
      case 'phrase':
        return phraseNode(field, t.text);
      case 'word':
        return wordNode(field, t.text);
      case 'field':
        return this.field(t.field, t.offset);
      default:
        return this.fail(t.offset, 'operator-without-operand');
    }
  }

  private group(field: SearchField, offset: number): QueryNode {
    if (++this.depth > MAX_DEPTH) this.fail(offset, 'too-complex');
    if (this.peek()?.type === 'rparen') this.fail(offset, 'empty');
    if (this.peek() === undefined) this.fail(offset, 'unbalanced-parenthesis');
    const inner = this.or(field);
    if (this.peek()?.type !== 'rparen') this.fail(offset, 'unbalanced-parenthesis');
    this.at++;
    this.depth--;
    return inner;
  }

  /** `field:value`, `field:"a phrase"`, `field:(a OR b)`: the field applies to every word inside. */
  private field(name: FieldName, offset: number): QueryNode {
    const t = this.peek();
    if (t === undefined || t.type === 'rparen' || t.type === 'or' || t.type === 'and' || t.type === 'not') {
      this.fail(offset, 'operator-without-operand');
    }
    if (name === 'year' || name === 'id' || name === 'library') {
      this.at++;
      const value = t.type === 'word' || t.type === 'phrase' ? t.text : null;
      if (name === 'library') {
        if (value === null || value.trim() === '') this.fail(t.offset, 'operator-without-operand');
        return { kind: 'library', symbol: value.trim() };
      }
      if (name === 'id') {
        if (value === null || !/^\d{1,15}$/.test(value.trim())) this.fail(t.offset, 'bad-id');
        return { kind: 'cluster', id: Number(value.trim()) };
      }
      const year = value === null ? null : parseYear(value.trim());
      if (year === null) this.fail(t.offset, 'bad-year');
      return year;
    }
    return this.primary(name);
  }
}

function wordNode(field: SearchField, raw: string): QueryNode {
  const truncated = /\*+$/.test(raw);
  const text = raw.replace(/\*+$/, '');
  const term: QueryNode = { kind: 'term', field, text, truncated };
  if (field === 'any' && !truncated) {
    // An ISBN or ISSN in the box is found as a number and as words (a title may hold it).
    if (isbnLike(text)) return { kind: 'or', children: [term, { kind: 'term', field: 'isbn', text, truncated: false }] };
    if (issnLike(text)) return { kind: 'or', children: [term, { kind: 'term', field: 'issn', text, truncated: false }] };
  }
  return term;
}

const IDENTIFIERS: ReadonlySet<SearchField> = new Set(['isbn', 'issn', 'doi', 'callNumber', 'systemNumber']);

function phraseNode(field: SearchField, text: string): QueryNode {
  // An identifier in quotes is still one identifier ("7 02 000220 X").
  if (IDENTIFIERS.has(field)) return { kind: 'term', field, text, truncated: false };
  return { kind: 'phrase', field, text };
}

/** `1990`, `1990-2000`, `1990-`, `-2000`, `>2000`, `>=2000`, `<1990`, `<=1990`; null when not a year range. */
export function parseYear(value: string): QueryNode | null {
  const v = value.replace(/[–—~～]/g, '-').replace(/\s+/g, '');
  const y = (s: string): number | null => (/^\d{1,4}$/.test(s) ? Number(s) : null);
  let from: number | null = null;
  let to: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(>=|<=|>|<)(\d{1,4})$/.exec(v))) {
    const n = Number(m[2]);
    if (m[1] === '>') from = n + 1;
    else if (m[1] === '>=') from = n;
    else if (m[1] === '<') to = n - 1;
    else to = n;
  } else if ((m = /^(\d{1,4})?-(\d{1,4})?$/.exec(v)) && (m[1] !== undefined || m[2] !== undefined)) {
    from = m[1] === undefined ? null : y(m[1]);
    to = m[2] === undefined ? null : y(m[2]);
    if (from !== null && to !== null && from > to) return null;
  } else {
    const n = y(v);
    if (n === null) return null;
    from = n;
    to = n;
  }
  return { kind: 'year', from, to };
}
