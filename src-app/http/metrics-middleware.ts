import type { Middleware } from 'koa';
import type { Metrics } from '../metrics.js';

/**
 * Times every request into the duration histogram, labelled by route pattern (not path, so ids do
 * not explode the series count); unmatched paths share one label.
 */
export function measureRequests(metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const stop = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      stop({
        method: ctx.method,
        route: (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched',
        status: String(ctx.status),
      });
    }
  };
}
