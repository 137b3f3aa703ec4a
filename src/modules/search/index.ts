import type { AnylibModule } from '../../platform/module.js';
import { searchProtocolRoutes } from './protocols.js';

export type { QueryNode, SearchField, ParsedQuery, QuerySyntaxError } from './domain/query/ast.js';
export type { SearchIndex, SearchRequest, SearchResult, SearchHit, SearchFilters, Facet, FacetName, SortOrder } from './search-index.js';

/** One-stop search over the union catalogue: the index, the REST search, SRU, OAI-PMH, OpenURL (issue 4). */
export const searchModule: AnylibModule = {
  name: 'search',
  protocolRoutes: searchProtocolRoutes,
};
