import Koa from 'koa';
import session from 'koa-session';
import type { Config } from './config.js';
import { TokenCipher } from './crypto/token-cipher.js';
import type { Pool } from './db/pool.js';
import { UserRepository } from './db/user-repository.js';
import { GitHubClient } from './github/github-client.js';
import { errorHandler } from './http/error-handler.js';
import { requestContext, type RequestState } from './http/request-context.js';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { healthRoutes } from './routes/health-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { AccountService } from './services/account-service.js';

/** What the app is built from; the entry point and the tests both provide these. */
export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly pool: Pool;
  readonly lifecycle: Lifecycle;
}

/** How long a sign-in lasts. */
const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Builds the Koa app from its dependencies. It never listens: the caller decides where. */
export function buildApp(dependencies: AppDependencies): Koa<RequestState> {
  const { config, logger, pool, lifecycle } = dependencies;
  const app = new Koa<RequestState>({ keys: [...config.sessionKeys] });
  const github = new GitHubClient({
    baseUrl: config.githubApiUrl,
    timeoutMs: config.githubTimeoutMs,
    logger,
  });
  const accounts = new AccountService(
    new UserRepository(pool),
    new TokenCipher(config.tokenEncryptionKey),
    github,
  );

  // Errors are answered by errorHandler; Koa's default handler would print them to stderr.
  app.silent = true;
  app.use(requestContext(logger));
  app.use(errorHandler());
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
    sessionRoutes(accounts),
    meRoutes(accounts, github),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }

  return app;
}
