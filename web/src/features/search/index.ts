import { lazy } from 'react';

/** One-stop search: the box with suggestions, results with facets and holdings, the address that holds it all. */
export { HomePage } from './components/home-page';
export { SearchBox } from './components/search-box';
export { readSearch, writeSearch, toggleChoice, apiQuery, type SearchRequest } from './domain/search-request';

export const ResultsPage = lazy(() => import('./components/results-page').then((m) => ({ default: m.ResultsPage })));
