/**
 * A query (domain/query/ast.ts) and the chosen facet values as one SQL condition over
 * `search_documents d`: text through the tsvector (GIN), years and holdings through their columns.
 * Parameters are collected, never spliced.
 */
import { foldText, quoteLexeme, textQuery } from '../domain/analysis/index.js';
import { AVAILABLE_LEXEME, allianceLexeme, formatLexeme, languageLexeme, libraryLexeme, yearRangeLexemes } from '../domain/document/filter-lexemes.js';
import type { QueryNode } from '../domain/query/ast.js';
import type { SearchFilters, Viewer } from '../search-index.js';
import type { NetworkPlaces } from './network-places.js';

export class Params {
  readonly values: unknown[] = [];
  /** The placeholder of a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Title and author exact matches compare the folded whole field; elsewhere `==` is a phrase. */
const exactColumn = (node: QueryNode): string | null =>
  node.kind === 'exact' ? (node.field === 'title' ? 'd.title_key' : node.field === 'author' ? 'd.author_key' : null) : null;

/** Whether a subtree is only words (one tsquery answers it). */
function isText(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return true;
    case 'exact':
      return exactColumn(node) === null;
    case 'and':
    case 'or':
      return node.children.every(isText);
    case 'not':
      return isText(node.child);
    default:
      return false;
  }
}

/** The tsquery of a query that is only words (one full-text condition), else null. */
export function soleTextQuery(node: QueryNode): string | null {
  return isText(node) ? textQuery(node) : null;
}

/** The SQL condition of a query. */
export function queryCondition(node: QueryNode, params: Params, places: NetworkPlaces): string {
  if (isText(node)) {
    const tq = textQuery(node);
    return tq === null ? 'false' : `d.document @@ ${params.add(tq)}::tsquery`;
  }
  switch (node.kind) {
    case 'exact':
      return `${exactColumn(node)} = ${params.add(foldText(node.text))}`;
    case 'and':
      return `(${node.children.map((c) => queryCondition(c, params, places)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((c) => queryCondition(c, params, places)).join(' OR ')})`;
    case 'not':
      return `NOT ${queryCondition(node.child, params, places)}`;
    case 'year': {
      const parts = [
        ...(node.from !== null ? [`d.year >= ${params.add(node.from)}`] : []),
        ...(node.to !== null ? [`d.year <= ${params.add(node.to)}`] : []),
      ];
      return parts.length === 0 ? 'd.year IS NOT NULL' : `(${parts.join(' AND ')})`;
    }
    case 'library': {
      const lib = places.bySymbol.get(node.symbol);
      return lib ? `d.library_ids @> ARRAY[${params.add(lib.id)}::bigint]` : 'false';
    }
    case 'cluster':
      return `d.cluster_id = ${params.add(node.id)}`;
    default:
      return 'false';
  }
}

/** The words a reader asked for (not under NOT), for ranking: every positive text leaf, OR-ed. */
export function positiveLeaves(node: QueryNode): QueryNode[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'exact':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveLeaves);
    default:
      return [];
  }
}

/** Library ids where the viewer's copy counts as "in my library / alliance / province". */
function scopeLibraries(scope: string, viewer: Viewer | undefined, places: NetworkPlaces): number[] | null {
  if (scope === 'anywhere') return null;
  const mine = viewer?.libraryId != null ? places.libraries.get(viewer.libraryId) : undefined;
  if (!mine) return [];
  if (scope === 'my-library') return [mine.id];
  if (scope === 'my-alliance') return [...new Set(mine.allianceIds.flatMap((a) => places.membersOf.get(a) ?? []))];
  return places.inProvince.get(mine.province) ?? [];
}

/** The condition of "an available copy in these libraries" (null: anywhere). */
export function availableIn(libraryIds: number[] | null, params: Params): string {
  if (libraryIds === null) return 'd.available_copies > 0';
  if (libraryIds.length === 0) return 'false';
  return `EXISTS (SELECT 1 FROM search_holdings h WHERE h.cluster_id = d.cluster_id AND h.available > 0 AND h.library_id = ANY(${params.add(libraryIds)}::bigint[]))`;
}

/** The chosen facet values: several values of one facet OR, different facets AND. */
export function filterConditions(filters: SearchFilters | undefined, viewer: Viewer | undefined, params: Params, places: NetworkPlaces): string[] {
  if (!filters) return [];
  const out: string[] = [];
  const some = (xs: readonly unknown[] | undefined): boolean => xs !== undefined && xs.length > 0;
  if (some(filters.format)) out.push(`d.format = ANY(${params.add(filters.format)}::text[])`);
  if (some(filters.language)) out.push(`d.language = ANY(${params.add(filters.language)}::text[])`);
  if (some(filters.subject)) out.push(`d.subjects && ${params.add(filters.subject)}::text[]`);
  if (some(filters.author)) out.push(`d.authors && ${params.add(filters.author)}::text[]`);
  if (some(filters.year)) {
    out.push(`(${filters.year!.map((r) => {
      const parts = [...(r.from !== null ? [`d.year >= ${params.add(r.from)}`] : []), ...(r.to !== null ? [`d.year <= ${params.add(r.to)}`] : [])];
      return parts.length === 0 ? 'd.year IS NOT NULL' : `(${parts.join(' AND ')})`;
    }).join(' OR ')})`);
  }
  if (some(filters.library)) {
    const ids = filters.library!.flatMap((s) => places.bySymbol.get(s)?.id ?? []);
    out.push(ids.length === 0 ? 'false' : `d.library_ids && ${params.add(ids)}::bigint[]`);
  }
  if (some(filters.alliance)) {
    const ids = filters.alliance!.flatMap((c) => places.allianceByCode.get(c)?.id ?? []);
    out.push(ids.length === 0 ? 'false' : `d.alliance_ids && ${params.add(ids)}::bigint[]`);
  }
  if (some(filters.availability)) {
    out.push(`(${filters.availability!.map((s) => availableIn(scopeLibraries(s, viewer, places), params)).join(' OR ')})`);
  }
  return out;
}

/**
 * The chosen facet values as a tsquery to AND with the reader's words (filter lexemes,
 * domain/document/filter-lexemes.ts), where the lexemes say exactly what the columns say; the
 * others, and the exact year of a range that cuts a decade, as conditions. The year is compared
 * as `d.year + 0`: a recheck of the few rows GIN found, not a btree bitmap of every year in range.
 */
export function filterLexemeQuery(
  filters: SearchFilters | undefined, viewer: Viewer | undefined, params: Params, places: NetworkPlaces,
): { tsquery: string[]; groups: string[][]; conditions: string[] } {
  const tsquery: string[] = [];
  const groups: string[][] = [];
  const rest: SearchFilters = {};
  const anyOf = (lexemes: string[]): string => {
    groups.push(lexemes);
    return `(${lexemes.map(quoteLexeme).join(' | ')})`;
  };
  const some = (xs: readonly unknown[] | undefined): xs is readonly unknown[] => xs !== undefined && xs.length > 0;
  if (!filters) return { tsquery, groups, conditions: [] };
  if (some(filters.format)) tsquery.push(anyOf(filters.format!.map(formatLexeme)));
  if (some(filters.language)) tsquery.push(anyOf(filters.language!.map(languageLexeme)));
  rest.subject = filters.subject;
  rest.author = filters.author;
  const conditions: string[] = [];
  if (some(filters.year)) {
    const buckets = filters.year!.map((r) => (r.from === null && r.to === null ? null : yearRangeLexemes(r.from, r.to)));
    if (buckets.some((b) => b === null || b.lexemes.length === 0)) rest.year = filters.year;
    else {
      tsquery.push(anyOf(buckets.flatMap((b) => b!.lexemes)));
      if (buckets.some((b) => !b!.exact)) {
        conditions.push(`(${filters.year!.map((r) => {
          const parts = [...(r.from !== null ? [`d.year + 0 >= ${params.add(r.from)}`] : []), ...(r.to !== null ? [`d.year + 0 <= ${params.add(r.to)}`] : [])];
          return `(${parts.join(' AND ')})`;
        }).join(' OR ')})`);
      }
    }
  }
  if (some(filters.library)) {
    const ids = filters.library!.flatMap((s) => places.bySymbol.get(s)?.id ?? []);
    if (ids.length === 0) conditions.push('false');
    else tsquery.push(anyOf(ids.map(libraryLexeme)));
  }
  if (some(filters.alliance)) {
    const ids = filters.alliance!.flatMap((c) => places.allianceByCode.get(c)?.id ?? []);
    if (ids.length === 0) conditions.push('false');
    else tsquery.push(anyOf(ids.map(allianceLexeme)));
  }
  if (some(filters.availability)) {
    if (filters.availability!.includes('anywhere')) tsquery.push(anyOf([AVAILABLE_LEXEME]));
    else rest.availability = filters.availability;
  }
  return { tsquery, groups, conditions: [...conditions, ...filterConditions(rest, viewer, params, places)] };
}

export { scopeLibraries };
