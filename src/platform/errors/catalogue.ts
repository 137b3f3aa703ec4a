import { AppError, type ErrorDefinition, type FieldProblem } from './app-error.js';

const catalogue = new Map<string, ErrorDefinition>();

type Raise = (params?: Record<string, unknown>, fields?: FieldProblem[], cause?: unknown) => AppError;

/**
 * Adds a module's errors to the one catalogue (served at /api/v1/errors) and returns a function
 * per code that makes the error: `NetworkErrors.LIBRARY_NOT_FOUND({ symbol })`.
 * Codes are stable: clients match on them, so a code is never renamed or reused.
 */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(definitions: T): { [K in keyof T]: Raise } {
  const raisers = {} as { [K in keyof T]: Raise };
  for (const [code, def] of Object.entries(definitions)) {
    const existing = catalogue.get(code);
    if (existing && existing !== def) throw new Error(`Error code ${code} is defined twice`);
    catalogue.set(code, def);
    raisers[code as keyof T] = (params, fields, cause) => new AppError(code, def, params, fields, { cause });
  }
  return raisers;
}

/** Every error code Anylib can answer with, for the documentation endpoint. */
export function errorCatalogue(): ReadonlyMap<string, ErrorDefinition> {
  return catalogue;
}
