/**
 * A CQL 1.2 parser (searchRetrieve part 5, "CQL BNF"):
 *
 *   sortedQuery      ::= prefixAssignment sortedQuery | scopedClause ['sortBy' sortSpec]
 *   cqlQuery         ::= prefixAssignment cqlQuery | scopedClause
 *   prefixAssignment ::= '>' prefix '=' uri | '>' uri
 *   scopedClause     ::= scopedClause booleanGroup searchClause | searchClause
 *   booleanGroup     ::= boolean [modifierList]            (and | or | not | prox; one precedence, left to right)
 *   searchClause     ::= '(' cqlQuery ')' | index relation searchTerm | searchTerm
 *   relation         ::= comparitor [modifierList]
 *   modifier         ::= '/' modifierName [comparitorSymbol modifierValue]
 *   sortSpec         ::= sortSpec singleSpec | singleSpec;  singleSpec ::= index [modifierList]
 *
 * Keywords (booleans, `sortBy`) are case-insensitive. Pure; never throws: every input gives a tree
 * or a syntax error with its offset.
 */
import type { CqlIndex, CqlModifier, CqlNode, CqlParse, CqlSortKey, CqlSyntaxError } from './cql-ast.js';
import { tokenize, type Token } from './tokens.js';
import { say } from './diagnostic.js';
import type { Localized } from '../../../../platform/i18n.js';

/** Parentheses deeper than this are refused (a stack that a hostile query cannot exhaust). */
export const MAX_CQL_DEPTH = 32;

const BOOLEANS = new Set(['and', 'or', 'not', 'prox']);

/** Prefix bindings in scope: prefix (lower case) → URI; '' is the default context set (`>"uri"`). */
type Scope = ReadonlyMap<string, string>;

class Failure {
  constructor(readonly error: CqlSyntaxError) {}
}

export function parseCql(input: string): CqlParse {
  const lexed = tokenize(input);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, tree: new Parser(lexed.tokens).sortedQuery() };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    // A stack overflow or a bug must not escape as an exception (the SRU endpoint answers a diagnostic).
    return { ok: false, error: { kind: 'too-deep', offset: 0, message: say('the query cannot be parsed', '无法解析该检索式') } };
  }
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  sortedQuery() {
    const scope = this.prefixAssignments(new Map());
    const root = this.scopedClause(scope);
    const sortKeys: CqlSortKey[] = [];
    if (this.isKeyword('sortby')) {
      this.at++;
      if (!this.isTerm()) this.fail('syntax', say('sortBy needs at least one index to sort by', 'sortBy 后至少需要一个排序检索点'));
      while (this.isTerm()) sortKeys.push({ index: this.index(this.termText(), scope), modifiers: this.modifiers() });
    }
    const t = this.peek();
    if (t.type === ')') this.fail('parenthesis', say('this closing parenthesis has no opening one', '此右括号没有对应的左括号'), t.offset);
    if (t.type !== 'eof') this.fail('syntax', say(`unexpected ${describe(t)}: a boolean (and, or, not) or the end of the query was expected`, `此处不应出现 ${describe(t)}：应为布尔运算符（and、or、not）或检索式结束`));
    return { root, sortKeys };
  }

  private prefixAssignments(outer: Scope): Scope {
    let scope = outer;
    while (this.peek().type === 'cmp' && (this.peek() as { text: string }).text === '>') {
      this.at++;
      if (!this.isTerm()) this.fail('syntax', say('a prefix assignment needs a context set URI after >', '前缀声明的 > 之后需要上下文集 URI'));
      const first = this.termText();
      const copy = new Map(scope);
      const t = this.peek();
      if (t.type === 'cmp' && t.text === '=') {
        this.at++;
        if (!this.isTerm()) this.fail('syntax', say(`the prefix ${first} needs a URI after =`, `前缀 ${first} 的 = 之后需要 URI`));
        copy.set(first.toLowerCase(), this.termText());
      } else {
        copy.set('', first);
      }
      scope = copy;
    }
    return scope;
  }

  private cqlQuery(outer: Scope): CqlNode {
    return this.scopedClause(this.prefixAssignments(outer));
  }

  private scopedClause(scope: Scope): CqlNode {
    let left = this.searchClause(scope);
    for (;;) {
      const t = this.peek();
      if (t.type !== 'word' || !BOOLEANS.has(t.text.toLowerCase())) return left;
      this.at++;
      const op = t.text.toLowerCase() as 'and' | 'or' | 'not' | 'prox';
      const modifiers = this.modifiers();
      if (this.peek().type === 'eof' || this.peek().type === ')') this.fail('syntax', say(`${t.text} needs a search clause after it`, `${t.text} 之后需要检索项`), t.offset);
      const right = this.searchClause(scope);
      left = { kind: 'boolean', op, modifiers, left, right, offset: t.offset };
    }
  }

  private searchClause(scope: Scope): CqlNode {
    const t = this.peek();
    if (t.type === '(') {
      if (++this.depth > MAX_CQL_DEPTH) this.fail('too-deep', say(`parentheses nested deeper than ${MAX_CQL_DEPTH}`, `括号嵌套超过 ${MAX_CQL_DEPTH} 层`), t.offset);
      this.at++;
      const inner = this.cqlQuery(scope);
      const close = this.peek();
      if (close.type !== ')') this.fail('parenthesis', say('the parenthesis opened here is never closed', '此处的左括号没有闭合'), t.offset);
      this.at++;
      this.depth--;
      return inner;
    }
    if (t.type === ')') this.fail('parenthesis', say('this closing parenthesis has no opening one', '此右括号没有对应的左括号'));
    if (t.type === 'eof') this.fail('syntax', t.offset === 0 ? say('the query is empty', '检索式为空') : say('a search term was expected at the end of the query', '检索式末尾缺少检索词'));
    if (t.type === 'word' && (BOOLEANS.has(t.text.toLowerCase()) || t.text.toLowerCase() === 'sortby')) {
      // CQL's grammar would read a lone keyword as a term; a reader who typed "and cats" or "or"
      // has left something out, and is better told so than answered with hits for the word "and".
      this.fail('syntax', say(`${t.text} needs a search clause before it`, `${t.text} 之前需要检索项`));
    }
    if (!this.isTerm()) this.fail('syntax', say(`unexpected ${describe(t)}: a search term was expected`, `此处不应出现 ${describe(t)}：应为检索词`));
    const first = this.termText();
    const next = this.peek();
    let relation: string | null = null;
    if (next.type === 'cmp') relation = next.text;
    else if (next.type === 'word' && !BOOLEANS.has(next.text.toLowerCase()) && next.text.toLowerCase() !== 'sortby') relation = next.text.toLowerCase();
    if (relation === null) return { kind: 'clause', index: null, relation: '=', modifiers: [], term: first, offset: t.offset };
    this.at++;
    const modifiers = this.modifiers();
    if (!this.isTerm()) {
      const where = this.peek();
      this.fail('syntax', say(`${first} ${relation} needs a search term after it${where.type === 'eof' ? '' : `, not ${describe(where)}`}`, `${first} ${relation} 之后需要检索词${where.type === 'eof' ? '' : `，而不是 ${describe(where)}`}`), where.offset);
    }
    const term = this.termText();
    return { kind: 'clause', index: this.index(first, scope, t.offset), relation, modifiers, term, offset: t.offset };
  }

  private modifiers(): CqlModifier[] {
    const out: CqlModifier[] = [];
    while (this.peek().type === '/') {
      this.at++;
      if (!this.isTerm()) this.fail('syntax', say('a modifier name was expected after /', '/ 之后需要修饰符名称'));
      const name = this.termText();
      const t = this.peek();
      if (t.type === 'cmp') {
        this.at++;
        if (!this.isTerm()) this.fail('syntax', say(`the modifier ${name} needs a value after ${t.text}`, `修饰符 ${name} 的 ${t.text} 之后需要取值`));
        out.push({ name, comparitor: t.text, value: this.termText() });
      } else out.push({ name, comparitor: null, value: null });
    }
    return out;
  }

  private index(text: string, scope: Scope, offset = this.tokens[this.at - 1]!.offset): CqlIndex {
    const dot = text.indexOf('.');
    const prefix = dot > 0 ? text.slice(0, dot) : null;
    const name = dot > 0 ? text.slice(dot + 1) : text;
    return { prefix, name, uri: scope.get(prefix === null ? '' : prefix.toLowerCase()) ?? null, offset };
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private isTerm(): boolean {
    const t = this.peek().type;
    return t === 'word' || t === 'quoted';
  }

  private isKeyword(k: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.text.toLowerCase() === k;
  }

  private termText(): string {
    const t = this.tokens[this.at++] as { text: string };
    return t.text;
  }

  private fail(kind: CqlSyntaxError['kind'], message: Localized, offset = this.peek().offset): never {
    throw new Failure({ kind, offset, message });
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'word':
      return `"${t.text}"`;
    case 'quoted':
      return `the quoted term "${t.text}"`;
    case 'cmp':
      return `"${t.text}"`;
    case 'eof':
      return 'end of query';
    default:
      return `"${t.type}"`;
  }
}
