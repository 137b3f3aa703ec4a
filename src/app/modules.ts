import type { AnylibModule } from '../platform/module.js';

/** Every module of this build, in the order their routes are registered. */
export const modules: AnylibModule[] = [];
