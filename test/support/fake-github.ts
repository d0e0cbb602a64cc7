import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the parts of the GitHub REST API that the app calls, answering as GitHub
 * documents them: `GET /user`, `GET /notifications` (with `all`, `participating`, `since`,
 * `page`/`per_page` and `Link` pagination, `Last-Modified`/`If-Modified-Since` and
 * `X-Poll-Interval`), `PATCH /notifications/threads/{id}` and `PUT /notifications`, with rate-limit
 * headers on every answer. Tests arrange accounts and threads through its methods; it never
 * answers differently to make a test pass.
 */

/** An account that a token belongs to. */
export interface FakeAccount {
  readonly token: string;
  readonly id: number;
  readonly login: string;
  /**
   * A classic token has scopes, sent in `X-OAuth-Scopes`; a fine-grained token has none, and the
   * notifications API refuses it. @default 'classic'
   */
  readonly kind?: 'classic' | 'fine-grained';
  /** Classic token scopes. @default ['notifications'] */
  readonly scopes?: readonly string[];
}

/** A notification thread as the test arranges it. */
export interface FakeThread {
  readonly id: string;
  readonly repository: string;
  readonly title: string;
  readonly type: string;
  /** @default 'subscribed' */
  readonly reason?: string;
  /** @default true */
  readonly unread?: boolean;
  /** @default now */
  readonly updatedAt?: Date;
  /** The subject's API path below `/repos/{repository}/`, e.g. `issues/12`. @default none */
  readonly subjectPath?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface StoredThread extends Mutable<Required<Omit<FakeThread, 'subjectPath'>>> {
  subjectPath: string | undefined;
  lastReadAt: Date | null;
}

interface StoredAccount extends FakeAccount {
  threads: StoredThread[];
  /** When the notifications list last changed: what `Last-Modified` reports. */
  modifiedAt: Date;
  rateLimitRemaining: number;
}

/** Something the next matching request suffers before (or instead of) its normal answer. */
export interface FakeFault {
  /** Waits this long before answering. */
  readonly delayMs?: number;
  /** Answers this status with GitHub's error body instead. */
  readonly status?: number;
  /** Only requests that carry this token suffer it. @default every request */
  readonly token?: string;
  /** How many requests it applies to. @default 1 */
  readonly times?: number;
}

/** GitHub's documented default and maximum for `per_page` on this endpoint. */
const MAX_PER_PAGE = 50;
/** GitHub's documented minimum poll interval for notifications, in seconds. */
const POLL_INTERVAL_SECONDS = 60;
const RATE_LIMIT = 5000;
const DOCS = 'https://docs.github.com/rest';

/** The fake server; see the module comment. */
export class FakeGitHub {
  /** Every request it received, in order, as method and path with query. */
  readonly requests: { method: string; url: string; authorization: string | undefined }[] = [];
  private readonly accounts = new Map<string, StoredAccount>();
  private readonly faults: { fault: FakeFault; remaining: number }[] = [];
  /** Requests each token may make per hour, as `X-RateLimit-Limit` reports. */
  rateLimit = RATE_LIMIT;
  /** The `X-Poll-Interval` it asks for; GitHub may change it at any time. */
  pollIntervalSeconds = POLL_INTERVAL_SECONDS;
  private server: Server | undefined;
  private origin = '';

  /** @param options.recordRequests keep every request in {@link requests} (default true). */
  constructor(private readonly options: { readonly recordRequests?: boolean } = {}) {}

  /** Where it listens, e.g. `http://127.0.0.1:PORT`; what the app takes as `GITHUB_API_URL`. */
  get url(): string {
    return this.origin;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Registers a token and the account it belongs to. */
  addAccount(account: FakeAccount): void {
    this.accounts.set(account.token, {
      scopes: ['notifications'],
      ...account,
      threads: [],
      modifiedAt: new Date(Date.now() - 60_000),
      rateLimitRemaining: this.rateLimit,
    });
  }

  /** Changes a classic token's scopes, as its owner can on GitHub at any time. */
  setScopes(token: string, scopes: readonly string[]): void {
    const account = this.accountOf(token);
    this.accounts.set(token, { ...account, scopes });
  }

  /** Revokes a token: GitHub answers 401 to it from now on. */
  revoke(token: string): void {
    this.accounts.delete(token);
  }

  /** Adds a thread to the notifications of the token's owner. */
  addThread(token: string, thread: FakeThread): void {
    const account = this.accountOf(token);
    account.threads.push({
      reason: 'subscribed',
      unread: true,
      updatedAt: new Date(),
      lastReadAt: null,
      ...thread,
      subjectPath: thread.subjectPath,
    });
    account.modifiedAt = new Date();
  }

  /** Makes the next requests suffer `fault`. */
  injectFault(fault: FakeFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  private accountOf(token: string): StoredAccount {
    const account = this.accounts.get(token);
    if (!account) throw new Error(`no fake account has token ${token.slice(0, 4)}…`);
    return account;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    if (this.options.recordRequests !== false)
      this.requests.push({
        method: request.method ?? 'GET',
        url: `${url.pathname}${url.search}`,
        authorization: request.headers.authorization,
      });

    const presented = /^(?:token|bearer) (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const index = this.faults.findIndex(
      (candidate) => !candidate.fault.token || candidate.fault.token === presented,
    );
    const fault = this.faults[index];
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(index, 1);
      if (fault.fault.delayMs) await new Promise((r) => setTimeout(r, fault.fault.delayMs));
      if (fault.fault.status) {
        return this.send(response, fault.fault.status, { message: 'Server Error' });
      }
    }

    // GitHub accepts "token X" and "Bearer X".
    const match = /^(?:token|bearer) (\S+)$/i.exec(request.headers.authorization ?? '');
    const account = match ? this.accounts.get(match[1] as string) : undefined;
    if (!account) {
      return this.send(response, 401, { message: 'Bad credentials', documentation_url: DOCS });
    }
    if (account.rateLimitRemaining <= 0) {
      return this.send(
        response,
        403,
        { message: `API rate limit exceeded for user ID ${account.id}.`, documentation_url: DOCS },
        this.rateLimitHeaders(account),
      );
    }
    account.rateLimitRemaining -= 1;
    const classic = (account.kind ?? 'classic') === 'classic';
    const headers: Record<string, string> = {
      ...this.rateLimitHeaders(account),
      ...(classic ? { 'X-OAuth-Scopes': (account.scopes ?? []).join(', ') } : {}),
    };
    if (url.pathname.startsWith('/notifications')) {
      const refusal = this.notificationsRefusal(account);
      if (refusal) {
        return this.send(
          response,
          403,
          { message: refusal, documentation_url: DOCS },
          {
            ...headers,
            'X-Accepted-OAuth-Scopes': 'notifications, repo',
          },
        );
      }
    }

    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /user') {
      return this.send(response, 200, this.userBody(account), headers);
    }
    if (route === 'GET /notifications') {
      return this.listNotifications(request, response, url, account, headers);
    }
    if (route === 'PUT /notifications') {
      for (const thread of account.threads) {
        thread.unread = false;
        thread.lastReadAt = new Date();
      }
      account.modifiedAt = new Date();
      return this.send(response, 205, undefined, headers);
    }
    const threadMatch = /^PATCH \/notifications\/threads\/(\d+)$/.exec(route);
    if (threadMatch) {
      const thread = account.threads.find((candidate) => candidate.id === threadMatch[1]);
      if (!thread) return this.send(response, 404, { message: 'Not Found' }, headers);
      thread.unread = false;
      thread.lastReadAt = new Date();
      account.modifiedAt = new Date();
      return this.send(response, 205, undefined, headers);
    }

    return this.send(response, 404, { message: 'Not Found', documentation_url: DOCS }, headers);
  }

  /**
   * Why GitHub refuses this token the notifications API, if it does: fine-grained tokens cannot
   * use it at all; classic tokens need the notifications or repo scope.
   */
  private notificationsRefusal(account: StoredAccount): string | undefined {
    if (account.kind === 'fine-grained') return 'Resource not accessible by personal access token';
    const scopes = account.scopes ?? [];
    if (!scopes.includes('notifications') && !scopes.includes('repo')) {
      return 'Missing the notifications scope';
    }
    return undefined;
  }

  /** Spends the token's remaining rate limit, so the next call is refused. */
  exhaustRateLimit(token: string): void {
    this.accountOf(token).rateLimitRemaining = 0;
  }

  private listNotifications(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    account: StoredAccount,
    headers: Record<string, string>,
  ): void {
    const lastModified = new Date(Math.floor(account.modifiedAt.getTime() / 1000) * 1000);
    const conditional = {
      ...headers,
      'Last-Modified': lastModified.toUTCString(),
      'X-Poll-Interval': String(this.pollIntervalSeconds),
    };
    const since = request.headers['if-modified-since'];
    if (since && !Number.isNaN(Date.parse(since)) && lastModified <= new Date(since)) {
      // A 304 does not count against the rate limit, as GitHub documents.
      account.rateLimitRemaining += 1;
      return this.send(response, 304, undefined, conditional);
    }

    const all = url.searchParams.get('all') === 'true';
    const participating = url.searchParams.get('participating') === 'true';
    const sinceParam = url.searchParams.get('since');
    const sinceDate = sinceParam ? new Date(sinceParam) : undefined;
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Number(url.searchParams.get('per_page') ?? MAX_PER_PAGE) || MAX_PER_PAGE),
    );
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const matching = account.threads
      .filter((thread) => all || thread.unread)
      .filter((thread) => !participating || PARTICIPATING_REASONS.has(thread.reason))
      .filter((thread) => !sinceDate || thread.updatedAt > sinceDate)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
    const slice = matching.slice((page - 1) * perPage, page * perPage);

    const link = this.linkHeader(url, page, lastPage);
    this.send(
      response,
      200,
      slice.map((thread) => this.threadBody(thread)),
      link ? { ...conditional, Link: link } : conditional,
    );
  }

  /** GitHub's `Link` header: `<url>; rel="next", <url>; rel="last"` (and prev, first). */
  private linkHeader(url: URL, page: number, lastPage: number): string | undefined {
    const at = (target: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(target));
      return next.toString();
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`, `<${at(1)}>; rel="first"`);
    if (page < lastPage)
      links.push(`<${at(page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
    return links.length > 0 ? links.join(', ') : undefined;
  }

  private rateLimitHeaders(account: StoredAccount): Record<string, string> {
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    return {
      'X-RateLimit-Limit': String(this.rateLimit),
      'X-RateLimit-Remaining': String(Math.max(0, account.rateLimitRemaining)),
      'X-RateLimit-Used': String(this.rateLimit - Math.max(0, account.rateLimitRemaining)),
      'X-RateLimit-Reset': String(reset),
      'X-RateLimit-Resource': 'core',
    };
  }

  private userBody(account: StoredAccount) {
    return {
      login: account.login,
      id: account.id,
      type: 'User',
      html_url: `https://github.com/${account.login}`,
      url: `${this.origin}/users/${account.login}`,
    };
  }

  private threadBody(thread: StoredThread) {
    const [owner = '', name = ''] = thread.repository.split('/');
    const repoApi = `${this.origin}/repos/${thread.repository}`;
    return {
      id: thread.id,
      unread: thread.unread,
      reason: thread.reason,
      updated_at: thread.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      last_read_at: thread.lastReadAt?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? null,
      subject: {
        title: thread.title,
        url: thread.subjectPath ? `${repoApi}/${thread.subjectPath}` : null,
        latest_comment_url: null,
        type: thread.type,
      },
      repository: {
        id: 1,
        name,
        full_name: thread.repository,
        owner: { login: owner },
        private: false,
        html_url: `https://github.com/${thread.repository}`,
        url: repoApi,
      },
      url: `${this.origin}/notifications/threads/${thread.id}`,
      subscription_url: `${this.origin}/notifications/threads/${thread.id}/subscription`,
    };
  }

  private send(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const payload = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      ...headers,
      ...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    });
    response.end(payload);
  }
}

/** Reasons GitHub counts as participating: the person is directly involved. */
const PARTICIPATING_REASONS = new Set([
  'assign',
  'author',
  'comment',
  'mention',
  'review_requested',
  'team_mention',
  'manual',
  'state_change',
]);
