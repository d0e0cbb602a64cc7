import { Router } from '@koa/router';
import { pingDatabase, type Pool } from '../db/pool.js';
import type { Lifecycle } from '../lifecycle.js';

/**
 * `GET /healthz` answers 200 while the process runs (liveness); `GET /readyz` answers 200 only
 * while the database answers and the process is not shutting down (readiness).
 */
export function healthRoutes(pool: Pool, lifecycle: Lifecycle): Router {
  const router = new Router();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    if (lifecycle.shuttingDown) {
      ctx.status = 503;
      ctx.body = { status: 'shutting_down' };
      return;
    }

    const databaseUp = await pingDatabase(pool);
    ctx.status = databaseUp ? 200 : 503;
    ctx.body = { status: databaseUp ? 'ok' : 'unavailable', database: databaseUp ? 'up' : 'down' };
  });

  return router;
}
