import assert from 'node:assert/strict';
import { BROWSER_SETUP_TIMEOUT_MS, launchChromium } from '../support/browser.js';
import { signInThroughForm } from '../support/browser-session.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import {
  addAccountWithThreads,
  csrfOf,
  pageOf,
  postForm,
  signInWithForm,
  type WebAccount,
} from '../support/web-forms.js';

/** Tokens that must not pass, given the session's real one. */
function forgeries(real: string, foreign: string): Record<string, string | undefined> {
  const flipped = (real[0] === 'A' ? 'B' : 'A') + real.slice(1);

  return {
    'no _csrf field': undefined,
    'an empty _csrf': '',
    'a _csrf with one character changed': flipped,
    'a _csrf one character short': real.slice(0, -1),
    'another session’s _csrf': foreign,
  };
}

/** The form fields of a post, with `_csrf` only when there is one. */
function fieldsWith(csrf: string | undefined, fields: Record<string, string> = {}) {
  return csrf === undefined ? fields : { ...fields, _csrf: csrf };
}

describe('anti-forgery tokens on web forms', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.stop();
  });

  /** A signed-in person with one unread thread, and the token of their forms. */
  async function signedIn(): Promise<{ account: WebAccount; client: ApiClient; csrf: string }> {
    const account = addAccountWithThreads(app, [
      { repository: 'a/b', title: 'keep', type: 'Issue' },
    ]);
    const client = await signInWithForm(app, account);
    const csrf = csrfOf(await pageOf(client, '/notifications'));
    return { account, client, csrf };
  }

  /** The token of a different, anonymous session. */
  async function foreignCsrf(): Promise<string> {
    return csrfOf(await pageOf(new ApiClient(app.url), '/'));
  }

  /** Requests GitHub received with `token` that change something. */
  function writesBy(token: string) {
    return app.github.requests.filter(
      (request) => request.authorization === `token ${token}` && request.method !== 'GET',
    );
  }

  it('gives each session its own token, the same on every form of a page', async () => {
    const { client, csrf } = await signedIn();

    const page = await pageOf(client, '/notifications');

    const tokens = [...page.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(tokens.length >= 3, `${tokens.length} forms`);
    assert.deepEqual(new Set(tokens), new Set([csrf]));
    assert.notEqual(csrf, await foreignCsrf());
    assert.ok(csrf.length >= 32);
  });

  it('refuses a sign-in without the right token, and signs nobody in', async () => {
    const account = addAccountWithThreads(app);
    const client = new ApiClient(app.url);
    const real = csrfOf(await pageOf(client, '/'));

    for (const [name, csrf] of Object.entries(forgeries(real, await foreignCsrf()))) {
      const response = await postForm(
        client,
        '/session',
        fieldsWith(csrf, { token: account.token }),
      );

      assert.equal(response.status, 403, name);
      assert.match(await response.text(), /The form has expired/, name);
    }

    const calls = app.github.requests.filter((r) => r.authorization === `token ${account.token}`);
    assert.deepEqual(calls, []);
    assert.equal(
      (await client.request('GET', '/notifications', { redirect: 'manual' })).status,
      302,
    );
  });

  it('refuses a sign-in from a client that has no session at all', async () => {
    const account = addAccountWithThreads(app);

    const response = await postForm(new ApiClient(app.url), '/session', {
      _csrf: await foreignCsrf(),
      token: account.token,
    });

    assert.equal(response.status, 403);
    assert.equal(response.headers.getSetCookie().length, 0);
  });

  it('refuses a sign-out without the right token, and keeps the person signed in', async () => {
    const { client, csrf } = await signedIn();

    for (const [name, forged] of Object.entries(forgeries(csrf, await foreignCsrf()))) {
      const response = await postForm(client, '/signout', fieldsWith(forged));

      assert.equal(response.status, 403, name);
    }

    await pageOf(client, '/notifications', 200);
  });

  it('refuses to mark a thread read without the right token, and leaves it unread', async () => {
    const { account, client, csrf } = await signedIn();
    const path = `/notifications/threads/${account.threadIds[0]}/read`;

    for (const [name, forged] of Object.entries(forgeries(csrf, await foreignCsrf()))) {
      const response = await postForm(client, path, fieldsWith(forged));

      assert.equal(response.status, 403, name);
    }

    assert.deepEqual(writesBy(account.token), []);
    assert.match(await pageOf(client, '/notifications'), /keep/);
  });

  it('refuses to mark everything read without the right token, and leaves it unread', async () => {
    const { account, client, csrf } = await signedIn();

    for (const [name, forged] of Object.entries(forgeries(csrf, await foreignCsrf()))) {
      const response = await postForm(client, '/notifications/read-all', fieldsWith(forged));

      assert.equal(response.status, 403, name);
    }

    assert.deepEqual(writesBy(account.token), []);
    assert.match(await pageOf(client, '/notifications'), /keep/);
  });

  it('accepts the same posts with the right token', async () => {
    const { account, client, csrf } = await signedIn();

    const read = await postForm(client, `/notifications/threads/${account.threadIds[0]}/read`, {
      _csrf: csrf,
    });
    const readAll = await postForm(client, '/notifications/read-all', { _csrf: csrf });
    const signOut = await postForm(client, '/signout', { _csrf: csrf });

    assert.deepEqual([read.status, readAll.status, signOut.status], [303, 303, 303]);
    assert.deepEqual(
      writesBy(account.token).map((request) => request.method),
      ['PATCH', 'PUT'],
    );
  });

  describe('in a browser', () => {
    it('refuses a form whose token was tampered with, showing why', async function () {
      this.timeout(BROWSER_SETUP_TIMEOUT_MS);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const account = addAccountWithThreads(app, [
          { repository: 'a/b', title: 'keep', type: 'Issue' },
        ]);
        await signInThroughForm(page, app, account);
        const form = page.locator('form[action="/notifications/read-all"]');
        await form
          .locator('input[name="_csrf"]')
          .evaluate((input) => input.setAttribute('value', 'forged'));

        const [response] = await Promise.all([
          page.waitForResponse(`${app.url}/notifications/read-all`),
          form.getByRole('button').click(),
        ]);

        assert.equal(response.status(), 403);
        assert.match(await page.getByRole('alert').innerText(), /The form has expired/);
        assert.deepEqual(writesBy(account.token), []);
      } finally {
        await browser.close();
      }
    });
  });
});
