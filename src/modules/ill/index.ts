import type { AnylibModule } from '../../platform/module.js';
import { illRoutes } from './routes.js';

/*
 * The ill module's public API: other modules import only this file. The pure domain (state
 * machines, rota, eligibility, ISO 18626 codec) is in domain/ and exported from there.
 */
export { IllErrors } from './errors.js';
export { placeRequest, actOnRequest, type NewRequestInput } from './request.service.js';
export { actOnSupply } from './supply.service.js';

/** Interlibrary loan: requests, the rota, lending and borrowing inside one deployment (issue 5). */
export const illModule: AnylibModule = { name: 'ill', routes: illRoutes };
