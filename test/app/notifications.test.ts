import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

describe('notifications API', () => {
  let app: TestApp;
  let client: ApiClient;
  const token = 'ghp_FakeToken0000000000000000000000000002';

  before(async () => {
    app = await startTestApp();
    app.github.addAccount({ token, id: 9919, login: 'hubot' });
    app.github.addThread(token, {
      id: '101',
      repository: 'octo-org/octo-repo',
      title: 'Ship it 🚀 — 𝌆 naïve',
      type: 'PullRequest',
      reason: 'review_requested',
      subjectPath: 'pulls/42',
      updatedAt: new Date('2026-11-30T10:00:00Z'),
    });
    app.github.addThread(token, {
      id: '102',
      repository: 'octo-org/octo-repo',
      title: 'Release v1.0',
      type: 'Release',
      subjectPath: 'releases/9001',
      updatedAt: new Date('2026-11-29T10:00:00Z'),
    });
  });

  after(async () => {
    await app.stop();
  });

  beforeEach(async () => {
    client = new ApiClient(app.url);
    await client.json('POST', '/api/session', { token });
  });

  it('lists the signed-in user’s notifications with the fields a person needs', async () => {
    const response = await client.request('GET', '/api/me/notifications');

    assert.equal(response.status, 200);
    const { notifications } = await response.json();
    assert.deepEqual(notifications[0], {
      id: '101',
      repository: 'octo-org/octo-repo',
      title: 'Ship it 🚀 — 𝌆 naïve',
      type: 'PullRequest',
      reason: 'review_requested',
      unread: true,
      updatedAt: '2026-11-30T10:00:00Z',
      url: 'https://github.com/octo-org/octo-repo/pull/42',
    });
  });

  it('links a release to its repository, whose page GitHub cannot derive from the API id', async () => {
    const { notifications } = await (await client.request('GET', '/api/me/notifications')).json();

    assert.equal(notifications[1].url, 'https://github.com/octo-org/octo-repo');
  });

  it('calls GitHub with the stored token, decrypted', async () => {
    app.github.requests.length = 0;

    await client.request('GET', '/api/me/notifications');

    const call = app.github.requests.find((request) => request.url.startsWith('/notifications'));
    assert.equal(call?.authorization, `token ${token}`);
  });

  it('answers 401 with a code that says so when GitHub now refuses the token', async () => {
    const other = 'ghp_FakeToken0000000000000000000000000003';
    app.github.addAccount({ token: other, id: 77, login: 'mona' });
    const mona = new ApiClient(app.url);
    await mona.json('POST', '/api/session', { token: other });
    app.github.revoke(other);

    const response = await mona.request('GET', '/api/me/notifications');

    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 'github_token_rejected');
  });

  it('answers 502 within the timeout when GitHub hangs', async () => {
    app.github.injectFault({ delayMs: 5000 });
    const started = Date.now();

    const response = await client.request('GET', '/api/me/notifications');

    assert.equal(response.status, 502);
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  });
});
