import type { AnylibModule } from '../../platform/module.js';
import { catalogRoutes } from './routes.js';

export { CatalogErrors } from './errors.js';

/** The union catalogue: member records in, clusters (union records), holdings, cooperative cataloguing. */
export const catalogModule: AnylibModule = {
  name: 'catalog',
  routes: catalogRoutes,
  jobs: {},
};
