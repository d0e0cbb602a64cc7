import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { createDatabasePool, type Pool } from './db/pool.js';
import { migrateDatabase } from './db/migrator.js';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';

/** A started app: its HTTP server and the means to stop it gracefully. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly pool: Pool;
  /**
   * Stops gracefully: readiness turns 503 and requests are still served for the configured delay,
   * then the listener closes, in-flight requests finish (or are cut after the configured
   * timeout), and the pool closes (or is left behind after {@link POOL_CLOSE_TIMEOUT_MS}).
   *
   * @returns whether every request finished within the timeout.
   */
  stop(): Promise<boolean>;
}

/** Migrates (unless turned off), builds the app and listens on the configured port. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  if (config.migrateOnStart) {
    await migrateDatabase({ database: config.database, logger });
  }

  const pool = createDatabasePool(config.database);
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = buildApp({ config, logger, pool, lifecycle });
  const server = app.listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'listening');

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      lifecycle.shuttingDown = true;
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();

      const finished = await settlesWithin(closed, config.shutdownTimeoutMs);
      if (!finished) server.closeAllConnections();

      await closePool(pool, logger);
      return finished;
    })();
    return stopping;
  };

  return { server, port, pool, stop };
}

/**
 * How long closing the pool may take on shutdown. Closing says goodbye on every connection and
 * waits for the server to hang up, which a frozen or unreachable database never does; the process
 * exits anyway, which closes the sockets. The drain time, this and the configured delay together
 * stay below the pod's termination grace period.
 */
export const POOL_CLOSE_TIMEOUT_MS = 2000;

async function closePool(pool: Pool, logger: Logger): Promise<void> {
  let givenUp = false;
  const closed = pool.end().catch((error: unknown) => {
    // Past the bound the failure is already reported, as the timeout.
    if (!givenUp) logger.warn({ err: error }, 'pool close failed');
  });
  if (!(await settlesWithin(closed, POOL_CLOSE_TIMEOUT_MS))) {
    givenUp = true;
    logger.warn(
      { timeoutMs: POOL_CLOSE_TIMEOUT_MS },
      'the database did not close its connections in time',
    );
  }
}

/** Whether `work` settles within `ms`; it runs on either way. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
