import assert from 'node:assert/strict';
import { ApiClient, jsonOf, startTestApp, type TestApp } from '../support/test-app.js';

describe('bad input', () => {
  let app: TestApp;
  let client: ApiClient;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.stop();
  });

  beforeEach(() => {
    client = new ApiClient(app.url);
  });

  async function expectError(response: Response, status: number, code: string) {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const body = await jsonOf(response);
    assert.equal(body.code, code);
    assert.equal(typeof body.message, 'string');
    assert.equal(typeof body.requestId, 'string');
    return body;
  }

  it('answers 400 to malformed JSON', async () => {
    const response = await client.request('POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: '{"token": ',
    });

    const body = await expectError(response, 400, 'invalid_json');
    assert.equal(JSON.stringify(body).includes('Unexpected'), false);
  });

  it('answers 400 naming the field when the token is missing', async () => {
    const body = await expectError(
      await client.json('POST', '/api/session', { email: 'a@example.com' }),
      400,
      'invalid_field',
    );

    assert.equal(body.field, 'token');
  });

  it('answers 400 naming the field when a field has the wrong type', async () => {
    const token = await expectError(
      await client.json('POST', '/api/session', { token: 42 }),
      400,
      'invalid_field',
    );
    const email = await expectError(
      await client.json('POST', '/api/session', { token: 'ghp_x', email: 'not-an-email' }),
      400,
      'invalid_field',
    );

    assert.equal(token.field, 'token');
    assert.equal(email.field, 'email');
  });

  it('answers 400 naming an unknown field', async () => {
    const body = await expectError(
      await client.json('POST', '/api/session', { token: 'ghp_x', login: 'admin' }),
      400,
      'invalid_field',
    );

    assert.equal(body.field, 'login');
  });

  it('answers 400 to a JSON body that is not an object', async () => {
    await expectError(await client.json('POST', '/api/session', ['ghp_x']), 400, 'invalid_field');
    await expectError(await client.json('POST', '/api/session', 'ghp_x'), 400, 'invalid_json');
  });

  it('answers 413 to a body over 1 MB', async () => {
    const response = await client.json('POST', '/api/session', { token: 'x'.repeat(1_100_000) });

    await expectError(response, 413, 'payload_too_large');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await client.request('POST', '/api/session', {
      headers: { 'content-type': 'text/plain' },
      body: 'token=ghp_x',
    });

    await expectError(response, 415, 'unsupported_media_type');
  });

  it('answers 401 without a session', async () => {
    await expectError(await client.request('GET', '/api/me'), 401, 'unauthenticated');
    await expectError(await client.request('GET', '/api/me/notifications'), 401, 'unauthenticated');
  });

  it('answers 401 to a forged session cookie', async () => {
    const forged = Buffer.from(JSON.stringify({ userId: 1, _expire: Date.now() + 1e9 })).toString(
      'base64',
    );
    client.setCookie('notifications.sid', forged);
    client.setCookie('notifications.sid.sig', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA');

    await expectError(await client.request('GET', '/api/me'), 401, 'unauthenticated');
  });

  it('answers a browser asking for a missing page with a page, and the API with JSON', async () => {
    const page = await client.request('GET', '/no-such-page', { headers: { accept: 'text/html' } });
    const api = await client.request('GET', '/api/nothing', { headers: { accept: 'text/html' } });

    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /Page not found/);
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /application\/json/);
  });

  it('answers 404 and 405 as JSON', async () => {
    await expectError(await client.request('GET', '/nowhere'), 404, 'not_found');
    await expectError(await client.request('PUT', '/api/session'), 405, 'method_not_allowed');
  });
});
