import { Router } from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { User } from '../db/user-repository.js';
import { AppError, ERRORS } from '../errors.js';
import { readJsonBody } from '../http/json-body.js';
import type { AccountService } from '../services/account-service.js';

/** What a session cookie holds: only our user id, signed so it cannot be forged. */
export interface SessionData {
  userId?: number;
}

const signInBody = z.strictObject({
  token: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(255, { error: 'must be at most 255 characters' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' }),
  email: z
    .email({ error: 'must be an email address' })
    .max(254, { error: 'must be at most 254 characters' })
    .nullable()
    .optional(),
});

/** The public view of a user: never the token. */
export function presentUser(user: User) {
  return { login: user.login, email: user.email, createdAt: user.createdAt.toISOString() };
}

/** The session of a request, typed. */
export function sessionOf(ctx: Context): SessionData {
  return (ctx.session ?? {}) as SessionData;
}

/**
 * The user id of a request's session.
 *
 * @throws AppError 401 without a valid session.
 */
export function sessionUserId(ctx: Context): number {
  const { userId } = sessionOf(ctx);
  if (typeof userId !== 'number') throw new AppError(ERRORS.unauthenticated);
  return userId;
}

/** Ends a session whose account no longer exists; the caller throws the returned 401. */
export function accountGone(ctx: Context): AppError {
  ctx.session = null;
  return new AppError(ERRORS.unauthenticated);
}

/**
 * Resolves the signed-in user of a request.
 *
 * @throws AppError 401 without a valid session or when its account is gone.
 */
export async function requireUser(ctx: Context, accounts: AccountService): Promise<User> {
  const user = await accounts.findUser(sessionUserId(ctx));
  if (!user) throw accountGone(ctx);
  return user;
}

/** `POST /api/session` signs in with a GitHub token; `DELETE /api/session` signs out. */
export function sessionRoutes(accounts: AccountService, signInLimit: Middleware): Router {
  const router = new Router({ prefix: '/api/session' });

  router.post('/', signInLimit, async (ctx) => {
    const body = await readJsonBody(ctx, signInBody);
    const { user, created } = await accounts.signIn(body.token, body.email);

    (ctx.session as SessionData).userId = user.id;
    ctx.status = created ? 201 : 200;
    ctx.body = presentUser(user);
  });

  router.delete('/', (ctx) => {
    ctx.session = null;
    ctx.status = 204;
  });

  return router;
}
