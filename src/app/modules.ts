import type { AnylibModule } from '../platform/module.js';
import { catalogModule } from '../modules/catalog/index.js';
import { identityModule } from '../modules/identity/index.js';
import { illModule } from '../modules/ill/index.js';
import { networkModule } from '../modules/network/index.js';
import { searchModule } from '../modules/search/index.js';

/** Every module of this build, in the order their routes are registered. */
export const modules: AnylibModule[] = [identityModule, networkModule, catalogModule, searchModule, illModule];
