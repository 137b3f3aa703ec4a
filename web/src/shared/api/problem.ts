/** One field's problem in a problem document (Anylib's `errors` member). */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** An RFC 9457 problem details document as the Anylib API sends it, with its stable `code`. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/** The server answered with a refusal or an error: its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

/** The server could not be reached (offline, DNS, the server down): worth a retry. */
export class NetworkError extends Error {}

/** A problem of any answer: problem+json as sent, or one made up from the status of anything else. */
export function problemOf(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'title' in body && typeof (body as Problem).title === 'string') {
    return { ...(body as Problem), status };
  }
  return { title: `HTTP ${status}`, status };
}

/** Whether trying again may help: the network, or the server busy or failing. */
export const isRetryable = (err: unknown): boolean =>
  err instanceof NetworkError || (err instanceof ApiError && (err.status >= 500 || err.status === 429));
