/**
 * CQL → the query shape every way of asking takes (ast.ts). Meaning of relations on word indexes:
 * - `=` and `all`: every word, in any order (as Zebra's default; CQL 1.2 leaves `=` to the server,
 *   and "all words" finds what a reader typing `dc.title = "red chamber"` expects);
 * - `any`: some word; `adj`: the words as a phrase; `==`: the whole title or author (else a phrase);
 * - `<>`: NOT, beside something positive (`a and dc.title <> b`); alone it would mean "everything but".
 * Pure; never throws.
 */
import { MAX_QUERY_LENGTH, MAX_QUERY_NODES, type QueryNode, type SearchField } from '../query/ast.js';
import type { SortOrder } from '../../search-index.js';
import type { CqlModifier, CqlNode, CqlSyntaxError } from './cql-ast.js';
import { diag, say, type SruDiagnostic } from './diagnostic.js';
import { resolveIndex, type IndexUse } from './indexes.js';
import { parseCql } from './parser.js';
import { cqlSortOrder } from './sort.js';
import { termWords, type Word } from './terms.js';

export type CqlMapping =
  /** `query` null: every record (`cql.allRecords`); `sort` null: none asked (CQL `sortBy`). */
  | { ok: true; query: QueryNode | null; sort: SortOrder | null }
  | { ok: false; diagnostic: SruDiagnostic };

/** Everything; only while mapping (`cql.allRecords`), folded away before the result. */
type Mapped = QueryNode | { kind: 'all' };

class Refusal {
  constructor(readonly diagnostic: SruDiagnostic) {}
}
const refuse = (d: SruDiagnostic): never => {
  throw new Refusal(d);
};

/** Relation modifiers that change nothing Anylib does (relevance ranking, stemming and case folding are always on). */
const HARMLESS_MODIFIERS = new Set(['relevant', 'stem', 'ignorecase', 'ignoreaccents', 'masked', 'word', 'string']);

export function cqlToQuery(cql: string): CqlMapping {
  if (cql.length > MAX_QUERY_LENGTH) return { ok: false, diagnostic: diag(12, String(MAX_QUERY_LENGTH), say(`the query has ${cql.length} characters; at most ${MAX_QUERY_LENGTH} are accepted`, `检索式有 ${cql.length} 个字符，最多接受 ${MAX_QUERY_LENGTH} 个`)) };
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.exec(cql);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { ok: false, diagnostic: diag(10, String(control.index), say(`a control character (U+${code}) at offset ${control.index}`, `第 ${control.index} 个字符处有控制字符（U+${code}）`)) };
  }
  const parsed = parseCql(cql);
  if (!parsed.ok) return { ok: false, diagnostic: syntaxDiagnostic(parsed.error) };
  try {
    const sort = parsed.tree.sortKeys.length === 0 ? null : sortOf(parsed.tree.sortKeys);
    const mapped = simplify(node(parsed.tree.root));
    const query = mapped.kind === 'all' ? null : mapped;
    if (query) {
      checkNegations(query, null);
      const count = countNodes(query);
      if (count > MAX_QUERY_NODES) refuse(diag(38, String(MAX_QUERY_NODES), say(`the query has ${count} parts; at most ${MAX_QUERY_NODES} are accepted`, `检索式有 ${count} 个组成部分，最多接受 ${MAX_QUERY_NODES} 个`)));
    }
    return { ok: true, query, sort };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, diagnostic: e.diagnostic };
    return { ok: false, diagnostic: diag(10, '0', say('the query cannot be understood', '无法理解该检索式')) };
  }
}

function syntaxDiagnostic(e: CqlSyntaxError): SruDiagnostic {
  const code = e.kind === 'parenthesis' ? 13 : e.kind === 'quote' ? 14 : 10;
  return diag(code, String(e.offset), say(`${e.message.en} (offset ${e.offset})`, `${e.message['zh-CN']}（第 ${e.offset} 个字符）`));
}

function sortOf(keys: { index: { prefix: string | null; name: string }; modifiers: CqlModifier[] }[]): SortOrder {
  if (keys.length > 1) refuse(diag(84, '1', say('one sort key at most (relevance, dc.title, dc.date)', '最多一个排序键（relevance、dc.title、dc.date）')));
  const key = keys[0]!;
  const written = key.index.prefix === null ? key.index.name : `${key.index.prefix}.${key.index.name}`;
  let ascending: boolean | null = null;
  for (const m of key.modifiers) {
    const name = m.name.toLowerCase().replace(/^sort\./, '');
    if (name === 'ascending') ascending = true;
    else if (name === 'descending') ascending = false;
  }
  const r = cqlSortOrder(written, ascending);
  if (r.ok) return r.sort;
  return r.reason === 'direction'
    ? refuse(diag(90, ascending ? 'ascending' : 'descending', say(`${written} sorts one way only`, `${written} 只能按一个方向排序`)))
    : refuse(diag(16, written, say(`cannot sort by ${written}; sort keys: dc.title, dc.date, relevance`, `不能按 ${written} 排序；排序键：dc.title、dc.date、relevance`)));
}

function node(n: CqlNode): Mapped {
  if (n.kind === 'boolean') {
    if (n.op === 'prox') refuse(diag(39, 'prox', say('prox (proximity) is not supported; use adj for a phrase', '不支持 prox（邻近检索）；短语请用 adj')));
    if (n.modifiers.length > 0) refuse(diag(46, n.modifiers[0]!.name, say(`the boolean ${n.op} takes no modifiers here`, `布尔运算符 ${n.op} 在此不接受修饰符`)));
    const left = node(n.left);
    const right = node(n.right);
    if (n.op === 'and') return and([left, right]);
    if (n.op === 'or') return or([left, right]);
    return and([left, not(right)]);
  }
  const resolved = resolveIndex(n.index);
  if (!resolved.ok) return refuse(resolved.diagnostic);
  const indexName = n.index === null ? 'cql.serverChoice' : n.index.prefix === null ? n.index.name : `${n.index.prefix}.${n.index.name}`;
  let masked = true;
  for (const m of n.modifiers) {
    const name = m.name.toLowerCase().replace(/^cql\./, '');
    if (name === 'unmasked' && m.value === null) masked = false;
    else if (!HARMLESS_MODIFIERS.has(name) || m.value !== null) refuse(diag(20, m.name, say(`the relation modifier ${m.name} is not supported`, `不支持关系修饰符 ${m.name}`)));
  }
  const relation = n.relation === 'exact' ? '==' : n.relation === 'scr' ? '=' : n.relation;
  if (!KNOWN_RELATIONS.has(relation)) refuse(diag(19, n.relation, say(`the relation ${n.relation} is not CQL; relations: ${RELATION_LIST}`, `${n.relation} 不是 CQL 关系；关系：${RELATION_LIST}`)));
  const use = resolved.info.use;
  if (use.kind === 'all') return { kind: 'all' };
  const words = termWords(n.term, masked);
  if (!words.ok) return refuse(words.diagnostic);
  return clause(use, relation, words.words, { index: indexName, term: n.term });
}

const KNOWN_RELATIONS = new Set(['=', '==', '<>', '<', '>', '<=', '>=', 'all', 'any', 'adj', 'within', 'encloses']);
const RELATION_LIST = '=, ==, all, any, adj, <>, <, >, <=, >=, within';

function clause(use: Exclude<IndexUse, { kind: 'all' }>, relation: string, words: Word[], written: { index: string; term: string }): Mapped {
  const unsupported = (): never => refuse(diag(22, `${written.index} ${relation}`, say(`${written.index} cannot be searched with ${relation}`, `${written.index} 不能用 ${relation} 检索`)));
  const untruncated = () => {
    if (words.some((w) => w.truncated)) refuse(diag(28, written.term, say(`truncation (*) cannot be used with ${relation} on ${written.index}`, `${written.index} 的 ${relation} 检索不能截词（*）`)));
  };
  switch (use.kind) {
    case 'text': {
      const f = use.field;
      const terms = () => words.map((w): QueryNode => ({ kind: 'term', field: f, text: w.text, truncated: w.truncated }));
      const phrase = (): QueryNode => ({ kind: 'phrase', field: f, text: words.map((w) => w.text).join(' ') });
      switch (relation) {
        case '=':
        case 'all':
          return and(terms());
        case 'any':
          return or(terms());
        case '<>':
          return not(and(terms()));
        case 'adj':
          if (words.length === 1) return terms()[0]!;
          if (words.some((w) => w.truncated)) refuse(diag(33, written.term, say('a phrase (adj) cannot hold a truncated word', '短语（adj）中不能有截词')));
          return phrase();
        case '==':
          untruncated();
          if (f === 'title' || f === 'author') return { kind: 'exact', field: f, text: words.map((w) => w.text).join(' ') };
          return words.length === 1 ? terms()[0]! : phrase();
        default:
          return unsupported();
      }
    }
    case 'identifier': {
      const term = (w: Word): QueryNode => ({ kind: 'term', field: use.field, text: w.text, truncated: w.truncated });
      switch (relation) {
        case '=':
        case 'all':
          return and(words.map(term));
        case 'any':
          return or(words.map(term));
        case '<>':
          return not(and(words.map(term)));
        case '==':
        case 'adj':
          // An identifier typed with spaces ("978 7 02 000220 7") is one identifier.
          untruncated();
          return term({ text: words.map((w) => w.text).join(''), truncated: false });
        default:
          return unsupported();
      }
    }
    case 'year': {
      untruncated();
      return yearClause(relation, words, written, unsupported);
    }
    case 'record-id':
    case 'library': {
      const one = use.kind === 'library' ? libraryNode : recordIdNode;
      if (use.kind === 'library') untruncated();
      switch (relation) {
        case '=':
        case '==':
        case 'any':
        case 'adj':
          return or(words.map(one));
        case 'all':
          return and(words.map(one));
        case '<>':
          return not(or(words.map(one)));
        default:
          return unsupported();
      }
    }
  }
}

const libraryNode = (w: Word): QueryNode => ({ kind: 'library', symbol: w.text });

/** rec.id / dc.identifier: the union record number when numeric (001 of the records we send), else any identifier. */
function recordIdNode(w: Word): QueryNode {
  if (!w.truncated && /^\d{1,15}$/.test(w.text) && Number(w.text) > 0) return { kind: 'cluster', id: Number(w.text) };
  const fields: SearchField[] = ['isbn', 'issn', 'systemNumber'];
  return { kind: 'or', children: fields.map((field) => ({ kind: 'term', field, text: w.text, truncated: w.truncated })) };
}

function yearClause(relation: string, words: Word[], written: { index: string; term: string }, unsupported: () => never): Mapped {
  const badYear = (): never => refuse(diag(36, written.term, say(`${written.index} takes a year of up to four digits (e.g. 1990), or two years with within`, `${written.index} 需要不超过四位数字的年份（如 1990），within 需要两个年份`)));
  const range = /^(\d{1,4})-(\d{1,4})$/.exec(words.length === 1 ? words[0]!.text : '');
  const years = words.map((w) => (/^\d{1,4}$/.test(w.text) ? Number(w.text) : null));
  const single = (): number => (words.length === 1 && years[0] !== null ? years[0]! : badYear());
  const y = (from: number | null, to: number | null): QueryNode => ({ kind: 'year', from, to });
  switch (relation) {
    case '=':
    case '==':
      if (range && (relation === '=')) return y(Math.min(+range[1]!, +range[2]!), Math.max(+range[1]!, +range[2]!));
      return y(single(), single());
    case '<':
      return y(null, single() - 1);
    case '<=':
      return y(null, single());
    case '>':
      return y(single() + 1, null);
    case '>=':
      return y(single(), null);
    case '<>':
      return not(y(single(), single()));
    case 'within': {
      if (words.length !== 2 || years.some((v) => v === null)) return badYear();
      const [a, b] = years as [number, number];
      return y(Math.min(a, b), Math.max(a, b));
    }
    case 'any':
      if (years.some((v) => v === null)) return badYear();
      return or(years.map((v) => y(v, v)));
    default:
      return unsupported();
  }
}

const and = (children: Mapped[]): Mapped => (children.length === 1 ? children[0]! : ({ kind: 'and', children } as Mapped));
const or = (children: Mapped[]): Mapped => (children.length === 1 ? children[0]! : ({ kind: 'or', children } as Mapped));
const not = (child: Mapped): Mapped => ({ kind: 'not', child } as Mapped);

/** Flattens nested and/or, folds `cql.allRecords` (x AND all = x, x OR all = all) and double negation. */
function simplify(n: Mapped): Mapped {
  switch (n.kind) {
    case 'and': {
      const kids = n.children.map((c) => simplify(c)).flatMap((c): Mapped[] => (c.kind === 'and' ? c.children : [c])).filter((c) => c.kind !== 'all');
      return kids.length === 0 ? { kind: 'all' } : kids.length === 1 ? kids[0]! : { kind: 'and', children: kids as QueryNode[] };
    }
    case 'or': {
      const kids = n.children.map((c) => simplify(c)).flatMap((c): Mapped[] => (c.kind === 'or' ? c.children : [c]));
      if (kids.some((c) => c.kind === 'all')) return { kind: 'all' };
      return kids.length === 1 ? kids[0]! : { kind: 'or', children: kids as QueryNode[] };
    }
    case 'not': {
      const child = simplify(n.child);
      if (child.kind === 'all') return refuse(diag(48, 'not cql.allRecords', say('NOT every record matches nothing', '对全部记录取 NOT 不会命中任何记录')));
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    default:
      return n;
  }
}

/** A NOT (or `<>`) is only kept beside something positive in an AND (`a NOT b`): alone it is "everything but", which the index does not do. */
function checkNegations(n: QueryNode, parent: QueryNode | null): void {
  if (n.kind === 'not') {
    const ok = parent?.kind === 'and' && parent.children.some((c) => c.kind !== 'not');
    if (!ok) refuse(diag(48, 'not', say('NOT and <> need something positive beside them (a AND NOT b, or a AND dc.title <> b)', 'NOT 和 <> 需要与肯定的检索项同用（a AND NOT b，或 a AND dc.title <> b）')));
  }
  if (n.kind === 'and' || n.kind === 'or') for (const c of n.children) checkNegations(c, n);
  if (n.kind === 'not') checkNegations(n.child, n);
}

function countNodes(n: QueryNode): number {
  if (n.kind === 'and' || n.kind === 'or') return 1 + n.children.reduce((s, c) => s + countNodes(c), 0);
  if (n.kind === 'not') return 1 + countNodes(n.child);
  return 1;
}
