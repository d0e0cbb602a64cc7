import coBody from 'co-body';
import type { Context } from 'koa';
import type { z } from 'zod';
import { AppError, ERRORS } from '../errors.js';

/** The largest body the API reads. */
export const BODY_LIMIT = '1mb';

/**
 * Reads a JSON request body and validates it against `schema`.
 *
 * @throws AppError 415 for another content type, 400 for malformed JSON or a bad field (naming
 * it), 413 for a body over {@link BODY_LIMIT}.
 */
export async function readJsonBody<T extends z.ZodType>(
  ctx: Context,
  schema: T,
): Promise<z.infer<T>> {
  // `ctx.is` answers false for a body of another type and null for no body at all.
  if (ctx.is('application/json') === false) {
    throw new AppError(ERRORS.unsupportedMediaType);
  }

  const body: unknown = await coBody.json(ctx, { limit: BODY_LIMIT, strict: true });
  return validate(schema, body);
}

/**
 * Validates `input` against `schema`, reporting the first problem with its field path; `name`
 * names a value that is not an object, such as a path parameter.
 */
export function validate<T extends z.ZodType>(
  schema: T,
  input: unknown,
  name?: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const keys = issue && 'keys' in issue ? (issue.keys as string[]) : [];
  const path = [...(name ? [name] : []), ...(issue?.path ?? []), ...keys.slice(0, 1)].map(String);
  const field = path.length > 0 ? path.join('.') : undefined;
  const detail = issue?.message ?? 'is invalid';

  throw new AppError(ERRORS.invalidField, {
    field,
    message: field ? `${field}: ${detail}` : `Body ${detail}`,
  });
}
