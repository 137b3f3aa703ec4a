/**
 * A query (domain/query/ast.ts) and the chosen facet values as one SQL condition over
 * `search_documents d`: text through the tsvector (GIN), years and holdings through their columns.
 * Parameters are collected, never spliced.
 */
import { foldText, textQuery } from '../domain/analysis/index.js';
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

export { scopeLibraries };
