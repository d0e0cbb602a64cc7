import { Router } from '@koa/router';
import type { Metrics } from '../metrics.js';

/** `GET /metrics` in the Prometheus text format. */
export function metricsRoutes(metrics: Metrics): Router {
  const router = new Router();

  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  return router;
}
