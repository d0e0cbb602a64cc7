import { Router } from '@koa/router';
import type { GitHubClient } from '../github/github-client.js';
import type { AccountService } from '../services/account-service.js';
import { presentUser, requireUser } from './session-routes.js';

/** `GET /api/me` and `GET /api/me/notifications`, for the signed-in user. */
export function meRoutes(accounts: AccountService, github: GitHubClient): Router {
  const router = new Router({ prefix: '/api/me' });

  router.get('/', async (ctx) => {
    const user = await requireUser(ctx, accounts);
    ctx.body = presentUser(user);
  });

  router.get('/notifications', async (ctx) => {
    const user = await requireUser(ctx, accounts);
    const token = await accounts.tokenOf(user);

    const notifications = await github.listNotifications(token);
    ctx.body = { notifications };
  });

  return router;
}
