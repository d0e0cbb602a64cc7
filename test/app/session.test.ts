import assert from 'node:assert/strict';
import { createConnection } from 'mysql2/promise';
import { ApiClient, jsonOf, startTestApp, type TestApp } from '../support/test-app.js';

describe('sign-in API', () => {
  let app: TestApp;
  let client: ApiClient;
  const token = 'ghp_FakeToken0000000000000000000000000001';

  before(async () => {
    app = await startTestApp();
    app.github.addAccount({ token, id: 583231, login: 'octocat' });
  });

  after(async () => {
    await app.stop();
  });

  beforeEach(() => {
    client = new ApiClient(app.url);
  });

  it('creates a user on first sign-in and answers 201 with the login from GitHub', async () => {
    const response = await client.json('POST', '/api/session', {
      token,
      email: 'octo@example.com',
    });

    assert.equal(response.status, 201);
    const body = await jsonOf(response);
    assert.equal(body.login, 'octocat');
    assert.equal(body.email, 'octo@example.com');
    assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
    assert.equal(JSON.stringify(body).includes(token), false);
  });

  it('answers 200 for a known user and keeps the creation time', async () => {
    const first = await jsonOf(await client.json('POST', '/api/session', { token }));

    const again = await client.json('POST', '/api/session', { token, email: 'new@example.com' });

    assert.equal(again.status, 200);
    const body = await jsonOf(again);
    assert.equal(body.createdAt, first.createdAt);
    assert.equal(body.email, 'new@example.com');
  });

  it('sets an http-only, signed session cookie that opens /api/me', async () => {
    const response = await client.json('POST', '/api/session', { token });

    const cookies = response.headers.getSetCookie().join('\n');
    assert.match(cookies, /notifications\.sid=[^;]+;.*httponly/i);
    assert.match(cookies, /notifications\.sid\.sig=/);
    assert.match(cookies, /samesite=lax/i);
    const me = await client.request('GET', '/api/me');
    assert.equal(me.status, 200);
    assert.equal((await jsonOf(me)).login, 'octocat');
  });

  it('stores the token encrypted: no stored byte sequence contains it', async () => {
    await client.json('POST', '/api/session', { token });

    const connection = await createConnection(app.config.database.url);
    try {
      const [rows] = await connection.query('SELECT * FROM github_tokens');
      const [users] = await connection.query('SELECT * FROM users');
      const stored = JSON.stringify([rows, users], (_key, value) =>
        value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value,
      );
      assert.ok((rows as unknown[]).length > 0);
      assert.equal(stored.includes(token), false);
      assert.equal(stored.includes(Buffer.from(token).toString('base64')), false);
    } finally {
      await connection.end();
    }
  });

  it('refuses a token that GitHub refuses with 401 and creates nobody', async () => {
    const response = await client.json('POST', '/api/session', { token: 'ghp_revoked' });

    assert.equal(response.status, 401);
    const body = await jsonOf(response);
    assert.equal(body.code, 'github_token_rejected');
    assert.equal(typeof body.requestId, 'string');
    assert.equal(client.cookie('notifications.sid'), undefined);
  });

  it('answers 502 when GitHub fails, without exposing its answer', async () => {
    app.github.injectFault({ status: 500, times: 5 });

    const response = await client.json('POST', '/api/session', { token });

    assert.equal(response.status, 502);
    assert.equal((await jsonOf(response)).code, 'github_unavailable');
  });

  it('refuses with 422 a classic token without the notifications scope, naming it', async () => {
    app.github.addAccount({ token: 'ghp_noscope', id: 31, login: 'noscope', scopes: ['gist'] });

    const response = await client.json('POST', '/api/session', { token: 'ghp_noscope' });

    assert.equal(response.status, 422);
    const body = await jsonOf(response);
    assert.equal(body.code, 'token_scope_missing');
    assert.equal(body.field, 'token');
    assert.match(body.message, /notifications scope/);
    assert.match(body.message, /gist/);
  });

  it('refuses with 422 a token for which GitHub refuses a notifications read', async () => {
    app.github.addAccount({
      token: 'github_pat_fine',
      id: 32,
      login: 'fine',
      kind: 'fine-grained',
    });

    const response = await client.json('POST', '/api/session', { token: 'github_pat_fine' });

    assert.equal(response.status, 422);
    const body = await jsonOf(response);
    assert.equal(body.code, 'token_cannot_read_notifications');
    assert.match(body.message, /GitHub answered 403/);
    const probe = app.github.requests.filter((r) => r.authorization === 'token github_pat_fine');
    assert.deepEqual(
      probe.map((r) => r.url),
      ['/user', '/notifications?per_page=1'],
    );
  });

  it("trusts a classic token's notifications scope without reading a thread", async () => {
    app.github.addAccount({ token: 'ghp_scoped', id: 33, login: 'scoped', scopes: ['repo'] });

    const response = await client.json('POST', '/api/session', { token: 'ghp_scoped' });

    assert.equal(response.status, 201);
    const calls = app.github.requests.filter((r) => r.authorization === 'token ghp_scoped');
    assert.deepEqual(
      calls.map((r) => r.url),
      ['/user'],
    );
  });

  it('signs out: the session cookie no longer opens /api/me', async () => {
    await client.json('POST', '/api/session', { token });
    assert.equal((await client.request('GET', '/api/me')).status, 200);

    const signOut = await client.request('DELETE', '/api/session');

    assert.equal(signOut.status, 204);
    assert.equal((await client.request('GET', '/api/me')).status, 401);
  });

  it('signs up many people at once without a failure', async () => {
    const tokens = Array.from({ length: 40 }, (_, index) => `ghp_crowd_${index}`);
    tokens.forEach((crowd, index) =>
      app.github.addAccount({ token: crowd, id: 600_000 + index, login: `crowd${index}` }),
    );

    const statuses = await Promise.all(
      tokens.map(
        async (crowd) =>
          (await new ApiClient(app.url).json('POST', '/api/session', { token: crowd })).status,
      ),
    );

    assert.deepEqual(statuses, Array(40).fill(201));
  });

  it('creates one user when the same person signs in many times at once', async () => {
    app.github.addAccount({ token: 'ghp_twice', id: 610_000, login: 'twice' });

    const statuses = await Promise.all(
      Array.from(
        { length: 10 },
        async () =>
          (await new ApiClient(app.url).json('POST', '/api/session', { token: 'ghp_twice' }))
            .status,
      ),
    );

    assert.deepEqual(
      statuses.filter((status) => status === 201),
      [201],
    );
    assert.equal(statuses.filter((status) => status === 200).length, 9);
  });

  it('never writes the token to a log line', async () => {
    await client.json('POST', '/api/session', { token });
    await client.json('POST', '/api/session', { token: 'ghp_revoked' });

    const logs = app.logLines.join('');
    assert.ok(logs.includes('request finished'));
    assert.equal(logs.includes(token), false);
    assert.equal(logs.includes('ghp_revoked'), false);
    assert.equal(logs.includes(app.config.sessionKeys[0] as string), false);
  });
});
