import { AppError, ERRORS } from '../errors.js';
import { QUERY_TIMEOUT_MS } from './pool.js';

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
  if (typeof code === 'string') return UNAVAILABLE_CODES.has(code);
  return error instanceof Error && POOL_REFUSALS.has(error.message);
}

/**
 * Messages of the errors with which mysql2's pool turns a request for a connection away. mysql2
 * gives them no code. The queue of waiting requests fills when the database stops answering under
 * load; the pool is closed while the app shuts down with requests still waiting for it.
 */
const POOL_REFUSALS = new Set(['Queue limit reached.', 'Pool is closed.']);

/**
 * Runs a database step and translates driver failures into app errors, keeping the driver error
 * as the cause so it is logged but never shown.
 *
 * The step as a whole gets {@link QUERY_TIMEOUT_MS}: mysql2's statement timeout covers running a
 * prepared statement, but not preparing one, waiting for a free connection or opening one, and a
 * frozen server would hold any of those for as long as TCP lets it. Past the deadline the caller
 * gets a 503 at once; the step itself runs on, so a write that still commits was never
 * acknowledged, and one that was acknowledged has committed.
 */
export async function withDatabase<T>(step: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // Run as a promise, so that a step throwing at once is translated like one failing later.
  const work = (async () => step())();
  // Once the deadline has answered, a later failure of the step has nobody left to tell.
  work.catch(() => undefined);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new AppError(ERRORS.databaseUnavailable, {
          headers: { 'Retry-After': '5' },
          cause: new Error(`The database did not answer within ${QUERY_TIMEOUT_MS} ms`),
        }),
      );
    }, QUERY_TIMEOUT_MS);
  });

  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDatabaseUnavailable(error)) {
      throw new AppError(ERRORS.databaseUnavailable, {
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    }
    throw new AppError(ERRORS.internal, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
