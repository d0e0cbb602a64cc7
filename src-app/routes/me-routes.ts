import { Router } from '@koa/router';
import { z } from 'zod';
import { validate } from '../http/json-body.js';
import type { AccountService } from '../services/account-service.js';
import type { NotificationService } from '../services/notification-service.js';
import { accountGone, presentUser, requireUser, sessionUserId } from './session-routes.js';

const flag = z.enum(['true', 'false'], { error: 'must be true or false' });

/** Query parameters of `GET /api/me/notifications`, mirroring GitHub's. */
export const notificationQuery = z.strictObject({
  all: flag.optional().transform((value) => value === 'true'),
  participating: flag.optional().transform((value) => value === 'true'),
  since: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-01-31T12:00:00Z' })
    .optional()
    .transform((value) => (value === undefined ? undefined : new Date(value))),
});

/** GitHub thread ids are decimal numbers. */
export const threadId = z
  .string()
  .regex(/^[1-9]\d{0,18}$/, { error: 'must be a GitHub thread id (a positive number)' });

/** The signed-in user's account and notifications, as JSON. */
export function meRoutes(accounts: AccountService, notifications: NotificationService): Router {
  const router = new Router({ prefix: '/api/me' });

  router.get('/', async (ctx) => {
    const user = await requireUser(ctx, accounts);
    ctx.body = presentUser(user);
  });

  router.delete('/', async (ctx) => {
    const user = await requireUser(ctx, accounts);

    await accounts.deleteUser(user);
    ctx.session = null;
    ctx.status = 204;
  });

  router.get('/notifications', async (ctx) => {
    const filter = validate(notificationQuery, ctx.query);
    const found = await notifications.listFor(sessionUserId(ctx), filter, (user) =>
      accounts.tokenOf(user),
    );
    if (!found) throw accountGone(ctx);
    const { list } = found;
    // The stored JSON array is sent as it is: no parse and serialize on the hot path.
    ctx.type = 'application/json';
    ctx.body =
      `{"notifications":${list.notificationsJson},` +
      `"fetchedAt":"${list.fetchedAt.toISOString()}","source":"${list.source}"}`;
  });

  router.patch('/notifications/threads/:threadId', async (ctx) => {
    const id = validate(threadId, ctx.params.threadId, 'threadId');
    const user = await requireUser(ctx, accounts);
    const token = await accounts.tokenOf(user);

    await notifications.markRead(user, token, id);
    ctx.status = 204;
  });

  router.put('/notifications', async (ctx) => {
    const user = await requireUser(ctx, accounts);
    const token = await accounts.tokenOf(user);

    await notifications.markAllRead(user, token);
    ctx.status = 204;
  });

  return router;
}
