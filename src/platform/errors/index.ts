export { AppError, isAppError, type ErrorDefinition, type FieldProblem } from './app-error.js';
export { defineErrors, errorCatalogue } from './catalogue.js';
export { PlatformErrors } from './platform-errors.js';
export { toProblem, type Problem } from './problem.js';
