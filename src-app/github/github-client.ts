import { createHash } from 'node:crypto';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { AppError, ERRORS } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { outcomeOf, statusOf, toAppError } from './github-errors.js';
import { toNotification, type Notification, type NotificationThread } from './notification.js';

/** The owner of a token, as GitHub's `GET /user` reports it. */
export interface GitHubAccount {
  readonly id: number;
  readonly login: string;
  /**
   * The scopes of a classic token (`X-OAuth-Scopes`); `null` for tokens that have no scopes, such
   * as fine-grained tokens.
   */
  readonly scopes: readonly string[] | null;
}

/** Which threads to list, as GitHub's `GET /notifications` parameters. */
export interface NotificationFilter {
  /** Include threads already read. @default false */
  readonly all?: boolean;
  /** Only threads the person takes part in or is mentioned in. @default false */
  readonly participating?: boolean;
  /** Only threads updated after this time. @default no bound */
  readonly since?: Date;
}

/** What a conditional listing found. */
export type NotificationListing =
  | {
      readonly modified: true;
      readonly notifications: Notification[];
      readonly lastModified: string | undefined;
      readonly pollIntervalSeconds: number;
    }
  | { readonly modified: false; readonly pollIntervalSeconds: number };

/** Options of {@link GitHubClient}. */
export interface GitHubClientOptions {
  /** @default 'https://api.github.com' */
  readonly baseUrl: string;
  /** The most one call may take, retries included, before the caller gets a 502. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling);

const READ = 'read';
const WRITE = 'write';

/**
 * Whether a call changes something on GitHub. GitHub asks that a token's writes be sent one at a
 * time, a second apart, to stay clear of its secondary rate limits, so writes go through the
 * throttling plugin's per-token queue. Reads skip it: the queue costs about a quarter of a read's
 * CPU and adds nothing here, since rate-limit answers are never waited out but passed on as 503
 * with Retry-After (see toAppError).
 */
type CallKind = typeof READ | typeof WRITE;

/** GitHub's default `X-Poll-Interval` for notifications, used when the header is absent. */
const DEFAULT_POLL_INTERVAL_SECONDS = 60;
/** GitHub's largest page for notifications. */
const PER_PAGE = 50;
/** Pages followed at most: 1,000 threads, a bound on one listing's time and memory. */
const MAX_PAGES = 20;

/**
 * Calls the parts of the GitHub REST API that the app uses, on behalf of one token at a time.
 * Idempotent reads are retried with backoff; rate limits are never waited out here, since the
 * caller should hear about them at once.
 */
export class GitHubClient {
  constructor(private readonly options: GitHubClientOptions) {}

  /** Asks GitHub who owns `token` (`GET /user`) and which scopes it has. */
  async getAccount(token: string): Promise<GitHubAccount> {
    return this.call(token, 'account', READ, async (octokit) => {
      const response = await octokit.request('GET /user');
      const header = response.headers['x-oauth-scopes'];

      return {
        id: Number(response.data.id),
        login: response.data.login,
        scopes:
          typeof header === 'string'
            ? header
                .split(',')
                .map((scope) => scope.trim())
                .filter(Boolean)
            : null,
      };
    });
  }

  /**
   * Whether GitHub lets `token` read notifications, by asking for one thread. Some token types
   * cannot use this API at all, whatever their permissions.
   *
   * @returns `null` when it can, else GitHub's HTTP status.
   */
  async probeNotifications(token: string): Promise<number | null> {
    try {
      await this.call(token, 'probe', READ, (octokit) =>
        octokit.request('GET /notifications', { per_page: 1 }),
      );
      return null;
    } catch (error) {
      const refused: string[] = [ERRORS.githubForbidden.code, ERRORS.githubNotFound.code];
      if (error instanceof AppError && refused.includes(error.code)) return error.status;
      throw error;
    }
  }

  /**
   * Lists every notification thread matching `filter`, following `Link: rel="next"`. With
   * `ifModifiedSince`, GitHub answers 304 when nothing changed, which costs no rate limit.
   */
  async listNotifications(
    token: string,
    filter: NotificationFilter,
    ifModifiedSince?: string,
  ): Promise<NotificationListing> {
    return this.call(token, 'list', READ, async (octokit) => {
      const parameters = {
        all: filter.all ?? false,
        participating: filter.participating ?? false,
        ...(filter.since ? { since: filter.since.toISOString() } : {}),
        per_page: PER_PAGE,
        headers: ifModifiedSince ? { 'if-modified-since': ifModifiedSince } : {},
      };
      const notifications: Notification[] = [];
      let lastModified: string | undefined;
      let pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
      let pages = 0;

      try {
        for await (const page of octokit.paginate.iterator('GET /notifications', parameters)) {
          if (pages === 0) {
            lastModified = page.headers['last-modified'];
            pollIntervalSeconds = pollIntervalOf(page.headers['x-poll-interval']);
          }
          notifications.push(...(page.data as NotificationThread[]).map(toNotification));
          pages += 1;
          if (pages >= MAX_PAGES) break;
        }
      } catch (error) {
        if (statusOf(error) !== 304) throw error;
        const headers = (error as { response: { headers: Record<string, string> } }).response
          .headers;
        return { modified: false, pollIntervalSeconds: pollIntervalOf(headers['x-poll-interval']) };
      }

      return { modified: true, notifications, lastModified, pollIntervalSeconds };
    });
  }

  /** Marks one thread as read (`PATCH /notifications/threads/{id}`). */
  async markThreadRead(token: string, threadId: string): Promise<void> {
    await this.call(token, 'mark_read', WRITE, (octokit) =>
      octokit.request('PATCH /notifications/threads/{thread_id}', {
        thread_id: Number(threadId),
        request: { retries: 0 },
      }),
    );
  }

  /** Marks every thread read up to `lastReadAt` (`PUT /notifications`). */
  async markAllRead(token: string, lastReadAt: Date): Promise<void> {
    await this.call(token, 'mark_all_read', WRITE, (octokit) =>
      octokit.request('PUT /notifications', {
        last_read_at: lastReadAt.toISOString(),
        read: true,
        request: { retries: 0 },
      }),
    );
  }

  /**
   * Runs one logical call with its own client, bounded by the timeout as a whole: a retry never
   * outlasts the caller's patience. Counts the outcome and translates failures.
   */
  private async call<T>(
    token: string,
    operation: string,
    kind: CallKind,
    work: (octokit: InstanceType<typeof GitHubOctokit>) => Promise<T>,
  ): Promise<T> {
    const { timeoutMs, metrics } = this.options;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error(`GitHub ${operation} timed out`), { timedOut: true }));
      }, timeoutMs);
    });

    try {
      const result = await Promise.race([
        work(this.octokitFor(token, kind, abort.signal)),
        deadline,
      ]);
      metrics.githubCalls.inc({ operation, outcome: '200' });
      return result;
    } catch (error) {
      metrics.githubCalls.inc({ operation, outcome: outcomeOf(error) });
      throw toAppError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private octokitFor(
    token: string,
    kind: CallKind,
    signal: AbortSignal,
  ): InstanceType<typeof GitHubOctokit> {
    const log = this.options.logger.child({ component: 'github' });

    return new GitHubOctokit({
      auth: token,
      baseUrl: this.options.baseUrl,
      userAgent: 'github-notifications-gitops',
      request: { signal },
      retry: {
        retries: 2,
        retryAfterBaseValue: 200,
        doNotRetry: [304, 400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        enabled: kind === WRITE,
        // Limits are shared per token, never across people.
        id: tokenKey(token),
        onRateLimit: () => false,
        onSecondaryRateLimit: () => false,
      },
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.warn(message),
        // A failed call is answered and counted by the caller; Octokit's own line is a warning.
        error: (message: string) => log.warn(message),
      },
    });
  }
}

function pollIntervalOf(header: unknown): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_POLL_INTERVAL_SECONDS;
}

/** A short, non-reversible key for a token, so per-token limiters never hold the token itself. */
function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
