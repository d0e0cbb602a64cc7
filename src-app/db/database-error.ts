import { AppError, ERRORS } from '../errors.js';

/**
 * Driver and server error codes that mean the database is unreachable or overloaded, rather than
 * that a query was wrong. The caller gets a 503 and may retry.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'POOL_CLOSED',
  'POOL_ENQUEUELIMIT',
  // 1040 ER_CON_COUNT_ERROR: too many connections.
  'ER_CON_COUNT_ERROR',
  // 1053 ER_SERVER_SHUTDOWN: the server is shutting down.
  'ER_SERVER_SHUTDOWN',
  // 1205 ER_LOCK_WAIT_TIMEOUT and 1213 ER_LOCK_DEADLOCK: retryable contention.
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  // 1927 (MariaDB) ER_CONNECTION_KILLED: the connection was killed, e.g. by a restart.
  'ER_CONNECTION_KILLED',
]);

/** Whether a driver error means "try again later" rather than "this query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/**
 * Runs a database step and translates driver failures into app errors, keeping the driver error
 * as the cause so it is logged but never shown.
 */
export async function withDatabase<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDatabaseUnavailable(error)) {
      throw new AppError(ERRORS.databaseUnavailable, {
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    }
    throw new AppError(ERRORS.internal, { cause: error });
  }
}
