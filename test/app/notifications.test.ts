import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { FakeThread } from '../support/fake-github.js';
import { ApiClient, jsonOf, startTestApp, type TestApp } from '../support/test-app.js';

describe('notifications API', () => {
  let app: TestApp;
  let nextId = 1000;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.stop();
  });

  beforeEach(() => {
    app.github.pollIntervalSeconds = 60;
  });

  /** Registers a fresh GitHub account with `threads`, signs it in, and returns its client. */
  async function signedIn(threads: Omit<FakeThread, 'id'>[] = []) {
    const token = `ghp_${randomBytes(18).toString('hex')}`;
    nextId += 1;
    app.github.addAccount({ token, id: nextId, login: `user${nextId}` });
    threads.forEach((thread, index) =>
      app.github.addThread(token, { id: String(nextId * 1000 + index), ...thread }),
    );
    const client = new ApiClient(app.url);
    const response = await client.json('POST', '/api/session', { token });
    assert.equal(response.status, 201);
    return { client, token };
  }

  /** Calls GitHub received for `token` under `prefix`, leaving out the sign-in check. */
  function githubCalls(token: string, prefix: string) {
    return app.github.requests.filter(
      (request) =>
        request.authorization === `token ${token}` &&
        request.url.startsWith(prefix) &&
        !request.url.includes('per_page=1&') &&
        !request.url.endsWith('per_page=1'),
    );
  }

  it('lists the signed-in user’s notifications with the fields a person needs', async () => {
    const { client } = await signedIn([
      {
        repository: 'octo-org/octo-repo',
        title: 'Ship it 🚀 — 𝌆 naïve',
        type: 'PullRequest',
        reason: 'review_requested',
        subjectPath: 'pulls/42',
        updatedAt: new Date('2026-11-30T10:00:00Z'),
      },
      {
        repository: 'octo-org/octo-repo',
        title: 'Release v1.0',
        type: 'Release',
        subjectPath: 'releases/9001',
        updatedAt: new Date('2026-11-29T10:00:00Z'),
      },
    ]);

    const response = await client.request('GET', '/api/me/notifications');

    assert.equal(response.status, 200);
    const { notifications, source } = await jsonOf(response);
    assert.equal(source, 'github');
    assert.deepEqual(notifications[0], {
      id: String(nextId * 1000),
      repository: 'octo-org/octo-repo',
      title: 'Ship it 🚀 — 𝌆 naïve',
      type: 'PullRequest',
      reason: 'review_requested',
      unread: true,
      updatedAt: '2026-11-30T10:00:00Z',
      url: 'https://github.com/octo-org/octo-repo/pull/42',
    });
    assert.equal(notifications[1].url, 'https://github.com/octo-org/octo-repo');
  });

  it('keeps 4-byte characters intact through the database cache', async () => {
    const { client } = await signedIn([{ repository: 'a/b', title: '🐙 𝌆 emoji', type: 'Issue' }]);
    await client.request('GET', '/api/me/notifications');

    const cached = await jsonOf(await client.request('GET', '/api/me/notifications'));

    assert.equal(cached.source, 'cache');
    assert.equal(cached.notifications[0].title, '🐙 𝌆 emoji');
  });

  it('follows Link rel="next" to return every page', async () => {
    const threads = Array.from({ length: 120 }, (_, index) => ({
      repository: 'big/repo',
      title: `Thread ${index}`,
      type: 'Issue',
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
    }));
    const { client, token } = await signedIn(threads);

    const { notifications } = await jsonOf(await client.request('GET', '/api/me/notifications'));

    assert.equal(notifications.length, 120);
    assert.equal(new Set(notifications.map((n: { id: string }) => n.id)).size, 120);
    assert.equal(githubCalls(token, '/notifications').length, 3);
  });

  it('passes the all, participating and since filters to GitHub', async () => {
    const { client, token } = await signedIn([
      { repository: 'a/b', title: 'read one', type: 'Issue', unread: false, reason: 'mention' },
      { repository: 'a/b', title: 'watching', type: 'Issue', reason: 'subscribed' },
      {
        repository: 'a/b',
        title: 'old mention',
        type: 'Issue',
        reason: 'mention',
        updatedAt: new Date('2020-01-01T00:00:00Z'),
      },
    ]);
    const titles = async (query: string) =>
      (await jsonOf(await client.request('GET', `/api/me/notifications${query}`))).notifications
        .map((n: { title: string }) => n.title)
        .sort();

    assert.deepEqual(await titles(''), ['old mention', 'watching']);
    assert.deepEqual(await titles('?all=true'), ['old mention', 'read one', 'watching']);
    assert.deepEqual(await titles('?all=true&participating=true'), ['old mention', 'read one']);
    assert.deepEqual(await titles('?all=true&since=2025-01-01T00:00:00Z'), [
      'read one',
      'watching',
    ]);
    const sinceCall = githubCalls(token, '/notifications?').find((c) => c.url.includes('since='));
    assert.match(sinceCall?.url ?? '', /since=2025-01-01T00%3A00%3A00\.000Z/);
  });

  it('answers from the cache without calling GitHub before X-Poll-Interval has passed', async () => {
    const { client, token } = await signedIn([{ repository: 'a/b', title: 't', type: 'Issue' }]);
    await client.request('GET', '/api/me/notifications');

    const second = await jsonOf(await client.request('GET', '/api/me/notifications'));

    assert.equal(second.source, 'cache');
    assert.equal(githubCalls(token, '/notifications').length, 1);
  });

  it('asks again with If-Modified-Since after the interval and serves the cache on 304', async () => {
    app.github.pollIntervalSeconds = 1;
    const { client, token } = await signedIn([{ repository: 'a/b', title: 't', type: 'Issue' }]);
    const first = await client.request('GET', '/api/me/notifications');
    assert.equal(first.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = await jsonOf(await client.request('GET', '/api/me/notifications'));

    const calls = app.github.requests.filter((r) => r.authorization === `token ${token}`);
    assert.equal(second.source, 'cache');
    assert.equal(second.notifications[0].title, 't');
    assert.equal(githubCalls(token, '/notifications').length, 2);
    assert.ok(calls.length >= 2);
  });

  it('never shares one user’s cached list with another', async () => {
    const alice = await signedIn([
      { repository: 'alice/secret', title: 'for alice', type: 'Issue' },
    ]);
    const bob = await signedIn([]);
    await alice.client.request('GET', '/api/me/notifications');

    const bobs = await jsonOf(await bob.client.request('GET', '/api/me/notifications'));

    assert.deepEqual(bobs.notifications, []);
  });

  it('marks one thread read on GitHub and reflects it at once', async () => {
    const { client, token } = await signedIn([
      { repository: 'a/b', title: 'one', type: 'Issue' },
      { repository: 'a/b', title: 'two', type: 'Issue' },
    ]);
    const before = await jsonOf(await client.request('GET', '/api/me/notifications'));
    await client.request('GET', '/api/me/notifications?all=true');
    const id = before.notifications.find((n: { title: string }) => n.title === 'one').id;

    const response = await client.request('PATCH', `/api/me/notifications/threads/${id}`);

    assert.equal(response.status, 204);
    assert.equal(githubCalls(token, `/notifications/threads/${id}`).length, 1);
    const unread = await jsonOf(await client.request('GET', '/api/me/notifications'));
    assert.deepEqual(
      unread.notifications.map((n: { title: string }) => n.title),
      ['two'],
    );
    assert.equal(unread.source, 'cache');
    const all = await jsonOf(await client.request('GET', '/api/me/notifications?all=true'));
    assert.equal(all.notifications.find((n: { id: string }) => n.id === id).unread, false);
  });

  it('marks all threads read on GitHub and reflects it at once', async () => {
    const { client, token } = await signedIn([
      { repository: 'a/b', title: 'one', type: 'Issue' },
      { repository: 'c/d', title: 'two', type: 'Issue' },
    ]);
    await client.request('GET', '/api/me/notifications');

    const response = await client.request('PUT', '/api/me/notifications');

    assert.equal(response.status, 204);
    assert.equal(
      app.github.requests.filter((r) => r.method === 'PUT' && r.authorization === `token ${token}`)
        .length,
      1,
    );
    const unread = await jsonOf(await client.request('GET', '/api/me/notifications'));
    assert.deepEqual(unread.notifications, []);
  });

  it('answers 404 for a thread GitHub does not know and 400 for an id that is not one', async () => {
    const { client } = await signedIn([]);

    const missing = await client.request('PATCH', '/api/me/notifications/threads/999999999');
    const bad = await client.request('PATCH', '/api/me/notifications/threads/1%20OR%201=1');

    assert.equal(missing.status, 404);
    assert.equal((await jsonOf(missing)).code, 'github_not_found');
    assert.equal(bad.status, 400);
    assert.equal((await jsonOf(bad)).field, 'threadId');
  });

  it('answers 400 naming a bad query parameter', async () => {
    const { client } = await signedIn([]);

    const cases = {
      '?all=yes': 'all',
      '?since=yesterday': 'since',
      '?participating=true&participating=false': 'participating',
      '?page=2': 'page',
    };
    for (const [query, field] of Object.entries(cases)) {
      const response = await client.request('GET', `/api/me/notifications${query}`);
      assert.equal(response.status, 400, query);
      assert.equal((await jsonOf(response)).field, field, query);
    }
  });

  describe('when GitHub refuses or fails', () => {
    it('answers 401 github_token_revoked when GitHub no longer accepts the token', async () => {
      const { client, token } = await signedIn([]);
      app.github.revoke(token);

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 401);
      const body = await jsonOf(response);
      assert.equal(body.code, 'github_token_revoked');
      assert.match(body.message, /sign in again/);
    });

    it('answers 503 with Retry-After when the rate limit is used up', async () => {
      const { client, token } = await signedIn([]);
      app.github.exhaustRateLimit(token);

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 503);
      assert.equal((await jsonOf(response)).code, 'github_rate_limited');
      const retryAfter = Number(response.headers.get('retry-after'));
      assert.ok(retryAfter > 3000 && retryAfter <= 3601, `Retry-After ${retryAfter}`);
    });

    it('answers 403 github_permission_missing when the token lost its scope', async () => {
      const { client, token } = await signedIn([]);
      app.github.setScopes(token, ['read:user']);

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 403);
      assert.equal((await jsonOf(response)).code, 'github_permission_missing');
    });

    it('retries an idempotent read once GitHub fails with 5xx, and succeeds', async () => {
      const { client } = await signedIn([{ repository: 'a/b', title: 't', type: 'Issue' }]);
      app.github.injectFault({ status: 502 });

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 200);
    });

    it('answers 502 when GitHub keeps failing', async () => {
      const { client } = await signedIn([]);
      app.github.injectFault({ status: 500, times: 5 });

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 502);
      assert.equal((await jsonOf(response)).code, 'github_unavailable');
    });

    it('answers 502 within the timeout when GitHub hangs', async () => {
      const { client } = await signedIn([]);
      app.github.injectFault({ delayMs: 5000 });
      const started = Date.now();

      const response = await client.request('GET', '/api/me/notifications');

      const elapsed = Date.now() - started;
      assert.equal(response.status, 502);
      assert.ok(elapsed >= 1900 && elapsed < 3500, `took ${elapsed} ms`);
    });
  });

  describe('DELETE /api/me', () => {
    it('deletes the user, their token and cached lists, and ends the session', async () => {
      const { client } = await signedIn([{ repository: 'a/b', title: 't', type: 'Issue' }]);
      await client.request('GET', '/api/me/notifications');
      const login = (await jsonOf(await client.request('GET', '/api/me'))).login;

      const response = await client.request('DELETE', '/api/me');

      assert.equal(response.status, 204);
      assert.equal((await client.request('GET', '/api/me')).status, 401);
      const connection = await createConnection(app.config.database.url);
      try {
        const [users] = await connection.query('SELECT id FROM users WHERE login = ?', [login]);
        const [orphans] = await connection.query(
          `SELECT (SELECT COUNT(*) FROM github_tokens WHERE user_id NOT IN (SELECT id FROM users))
             + (SELECT COUNT(*) FROM notification_lists WHERE user_id NOT IN (SELECT id FROM users))
             AS n`,
        );
        assert.deepEqual(users, []);
        assert.equal(Number((orphans as { n: number }[])[0]?.n), 0);
      } finally {
        await connection.end();
      }
    });
  });
});
