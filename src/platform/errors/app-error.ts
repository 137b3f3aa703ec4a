import type { Localized } from '../i18n.js';

/** One entry of the error catalogue: a stable code, its HTTP status and its message. */
export interface ErrorDefinition {
  status: number;
  message: Localized;
}

/** A problem with one field of the input: which field (a path like `libraries[3].symbol`) and why. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

/**
 * An error the user (or a calling system) can do something about. Anything else that reaches
 * the error handler is a bug: logged with its stack and answered with a plain 500.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly definition: ErrorDefinition,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${definition.message.en.replace(/\{(\w+)\}/g, (w, n: string) => (n in params ? String(params[n]) : w))}`, options);
    this.name = 'AppError';
  }

  get status(): number {
    return this.definition.status;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
