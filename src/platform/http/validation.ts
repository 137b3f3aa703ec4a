import type { FastifySchemaCompiler } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import type { z } from 'zod';
import { RequestValidationError } from '../errors/problem.js';

/**
 * Validates input with the route's zod schema. The raw issues (with the offending input) travel
 * to the error handler, which words them in the reader's language.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
  };

/**
 * Responses pass through their schema too: a field that is not in the schema never leaves the
 * server (no accidental disclosure), and a response that breaks its schema is a bug.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (!result.success) throw new Error(`Response does not match its schema: ${result.error.message}`);
    return JSON.stringify(result.data);
  };
