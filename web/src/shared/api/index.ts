export { api, apiUrl, apiSettings, type CallOptions, type QueryValue } from './client';
export { ApiError, NetworkError, isRetryable, problemOf, type FieldProblem, type Problem } from './problem';
