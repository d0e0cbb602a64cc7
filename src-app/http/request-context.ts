import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import { requestScope } from '../request-scope.js';

/** What every request carries: its id, and the logger (which stamps the id on each line). */
export interface RequestState {
  requestId: string;
  log: Logger;
}

/**
 * Health probes answer 503 by design while the app shuts down or the database is away, every few
 * seconds per pod; those lines are warnings, so that errors stay the requests that failed.
 */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

function levelFor(path: string, status: number): 'info' | 'warn' | 'error' {
  if (status < 500) return 'info';
  return PROBE_PATHS.has(path) ? 'warn' : 'error';
}

/** An incoming `X-Request-Id` is kept when it is short and plain; otherwise we make one. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id (echoed in `X-Request-Id`) and logs one line when it finishes:
 * method, route, status, duration. Request bodies, cookies and tokens are never logged.
 */
export function requestContext(logger: Logger): Middleware<RequestState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const incoming = ctx.get('X-Request-Id');
    const requestId = REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger;
    ctx.set('X-Request-Id', requestId);

    await requestScope.run({ requestId }, async () => {
      try {
        await next();
      } finally {
        logger[levelFor(ctx.path, ctx.status)](
          {
            method: ctx.method,
            route: (ctx as { _matchedRoute?: string })._matchedRoute ?? null,
            path: ctx.path,
            status: ctx.status,
            durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          },
          'request finished',
        );
      }
    });
  };
}
