import { Octokit } from '@octokit/rest';
import { AppError, ERRORS } from '../errors.js';
import type { Logger } from '../logger.js';

/** The owner of a token, as GitHub's `GET /user` reports it. */
export interface GitHubAccount {
  readonly id: number;
  readonly login: string;
}

/** One notification thread, reduced to what a person needs to decide what to open. */
export interface Notification {
  readonly id: string;
  readonly repository: string;
  readonly title: string;
  /** GitHub's subject type: Issue, PullRequest, Commit, Release, Discussion, … */
  readonly type: string;
  /** Why it reached the person: mention, review_requested, subscribed, … */
  readonly reason: string;
  readonly unread: boolean;
  readonly updatedAt: string;
  /** Where the thread opens in a browser. */
  readonly url: string;
}

/** Options of {@link GitHubClient}. */
export interface GitHubClientOptions {
  /** @default 'https://api.github.com' */
  readonly baseUrl: string;
  /** How long one call may take before it is abandoned. */
  readonly timeoutMs: number;
  readonly logger: Logger;
}

interface NotificationThread {
  id: string;
  unread: boolean;
  reason: string;
  updated_at: string;
  subject: { title: string; url: string | null; type: string };
  repository: { full_name: string; html_url: string };
}

/** API paths whose browser path differs only in the kind segment. */
const BROWSER_KINDS: Readonly<Record<string, string>> = {
  issues: 'issues',
  pulls: 'pull',
  commits: 'commit',
  discussions: 'discussions',
};

/**
 * Turns a subject's API URL (`…/repos/{owner}/{repo}/pulls/{n}`) into the page a person opens.
 * Subjects without a URL, or of kinds whose API id is not the page id (releases), open the
 * repository.
 */
export function browserUrlOf(thread: NotificationThread): string {
  const match = thread.subject.url?.match(/\/repos\/([^/]+\/[^/]+)\/([a-z]+)\/([^/?#]+)$/);
  const kind = match ? BROWSER_KINDS[match[2] as string] : undefined;

  if (!match || !kind) return thread.repository.html_url;
  return `${new URL(thread.repository.html_url).origin}/${match[1]}/${kind}/${match[3]}`;
}

function toNotification(thread: NotificationThread): Notification {
  return {
    id: thread.id,
    repository: thread.repository.full_name,
    title: thread.subject.title,
    type: thread.subject.type,
    reason: thread.reason,
    unread: thread.unread,
    updatedAt: thread.updated_at,
    url: browserUrlOf(thread),
  };
}

/** Reads the headers of a failed GitHub answer, whatever their case. */
function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Translates a failed call into what our caller should see. GitHub documents a 401 for a bad
 * token, and a 403 or 429 with `x-ratelimit-remaining: 0` or `retry-after` for rate limits.
 */
export function toAppError(error: unknown): AppError {
  const status = (error as { status?: unknown }).status;
  const hasResponse = (error as { response?: unknown }).response !== undefined;

  if (hasResponse && status === 401) {
    return new AppError(ERRORS.githubTokenRejected, { cause: error });
  }
  const retryAfter = headerOf(error, 'retry-after');
  const remaining = headerOf(error, 'x-ratelimit-remaining');
  if (hasResponse && (status === 403 || status === 429) && (retryAfter || remaining === '0')) {
    const reset = Number(headerOf(error, 'x-ratelimit-reset'));
    const wait = retryAfter ?? String(Math.max(1, Math.ceil(reset - Date.now() / 1000)) || 60);
    return new AppError(ERRORS.githubRateLimited, {
      headers: { 'Retry-After': wait },
      cause: error,
    });
  }

  return new AppError(ERRORS.githubUnavailable, { cause: error });
}

/** Calls the parts of the GitHub REST API that the app uses, on behalf of one token at a time. */
export class GitHubClient {
  private readonly octokit: Octokit;
  private readonly timeoutMs: number;

  constructor(options: GitHubClientOptions) {
    const log = options.logger.child({ component: 'github' });
    this.timeoutMs = options.timeoutMs;
    this.octokit = new Octokit({
      baseUrl: options.baseUrl,
      userAgent: 'github-notifications-gitops',
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.warn(message),
        error: (message: string) => log.error(message),
      },
    });
  }

  /** Asks GitHub who owns `token` (`GET /user`). */
  async getAccount(token: string): Promise<GitHubAccount> {
    try {
      const response = await this.octokit.request('GET /user', this.optionsFor(token));
      return { id: Number(response.data.id), login: response.data.login };
    } catch (error) {
      throw toAppError(error);
    }
  }

  /** The first page of the token owner's notification threads (`GET /notifications`). */
  async listNotifications(token: string): Promise<Notification[]> {
    try {
      const response = await this.octokit.request('GET /notifications', {
        ...this.optionsFor(token),
        per_page: 50,
      });
      return (response.data as NotificationThread[]).map(toNotification);
    } catch (error) {
      throw toAppError(error);
    }
  }

  private optionsFor(token: string) {
    return {
      headers: { authorization: `token ${token}` },
      request: { signal: AbortSignal.timeout(this.timeoutMs) },
    };
  }
}
