import type { AnylibModule } from '../../platform/module.js';

export { authentication, type AuthenticationOptions } from './authentication.js';
export { createAccount, issueToken, permissionsOf, type GrantInput } from './service.js';
export { IdentityErrors } from './errors.js';

/** Accounts, roles, sessions, API tokens and the audit log. */
export const identityModule: AnylibModule = { name: 'identity' };
