/**
 * The CQL indexes Anylib answers, and their context sets. The same names as the Zebra peer's
 * `cql2pqf.txt` (dc, bath, rec, cql), so a client written for one works with the other, plus
 * `holdingLibrary`. Data, not code: the explain record is written from this table.
 */
import type { Localized } from '../../../../platform/i18n.js';
import type { SearchField } from '../query/ast.js';
import type { CqlIndex } from './cql-ast.js';
import { diag, say, type SruDiagnostic } from './diagnostic.js';

/** How an index's terms become query nodes. */
export type IndexUse =
  /** Words looked for in a field (relations =, all, any, adj, ==, <>). */
  | { kind: 'text'; field: SearchField }
  /** Identifiers compared whole (ISBN, ISSN): =, ==, any, <>. */
  | { kind: 'identifier'; field: SearchField }
  /** Publication year: =, <, >, <=, >=, within, any, <>. */
  | { kind: 'year' }
  /** A cluster id when numeric, else an ISBN, ISSN or system number. */
  | { kind: 'record-id' }
  /** A holding library's symbol. */
  | { kind: 'library' }
  /** `cql.allRecords`: every record. */
  | { kind: 'all' };

export interface CqlIndexInfo {
  set: string;
  name: string;
  title: Localized;
  use: IndexUse;
}

/** Context sets by short name: their URIs (first is the one explain names; others are accepted). */
export const CONTEXT_SETS: Readonly<Record<string, readonly string[]>> = {
  cql: ['info:srw/cql-context-set/1/cql-v1.2', 'info:srw/cql-context-set/1/cql-v1.1'],
  dc: ['info:srw/cql-context-set/1/dc-v1.1'],
  bath: ['http://zing.z3950.org/cql/bath/2.0/'],
  rec: ['info:srw/cql-context-set/2/rec-1.1', 'info:srw/cql-context-set/2/rec-1.0'],
  anylib: ['info:anylib/cql-context-set/1/anylib-v1'],
};

/** Indexes without a prefix are looked up here first, then in this context set (as Zebra's `set = dc`). */
export const DEFAULT_CONTEXT_SET = 'dc';

const t = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });
const text = (field: SearchField): IndexUse => ({ kind: 'text', field });

export const CQL_INDEXES: readonly CqlIndexInfo[] = [
  { set: 'cql', name: 'serverChoice', title: t('Keyword (all fields)', '关键词（全部字段）'), use: text('any') },
  { set: 'cql', name: 'anywhere', title: t('Keyword (all fields)', '关键词（全部字段）'), use: text('any') },
  { set: 'cql', name: 'allRecords', title: t('All records', '全部记录'), use: { kind: 'all' } },
  { set: 'dc', name: 'title', title: t('Title', '题名'), use: text('title') },
  { set: 'dc', name: 'creator', title: t('Author', '责任者'), use: text('author') },
  { set: 'dc', name: 'author', title: t('Author', '责任者'), use: text('author') },
  { set: 'dc', name: 'subject', title: t('Subject', '主题'), use: text('subject') },
  { set: 'dc', name: 'publisher', title: t('Publisher', '出版者'), use: text('publisher') },
  { set: 'dc', name: 'date', title: t('Year of publication', '出版年'), use: { kind: 'year' } },
  { set: 'dc', name: 'identifier', title: t('Record id, ISBN, ISSN or system number', '记录号、ISBN、ISSN 或系统号'), use: { kind: 'record-id' } },
  { set: 'bath', name: 'title', title: t('Title', '题名'), use: text('title') },
  { set: 'bath', name: 'name', title: t('Author', '责任者'), use: text('author') },
  { set: 'bath', name: 'author', title: t('Author', '责任者'), use: text('author') },
  { set: 'bath', name: 'subject', title: t('Subject', '主题'), use: text('subject') },
  { set: 'bath', name: 'isbn', title: t('ISBN', 'ISBN'), use: { kind: 'identifier', field: 'isbn' } },
  { set: 'bath', name: 'issn', title: t('ISSN', 'ISSN'), use: { kind: 'identifier', field: 'issn' } },
  { set: 'bath', name: 'possessingInstitution', title: t('Holding library (symbol)', '馆藏馆（馆代码）'), use: { kind: 'library' } },
  { set: 'rec', name: 'id', title: t('Record id (union record number)', '记录号（联合目录记录号）'), use: { kind: 'record-id' } },
  { set: 'anylib', name: 'holdingLibrary', title: t('Holding library (symbol)', '馆藏馆（馆代码）'), use: { kind: 'library' } },
];

const BY_KEY = new Map(CQL_INDEXES.map((i) => [`${i.set}.${i.name.toLowerCase()}`, i]));
/** Unprefixed names of Anylib's own that win over the default context set. */
const UNPREFIXED = new Map([['holdinglibrary', BY_KEY.get('anylib.holdinglibrary')!]]);

const setOfUri = (uri: string): string | undefined => Object.keys(CONTEXT_SETS).find((s) => CONTEXT_SETS[s]!.includes(uri));

/** The index a clause names, or diagnostic 15 (unknown context set) or 16 (unknown index). Bare terms are `cql.serverChoice`. */
export function resolveIndex(index: CqlIndex | null): { ok: true; info: CqlIndexInfo } | { ok: false; diagnostic: SruDiagnostic } {
  if (index === null) return { ok: true, info: BY_KEY.get('cql.serverchoice')! };
  const written = index.prefix === null ? index.name : `${index.prefix}.${index.name}`;
  let set: string | undefined;
  if (index.uri !== null) {
    set = setOfUri(index.uri);
    if (set === undefined) return { ok: false, diagnostic: diag(15, index.uri, say(`the context set ${index.uri} is not supported; supported: ${SET_URIS}`, `不支持上下文集 ${index.uri}；支持：${SET_URIS}`)) };
  } else if (index.prefix !== null) {
    set = index.prefix.toLowerCase();
    if (!(set in CONTEXT_SETS)) return { ok: false, diagnostic: diag(15, index.prefix, say(`the context set prefix ${index.prefix} is not known; known: ${SET_NAMES}`, `未知的上下文集前缀 ${index.prefix}；已知：${SET_NAMES}`)) };
  } else {
    const own = UNPREFIXED.get(index.name.toLowerCase());
    if (own) return { ok: true, info: own };
    set = DEFAULT_CONTEXT_SET;
  }
  const info = BY_KEY.get(`${set}.${index.name.toLowerCase()}`);
  if (!info) return { ok: false, diagnostic: diag(16, written, say(`the index ${written} is not searchable here; indexes: ${SUPPORTED_NAMES}`, `不能按检索点 ${written} 检索；检索点：${SUPPORTED_NAMES}`)) };
  return { ok: true, info };
}

const SET_URIS = Object.values(CONTEXT_SETS).map((u) => u[0]).join(', ');
const SET_NAMES = Object.keys(CONTEXT_SETS).join(', ');
const SUPPORTED_NAMES = CQL_INDEXES.filter((i) => i.set !== 'anylib').map((i) => `${i.set}.${i.name}`).concat('holdingLibrary').join(', ');
