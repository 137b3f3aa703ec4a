/** Saved searches of signed-in readers: routes (registered by the search module's routes) and their part in readers' privacy. */
import './saved.reader-data.js';

export { savedSearchRoutes } from './saved.routes.js';
export { SAVED_SEARCH_LIMIT } from './saved.service.js';
