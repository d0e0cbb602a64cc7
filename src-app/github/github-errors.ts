import { AppError, ERRORS } from '../errors.js';

/** The response headers of a failed call, as Octokit keeps them (lower-case names). */
function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The HTTP status GitHub answered, or `undefined` when it did not answer at all. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  const answered = (error as { response?: unknown } | null)?.response !== undefined;
  return answered && typeof status === 'number' ? status : undefined;
}

/**
 * Whether a failed call hit a rate limit. GitHub documents both kinds: the primary limit answers
 * 403 or 429 with `x-ratelimit-remaining: 0`; a secondary limit answers 403 or 429 with
 * `retry-after`.
 */
export function isRateLimited(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return false;
  return (
    headerOf(error, 'retry-after') !== undefined || headerOf(error, 'x-ratelimit-remaining') === '0'
  );
}

/** How many seconds to wait after a rate limit: `retry-after`, else until `x-ratelimit-reset`. */
export function retryAfterSeconds(error: unknown, now = Date.now()): number {
  const retryAfter = Number(headerOf(error, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);

  const reset = Number(headerOf(error, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now / 1000));
  return 60;
}

/** The outcome of a GitHub call, as counted in the metrics. */
export type GitHubOutcome = '200' | '304' | '401' | 'rate_limited' | 'error';

/** Classifies a failed call for the metrics. */
export function outcomeOf(error: unknown): GitHubOutcome {
  if (statusOf(error) === 304) return '304';
  if (statusOf(error) === 401) return '401';
  if (isRateLimited(error)) return 'rate_limited';
  return 'error';
}

/**
 * Translates a failed call into what our caller sees, so a person knows what to do: a revoked
 * token signs in again, a rate limit waits, a missing permission fixes the token, and anything
 * else (GitHub slow or failing) tries again shortly.
 */
export function toAppError(error: unknown): AppError {
  const status = statusOf(error);

  if (status === 401) return new AppError(ERRORS.githubTokenRevoked, { cause: error });
  if (isRateLimited(error)) {
    return new AppError(ERRORS.githubRateLimited, {
      headers: { 'Retry-After': String(retryAfterSeconds(error)) },
      cause: error,
    });
  }
  if (status === 403) return new AppError(ERRORS.githubForbidden, { cause: error });
  if (status === 404) return new AppError(ERRORS.githubNotFound, { cause: error });
  return new AppError(ERRORS.githubUnavailable, { cause: error });
}
