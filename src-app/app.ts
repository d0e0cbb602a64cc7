import Koa, { type Middleware } from 'koa';
import ratelimit from 'koa-ratelimit';
import session from 'koa-session';
import type { Config } from './config.js';
import { TokenCipher } from './crypto/token-cipher.js';
import { NotificationCache } from './db/notification-cache.js';
import type { Pool } from './db/pool.js';
import { UserRepository } from './db/user-repository.js';
import { GitHubClient } from './github/github-client.js';
import { CookieSigner } from './http/cookie-signer.js';
import { errorHandler } from './http/error-handler.js';
import { measureRequests } from './http/metrics-middleware.js';
import { requestContext, type RequestState } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { createMetrics, observePool, type Metrics } from './metrics.js';
import { healthRoutes } from './routes/health-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { AccountService } from './services/account-service.js';
import { NotificationService } from './services/notification-service.js';
import { webRoutes } from './web/web-routes.js';

/** What the app is built from; the entry point and the tests both provide these. */
export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly pool: Pool;
  readonly lifecycle: Lifecycle;
  /** @default a fresh registry */
  readonly metrics?: Metrics;
}

/** How long a sign-in lasts. */
const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Limits sign-in attempts per client address, so tokens cannot be guessed at speed. */
function signInLimiter(config: Config): Middleware {
  return ratelimit({
    driver: 'memory',
    db: new Map(),
    duration: 60_000,
    max: config.signInRateLimit,
    id: (ctx) => ctx.ip,
    throw: true,
    errorMessage: 'Too many sign-in attempts',
  }) as Middleware;
}

/**
 * Once shutdown begins, asks every client to close its connection after the answer. A closed
 * listener still serves keep-alive connections, so without this a busy client would hold the
 * process open until the shutdown timeout cut its requests. Checked when the answer is ready,
 * so that a request which began before shutdown also leaves no idle connection behind.
 */
function closeConnectionsWhenStopping(lifecycle: Lifecycle): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (lifecycle.shuttingDown && !ctx.headerSent) ctx.set('Connection', 'close');
    }
  };
}

/** Builds the Koa app from its dependencies. It never listens: the caller decides where. */
export function buildApp(dependencies: AppDependencies): Koa<RequestState> {
  const { config, logger, pool, lifecycle } = dependencies;
  const metrics = dependencies.metrics ?? createMetrics();
  observePool(metrics, pool);
  const app = new Koa<RequestState>({ proxy: config.trustProxy });
  app.keys = new CookieSigner(config.sessionKeys);
  const github = new GitHubClient({
    baseUrl: config.githubApiUrl,
    timeoutMs: config.githubTimeoutMs,
    logger,
    metrics,
  });
  const accounts = new AccountService(
    new UserRepository(pool),
    new TokenCipher(config.tokenEncryptionKey, config.previousTokenEncryptionKeys),
    github,
  );
  const notifications = new NotificationService(github, new NotificationCache(pool), metrics);
  const signInLimit = signInLimiter(config);

  // Errors are answered by errorHandler; Koa's default handler would print them to stderr.
  app.silent = true;
  app.use(requestContext(logger));
  app.use(closeConnectionsWhenStopping(lifecycle));
  app.use(measureRequests(metrics));
  app.use(errorHandler());
  for (const middleware of securityHeaders()) app.use(middleware);
  app.use(
    session(
      {
        key: 'notifications.sid',
        maxAge: SESSION_MAX_AGE_MS,
        httpOnly: true,
        signed: true,
        sameSite: 'lax',
      },
      app as unknown as Koa,
    ),
  );
  for (const router of [
    healthRoutes(pool, lifecycle),
    metricsRoutes(metrics),
    sessionRoutes(accounts, signInLimit),
    meRoutes(accounts, notifications),
    webRoutes(accounts, notifications, signInLimit),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }

  return app;
}
