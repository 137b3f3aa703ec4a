import type { Localized } from '../../../../platform/i18n.js';

/**
 * The parse tree of a CQL 1.2 query (Contextual Query Language, LoC/OASIS searchRetrieve part 5):
 * what was written, before any meaning is given to indexes or relations (`cqlToQuery` does that).
 */

/** `/name`, `/name=value` on a relation, a boolean or a sort key (CQL 1.2 §"modifiers"). */
export interface CqlModifier {
  name: string;
  comparitor: string | null;
  value: string | null;
}

/** An index name as written, split at the first dot, with the context set its prefix is bound to. */
export interface CqlIndex {
  /** `dc` of `dc.title`; null when the name has no prefix. */
  prefix: string | null;
  name: string;
  /** The URI a prefix assignment (`>dc="…"`, `>"…"` for unprefixed names) bound in scope; null: none. */
  uri: string | null;
  /** Offset of the index name in the query. */
  offset: number;
}

export type CqlNode =
  | {
      kind: 'clause';
      /** null for a bare term (`cql.serverChoice` with the relation `=`, CQL 1.2). */
      index: CqlIndex | null;
      /** As written, lower-cased for named relations (`all`, `adj`), symbols kept (`=`, `<=`). */
      relation: string;
      modifiers: CqlModifier[];
      /** The term without its quotes; backslash escapes are kept (they say which `*` are literal). */
      term: string;
      offset: number;
    }
  | { kind: 'boolean'; op: 'and' | 'or' | 'not' | 'prox'; modifiers: CqlModifier[]; left: CqlNode; right: CqlNode; offset: number };

/** One key of a CQL 1.2 `sortBy` clause. */
export interface CqlSortKey {
  index: CqlIndex;
  modifiers: CqlModifier[];
}

export interface CqlTree {
  root: CqlNode;
  sortKeys: CqlSortKey[];
}

/** Why a query is not CQL: a syntax error at `offset`. `kind` picks the SRU diagnostic (10, 13, 14). */
export interface CqlSyntaxError {
  kind: 'syntax' | 'parenthesis' | 'quote' | 'too-deep';
  offset: number;
  message: Localized;
}

export type CqlParse = { ok: true; tree: CqlTree } | { ok: false; error: CqlSyntaxError };
