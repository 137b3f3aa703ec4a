import type { AnylibModule } from '../../platform/module.js';
import { networkRoutes } from './routes.js';

export { importNetwork, importNetworkCsv, type ImportCounts, type ImportReport, type ImportOptions } from './import.service.js';
export { exportNetwork, exportNetworkCsv } from './export.service.js';
export { agreementsBetween } from './agreement.service.js';
export { getLibrary, networkMap, type AllianceName, type PlacedLibrary } from './lookups.js';
export { agencyIdOf, isLibrarySymbol } from './domain/symbols.js';
export type { Actor } from './audit.js';
export type { AgreementDoc, AllianceDoc, LibraryDoc, NetworkDocument } from './domain/document.js';
export type { LayoutName as NetworkCsvLayout } from './domain/csv-layouts.js';
export { NetworkErrors } from './errors.js';

/** The directory of the network: libraries, alliances, memberships, governance and agreements. */
export const networkModule: AnylibModule = { name: 'network', routes: networkRoutes };
