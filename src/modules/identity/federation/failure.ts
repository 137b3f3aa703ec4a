import type { AppError } from '../../../platform/errors/index.js';

/**
 * A refused federated sign-in: `problem` is what the reader is told (catalogued, in their
 * language), `reason` what the log and the audit log keep (never a token).
 */
export class LoginFailure extends Error {
  /** The provider concerned, when the route could not know it (SAML: found from the answer). */
  providerId?: number;

  constructor(
    readonly problem: AppError,
    readonly reason: string,
    readonly userId?: number,
  ) {
    super(`${problem.code}: ${reason}`);
  }
}
