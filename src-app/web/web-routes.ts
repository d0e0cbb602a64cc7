import { readFileSync } from 'node:fs';
import { Router } from '@koa/router';
import coBody from 'co-body';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import { AppError, ERRORS } from '../errors.js';
import { asAppError } from '../http/error-handler.js';
import { validate } from '../http/json-body.js';
import { notificationQuery, threadId } from '../routes/me-routes.js';
import { accountGone, requireUser, sessionOf, sessionUserId } from '../routes/session-routes.js';
import type { AccountService } from '../services/account-service.js';
import { parseNotifications, type NotificationService } from '../services/notification-service.js';
import { CSRF_FIELD, csrfToken, verifyCsrf } from './csrf.js';
import type { SafeHtml } from './html.js';
import { homePage } from './pages/home-page.js';
import { notificationsPage } from './pages/notifications-page.js';
import { problemPage } from './pages/problem-page.js';

const STYLESHEET = readFileSync(new URL('./static/app.css', import.meta.url), 'utf8');

const signInForm = z.object({
  token: z.string({ error: 'Enter a token' }).trim().min(1, { error: 'Enter a token' }).max(255),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.email({ error: 'Enter a valid email address, or leave it empty' }).optional()),
});

/** Where a read action returns to: the notifications page, with the filter it came from. */
const backLink = z
  .string()
  .regex(/^\/notifications(\?[a-z=&]*)?$/)
  .catch('/notifications');

function send(ctx: Context, page: SafeHtml, status = 200): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = page.value;
}

/** Reads a URL-encoded form of at most 16 KB and checks its anti-forgery token. */
async function readForm(ctx: Context): Promise<Record<string, unknown>> {
  if (ctx.is('application/x-www-form-urlencoded') !== 'application/x-www-form-urlencoded') {
    throw new AppError(ERRORS.unsupportedMediaType, { message: 'Send the form as a web form' });
  }

  const form = (await coBody.form(ctx, { limit: '16kb' })) as Record<string, unknown>;
  verifyCsrf(ctx, form[CSRF_FIELD]);
  return form;
}

/** What a person sees for each kind of failure: a page that says what to do next. */
function renderProblem(ctx: Context, error: AppError): void {
  const pages: Record<string, { title: string; action?: { href: string; label: string } }> = {
    [ERRORS.githubTokenRevoked.code]: {
      title: 'Your token no longer works',
      action: { href: '/', label: 'Sign in with a new token' },
    },
    [ERRORS.tokenUnreadable.code]: {
      title: 'Please sign in again',
      action: { href: '/', label: 'Sign in' },
    },
    [ERRORS.githubRateLimited.code]: {
      title: 'GitHub asks us to slow down',
      action: { href: '/notifications', label: 'Try again' },
    },
    [ERRORS.githubUnavailable.code]: {
      title: 'GitHub is not answering',
      action: { href: '/notifications', label: 'Try again' },
    },
  };
  const page = pages[error.code] ?? { title: error.status >= 500 ? 'Something broke' : 'Sorry' };
  let message = error.expose ? error.message : ERRORS.internal.message;
  const retryAfter = Number(error.headers['Retry-After']);
  if (error.code === ERRORS.githubRateLimited.code && retryAfter > 0) {
    const minutes = Math.ceil(retryAfter / 60);
    message = `GitHub’s rate limit for your token is used up. Try again in ${minutes} ${
      minutes === 1 ? 'minute' : 'minutes'
    }.`;
  }
  if (error.code === ERRORS.githubTokenRevoked.code || error.code === ERRORS.tokenUnreadable.code) {
    ctx.session = null;
  }

  ctx.set(error.headers);
  send(ctx, problemPage({ ...page, message }), error.status);
}

/** Turns failures on web routes into pages instead of JSON; an anonymous visitor goes home. */
function webErrors(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      const error = asAppError(thrown);
      if (error.code === ERRORS.unauthenticated.code) {
        ctx.redirect('/');
        return;
      }
      if (error.status >= 500) {
        ctx.state.log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
      }
      renderProblem(ctx, error);
    }
  };
}

/**
 * The server-rendered pages: home with the sign-in form, and the notifications page with its
 * actions. They work without JavaScript; every form posts with an anti-forgery token.
 */
export function webRoutes(
  accounts: AccountService,
  notifications: NotificationService,
  signInLimit: Middleware,
): Router {
  const router = new Router();
  router.use(webErrors());

  router.get('/', async (ctx) => {
    const { userId } = sessionOf(ctx);
    if (typeof userId === 'number' && (await accounts.findUser(userId))) {
      ctx.redirect('/notifications');
      return;
    }
    send(ctx, homePage({ csrf: csrfToken(ctx) }));
  });

  router.post('/session', signInLimit, async (ctx) => {
    const form = await readForm(ctx);
    const parsed = signInForm.safeParse(form);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'Check the form';
      send(ctx, homePage({ csrf: csrfToken(ctx), error: message }), 400);
      return;
    }

    try {
      const { user } = await accounts.signIn(parsed.data.token, parsed.data.email);
      ctx.session = { userId: user.id };
      ctx.redirect('/notifications');
      ctx.status = 303;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const page = homePage({
        csrf: csrfToken(ctx),
        error: error.message,
        email: parsed.data.email,
      });
      send(ctx, page, error.status);
    }
  });

  router.post('/signout', async (ctx) => {
    await readForm(ctx);
    ctx.session = null;
    ctx.redirect('/');
    ctx.status = 303;
  });

  router.get('/notifications', async (ctx) => {
    const filter = validate(notificationQuery, ctx.query);
    const found = await notifications.listFor(sessionUserId(ctx), filter, (user) =>
      accounts.tokenOf(user),
    );
    if (!found) throw accountGone(ctx);
    const { user, list } = found;
    ctx.set('Cache-Control', 'no-store');
    send(
      ctx,
      notificationsPage({
        login: user.login,
        csrf: csrfToken(ctx),
        filter: { all: filter.all, participating: filter.participating },
        notifications: parseNotifications(list.notificationsJson),
        fetchedAt: list.fetchedAt,
      }),
    );
  });

  router.post('/notifications/threads/:threadId/read', async (ctx) => {
    const form = await readForm(ctx);
    const id = validate(threadId, ctx.params.threadId, 'threadId');
    const user = await requireUser(ctx, accounts);

    await notifications.markRead(user, await accounts.tokenOf(user), id);
    ctx.redirect(backLink.parse(form.back));
    ctx.status = 303;
  });

  router.post('/notifications/read-all', async (ctx) => {
    const form = await readForm(ctx);
    const user = await requireUser(ctx, accounts);

    await notifications.markAllRead(user, await accounts.tokenOf(user));
    ctx.redirect(backLink.parse(form.back));
    ctx.status = 303;
  });

  router.get('/static/app.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = STYLESHEET;
  });

  return router;
}
