import type { Context, Middleware } from 'koa';
import { problemPage } from '../web/pages/problem-page.js';
import { AppError, ERRORS, type ErrorDefinition } from '../errors.js';
import type { RequestState } from './request-context.js';

/** HTTP errors raised by Koa's helpers and the body parser, mapped onto our catalog. */
const HTTP_STATUS_ERRORS: Readonly<Record<number, ErrorDefinition>> = {
  400: ERRORS.invalidJson,
  413: ERRORS.payloadTooLarge,
  415: ERRORS.unsupportedMediaType,
  429: ERRORS.tooManySignIns,
  404: ERRORS.notFound,
  405: ERRORS.methodNotAllowed,
  501: ERRORS.methodNotAllowed,
};

/** Any thrown value as an {@link AppError}: ours as they are, HTTP errors mapped, others a 500. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;

  const { status, headers } = error as { status?: unknown; headers?: Record<string, string> };
  const definition = typeof status === 'number' ? HTTP_STATUS_ERRORS[status] : undefined;
  if (definition) {
    return new AppError(definition, { cause: error, headers: headers ?? {} });
  }
  return new AppError(ERRORS.internal, { cause: error });
}

/** Whether a browser asked for a page (not the JSON API), so a missing one deserves a page. */
function wantsPage(ctx: Context): boolean {
  return !ctx.path.startsWith('/api/') && ctx.accepts('json', 'html') === 'html';
}

/**
 * Answers every failure as JSON `{ code, message, requestId }`, plus `field` when one field of the
 * request was wrong. Server errors get a generic message; their detail goes to the log only.
 */
export function errorHandler(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(ERRORS.notFound);
      }
    } catch (thrown) {
      const error = asAppError(thrown);
      const message = error.expose ? error.message : ERRORS.internal.message;

      if (error.status >= 500) {
        ctx.state.log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
      } else {
        ctx.state.log.info({ code: error.code, field: error.field }, 'request rejected');
      }
      ctx.status = error.status;
      ctx.set(error.headers);
      if (error.code === ERRORS.notFound.code && wantsPage(ctx)) {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = problemPage({
          title: 'Page not found',
          message: 'There is no page here.',
        }).value;
        return;
      }
      ctx.body = {
        code: error.code,
        message,
        requestId: ctx.state.requestId,
        ...(error.field === undefined ? {} : { field: error.field }),
      };
    }
  };
}
