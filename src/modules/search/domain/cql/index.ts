/** CQL 1.2 for SRU: the parser, the mapping to the query shape, SRU diagnostics, the index table. */
export type { CqlIndex, CqlModifier, CqlNode, CqlParse, CqlSortKey, CqlSyntaxError, CqlTree } from './cql-ast.js';
export { parseCql, MAX_CQL_DEPTH } from './parser.js';
export { cqlToQuery, type CqlMapping } from './to-query.js';
export { DIAGNOSTIC_TEXTS, diag, diagnosticUri, say, type SruDiagnostic } from './diagnostic.js';
export { CONTEXT_SETS, CQL_INDEXES, DEFAULT_CONTEXT_SET, type CqlIndexInfo, type IndexUse } from './indexes.js';
export { cqlSortOrder, SORT_KEYS } from './sort.js';
