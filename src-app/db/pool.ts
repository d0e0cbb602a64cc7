import { createPool, type Pool, type PoolOptions } from 'mysql2/promise';
import type { DatabaseSettings } from '../config.js';

/**
 * The longest one statement may run. A database that stops answering (a network partition, a
 * frozen server) then fails requests with a 503 instead of holding them open.
 */
export const QUERY_TIMEOUT_MS = 5000;

/** A statement with the app's timeout, for `pool.execute(statement(sql), values)`. */
export function statement(sql: string): { sql: string; timeout: number } {
  return { sql, timeout: QUERY_TIMEOUT_MS };
}

/** Options of {@link createDatabasePool} beyond where the database is. */
export interface DatabasePoolOptions {
  /** @default 10 */
  readonly connectionLimit?: number;
  /** How long opening a connection may take. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/** Turns the database settings into mysql2 connection options. */
export function connectionOptions(
  settings: DatabaseSettings,
): Pick<PoolOptions, 'host' | 'port' | 'user' | 'password' | 'database' | 'ssl'> {
  const parsed = new URL(settings.url);

  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: settings.password ?? decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    // The server's certificate is always verified: an unverified TLS connection would hand the
    // password to whoever answers.
    // mysql2 checks the certificate's host name only with verifyIdentity.
    ...(settings.tls
      ? {
          ssl: {
            rejectUnauthorized: true,
            verifyIdentity: true,
            ...(settings.tls.ca ? { ca: settings.tls.ca } : {}),
          },
        }
      : {}),
  };
}

/**
 * Opens the app's connection pool. Every connection speaks utf8mb4 and UTC, so 4-byte characters
 * and timestamps survive the round trip on MySQL 8 and MariaDB alike, and runs at READ COMMITTED:
 * a lookup of a missing key then takes no gap lock, so first sign-ins of different people never
 * deadlock on each other's inserts, as they do under REPEATABLE READ.
 */
export function createDatabasePool(
  settings: DatabaseSettings,
  options: DatabasePoolOptions = {},
): Pool {
  const pool = createPool({
    ...connectionOptions(settings),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    connectionLimit: options.connectionLimit ?? 10,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    maxIdle: 2,
    idleTimeout: 60_000,
    enableKeepAlive: true,
    waitForConnections: true,
    queueLimit: 100,
    // mysql2 captures a stack trace on every call so that errors point at their caller; that is
    // about a twentieth of a cached read's CPU. Database errors are logged with the request they
    // failed, which says where they came from.
    trace: false,
  });
  // Runs on each new connection before anything else is sent on it.
  pool.pool.on('connection', (connection) => {
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  return pool;
}

/** Answers whether the database takes a query within `timeoutMs`. */
export async function pingDatabase(pool: Pool, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = pool
    .query({ sql: 'SELECT 1', timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);

  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type { Pool };
