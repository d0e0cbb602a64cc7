import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { addAccountWithThreads, signInWithForm } from '../support/web-forms.js';

/**
 * The policy, directive by directive: nothing loads unless named, so scripts (which fall back to
 * `default-src`) never run; styles come only from our stylesheet; forms post only to us; no site
 * may frame a page; and no `<base>` can redirect relative links.
 */
const EXPECTED_POLICY = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

/** A Content-Security-Policy header as directive name → sources. */
function directivesOf(header: string | null): Record<string, string[]> {
  assert.ok(header, 'no Content-Security-Policy header');
  const entries = header
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map(([name, ...sources]) => [name as string, sources]);

  assert.equal(new Set(entries.map(([name]) => name)).size, entries.length, 'repeated directive');
  return Object.fromEntries(entries);
}

describe('security headers on web pages', () => {
  let app: TestApp;
  let signedIn: ApiClient;

  before(async () => {
    app = await startTestApp();
    const account = addAccountWithThreads(app, [{ repository: 'a/b', title: 't', type: 'Issue' }]);
    signedIn = await signInWithForm(app, account);
  });

  after(async () => {
    await app.stop();
  });

  /** Every kind of answer a browser can get from the web routes. */
  async function everyPage(): Promise<Record<string, Response>> {
    const anonymous = new ApiClient(app.url);
    const revoked = addAccountWithThreads(app);
    const revokedClient = await signInWithForm(app, revoked);
    app.github.revoke(revoked.token);
    const get = (client: ApiClient, path: string) =>
      client.request('GET', path, { redirect: 'manual' });

    return {
      'home page': await get(anonymous, '/'),
      'redirect of an anonymous visitor': await get(anonymous, '/notifications'),
      'notifications page': await get(signedIn, '/notifications'),
      'notifications page, all': await get(signedIn, '/notifications?all=true'),
      'home page when signed in (a redirect)': await get(signedIn, '/'),
      'revoked-token page': await get(revokedClient, '/notifications'),
      'refused form post': await anonymous.request('POST', '/signout', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
      stylesheet: await get(anonymous, '/static/app.css'),
      'unknown path': await get(anonymous, '/no-such-page'),
    };
  }

  it('sends the exact Content-Security-Policy on every page', async () => {
    const pages = await everyPage();

    for (const [name, response] of Object.entries(pages)) {
      const policy = directivesOf(response.headers.get('content-security-policy'));

      assert.deepEqual(policy, EXPECTED_POLICY, name);
    }
    assert.equal(pages['revoked-token page']?.status, 401);
  });

  it('forbids MIME sniffing and framing on every page', async () => {
    const pages = await everyPage();

    for (const [name, response] of Object.entries(pages)) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', name);
    }
  });

  it('sends no HSTS over plain HTTP', async () => {
    const pages = await everyPage();

    for (const [name, response] of Object.entries(pages)) {
      assert.equal(response.headers.get('strict-transport-security'), null, name);
    }
  });

  it('sends no HSTS for a claimed HTTPS when it does not trust a proxy', async () => {
    const response = await fetch(`${app.url}/`, { headers: { 'x-forwarded-proto': 'https' } });

    assert.equal(app.config.trustProxy, false);
    assert.equal(response.headers.get('strict-transport-security'), null);
  });

  describe('behind a trusted proxy', () => {
    let proxied: TestApp;

    before(async () => {
      proxied = await startTestApp({ TRUST_PROXY: 'true' });
    });

    after(async () => {
      await proxied.stop();
    });

    it('sends HSTS for a year when the proxy says the request came over HTTPS', async () => {
      const response = await fetch(`${proxied.url}/`, {
        headers: { 'x-forwarded-proto': 'https' },
      });

      assert.equal(
        response.headers.get('strict-transport-security'),
        'max-age=31536000; includeSubDomains',
      );
    });

    it('sends no HSTS when the proxy says the request came over HTTP', async () => {
      const plain = await fetch(`${proxied.url}/`);
      const http = await fetch(`${proxied.url}/`, { headers: { 'x-forwarded-proto': 'http' } });

      assert.equal(plain.headers.get('strict-transport-security'), null);
      assert.equal(http.headers.get('strict-transport-security'), null);
    });
  });
});
