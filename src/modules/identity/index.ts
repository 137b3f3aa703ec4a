import type { AnylibModule } from '../../platform/module.js';
import { purgeExpired, purgeExpiredKind, readerDataRetention, readerDataRetentionKind } from './jobs.js';
import { identityRoutes } from './routes.js';

/*
 * The identity module's public API: other modules, the composition root and the CLI import
 * only this file.
 */
export { authentication, localPrincipal, sessionCookie, type AuthenticationOptions } from './authentication.js';
export { createAccount, addAccount, permissionsOf, type GrantInput, type NewAccount, type Credential, type AddedAccount } from './service.js';
export { issueToken, type IssuedToken } from './tokens.js';
export { recordAudit, type AuditEvent } from './audit.js';
export { scheduleIdentityJobs, purgeExpiredKind, readerDataRetentionKind } from './jobs.js';
// Privacy: modules that keep readers' personal data register their part of the export and of the retention.
export { registerReaderDataHolder, applyRetention, type ReaderDataHolder } from './privacy/reader-data.js';
export { passwordPolicy } from './domain/password-policy.js';
export { newAccountBody as newAccountInput } from './schemas.js';
export type { AccountView } from './account-view.js';
export type { RequestContext } from './context.js';
export { IdentityErrors } from './errors.js';
// Readers: category, block and interlibrary-loan limits in a library (ILL eligibility reads these).
export { readerStanding, readerStandingSql, standingOf, type ReaderStanding, type IllLimits } from './federation/reader-standing.js';
export { readerCategories, type ReaderCategory } from './federation/mapping.js';
// Identity providers in the directory's exchange format (the network module's import and export).
export {
  prepareProviderEntries,
  applyProviderEntries,
  exportProviderEntries,
  directoryProviderSchema,
  providerImportReport,
  type DirectoryProvider,
  type ProviderImportReport,
} from './federation/directory.js';

/** Accounts, roles, sessions, API tokens and the audit log. */
export const identityModule: AnylibModule = {
  name: 'identity',
  routes: identityRoutes,
  jobs: { [purgeExpiredKind]: purgeExpired, [readerDataRetentionKind]: readerDataRetention as never },
};
