import type { AnylibModule } from '../../platform/module.js';
import { startIndexing } from './pg/indexer.js';
import { searchProtocolRoutes } from './protocols.js';
import { SEARCH_REBUILD, rebuildJob } from './rebuild.job.js';
import { searchRoutes } from './routes/search.routes.js';
import { configureSearchIndex } from './service.js';

export type { QueryNode, SearchField, ParsedQuery, QuerySyntaxError } from './domain/query/ast.js';
export type { SearchIndex, SearchRequest, SearchResult, SearchHit, SearchFilters, Facet, FacetName, SortOrder } from './search-index.js';
export { searchCatalogue, searchIndexFor } from './service.js';
export type { SearchResultView } from './routes/search.schemas.js';
export { searchRequestOf, type SearchForm } from './request.js';
export { SearchErrors } from './errors.js';
export { SEARCH_REBUILD } from './rebuild.job.js';
// OpenURL citations, for the interlibrary-loan request form that `/openurl` links to (`/ill/request?<KEV>&cluster=<id>`).
export { readKev, readContextObject, citationKev, citationPairs, illRequestPath, type Citation, type CitationProblem, type Genre as CitationGenre } from './domain/openurl/index.js';

/** One-stop search over the union catalogue: the index, the REST search, SRU, OAI-PMH, OpenURL (issue 4). */
export const searchModule: AnylibModule = {
  name: 'search',
  routes: searchRoutes,
  protocolRoutes: searchProtocolRoutes,
  jobs: { [SEARCH_REBUILD]: rebuildJob as never },
  // Catalogue changes become searchable within about a second (issue 4: "within 5 seconds").
  background: ({ db, log, config }) => startIndexing(configureSearchIndex(db, config.search).indexer, log),
};
