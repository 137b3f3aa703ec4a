import type { AppError, FieldProblem } from '../../platform/errors/index.js';
import { localize, type Locale } from '../../platform/i18n.js';
import { passwordProblems } from './domain/password-policy.js';
import { IdentityErrors } from './errors.js';

type Raise = (params?: Record<string, unknown>, fields?: FieldProblem[]) => AppError;

/**
 * The error `raise` makes, naming `field` with the error's own message in the reader's language
 * (a field problem's message is text, so it is worded here, where the language is known).
 */
export function onField(raise: Raise, field: string, locale: Locale, params: Record<string, unknown> = {}): AppError {
  const e = raise(params);
  return raise(params, [{ field, code: e.code, message: localize(e.definition.message, locale, params) }]);
}

/**
 * Throws when the password breaks the policy: the code of the first problem, and every problem
 * as a message on `field` in the reader's language.
 */
export function assertPasswordAcceptable(password: string, email: string, field: string, locale: Locale): void {
  const problems = passwordProblems(password, email);
  if (problems.length === 0) return;
  const errors = problems.map((p) => IdentityErrors[p.code]({ ...p }));
  const fields = errors.map((e) => ({ field, code: e.code, message: localize(e.definition.message, locale, e.params) }));
  throw IdentityErrors[problems[0]!.code]({ ...problems[0] }, fields);
}
