import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { addAccountWithThreads, csrfOf, pageOf, postForm } from '../support/web-forms.js';

/** A `Set-Cookie` header's attributes, lower-cased, without the name and value. */
function attributesOf(setCookie: string): Map<string, string> {
  const [, ...attributes] = setCookie.split(';').map((part) => part.trim());

  return new Map(
    attributes.map((attribute) => {
      const [name = '', value = ''] = attribute.split('=');
      return [name.toLowerCase(), value.toLowerCase()];
    }),
  );
}

describe('session cookie of the web sign-in', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ TRUST_PROXY: 'true' });
  });

  after(async () => {
    await app.stop();
  });

  /** Signs a fresh account in through the form and returns the cookies the answer sets. */
  async function signInCookies(headers: Record<string, string> = {}): Promise<string[]> {
    const account = addAccountWithThreads(app);
    const client = new ApiClient(app.url);
    const csrf = csrfOf(await pageOf(client, '/'));

    const response = await client.request('POST', '/session', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ _csrf: csrf, token: account.token }).toString(),
      redirect: 'manual',
    });

    assert.equal(response.status, 303);
    return response.headers.getSetCookie();
  }

  it('is HttpOnly and SameSite=Lax, with a signature cookie alike', async () => {
    const cookies = await signInCookies();

    assert.deepEqual(
      cookies.map((cookie) => cookie.split('=')[0]),
      ['notifications.sid', 'notifications.sid.sig'],
    );
    for (const cookie of cookies) {
      const attributes = attributesOf(cookie);
      assert.equal(attributes.get('httponly'), '', cookie);
      assert.equal(attributes.get('samesite'), 'lax', cookie);
      assert.equal(attributes.get('path'), '/', cookie);
    }
  });

  it('is Secure when the request came over HTTPS, and only then', async () => {
    const overHttps = await signInCookies({ 'x-forwarded-proto': 'https' });
    const overHttp = await signInCookies();

    assert.ok(overHttps.every((cookie) => attributesOf(cookie).has('secure')));
    assert.ok(overHttp.every((cookie) => !attributesOf(cookie).has('secure')));
  });

  it('holds no token from GitHub', async () => {
    const account = addAccountWithThreads(app);
    const client = new ApiClient(app.url);
    const csrf = csrfOf(await pageOf(client, '/'));

    const response = await postForm(client, '/session', { _csrf: csrf, token: account.token });

    const cookies = response.headers.getSetCookie().join('\n');
    const decoded = Buffer.from(client.cookie('notifications.sid') ?? '', 'base64').toString();
    assert.equal(cookies.includes(account.token), false);
    assert.equal(decoded.includes(account.token), false);
    assert.match(decoded, /"userId":\d+/);
  });
});
