/** A PostgreSQL error with its SQLSTATE, the same shape from PGlite and from node-postgres. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** SQLSTATE codes the services react to. */
export const SqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlock: '40P01',
} as const;

export function isSqlState(err: unknown, code: string): err is DatabaseError {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
