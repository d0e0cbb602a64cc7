import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

describe('sign-in rate limit', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ SIGN_IN_RATE_LIMIT: '3' });
  });

  after(async () => {
    await app.stop();
  });

  it('answers 429 with Retry-After once an address used up its attempts', async () => {
    const client = new ApiClient(app.url);
    const statuses: number[] = [];

    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await client.json('POST', '/api/session', { token: 'ghp_guess' })).status);
    }
    const limited = await client.json('POST', '/api/session', { token: 'ghp_guess' });

    assert.deepEqual(statuses, [401, 401, 401, 429]);
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { code: string }).code, 'too_many_sign_ins');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('does not limit other routes', async () => {
    const response = await fetch(`${app.url}/healthz`);

    assert.equal(response.status, 200);
  });
});
