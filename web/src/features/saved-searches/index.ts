import { lazy } from 'react';

/** A signed-in reader's saved searches (issue 7): "save this search" on the results page, and "my saved searches". */
export { SaveSearchButton } from './components/save-search-button';

export const SavedSearchesPage = lazy(() => import('./components/saved-searches-page').then((m) => ({ default: m.SavedSearchesPage })));
