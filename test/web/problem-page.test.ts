import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { BROWSER_SETUP_TIMEOUT_MS, launchChromium } from '../support/browser.js';
import { signInWithoutVisiting } from '../support/browser-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addAccountWithThreads } from '../support/web-forms.js';

describe('problem pages in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  before(async function () {
    this.timeout(BROWSER_SETUP_TIMEOUT_MS);
    browser = await launchChromium();
    app = await startTestApp();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context.close();
  });

  it('explains a revoked token, signs the person out and offers a new sign-in', async () => {
    const account = addAccountWithThreads(app, [{ repository: 'a/b', title: 't', type: 'Issue' }]);
    await signInWithoutVisiting(context, app, account);
    app.github.revoke(account.token);
    const page = await context.newPage();

    const response = await page.goto(`${app.url}/notifications`);

    assert.equal(response?.status(), 401);
    const alert = page.getByRole('alert');
    assert.equal(await alert.getByRole('heading').innerText(), 'Your token no longer works');
    assert.match(await alert.innerText(), /sign in again/i);
    const next = alert.getByRole('link', { name: 'Sign in with a new token' });
    assert.equal(await next.getAttribute('href'), '/');
    await next.click();
    assert.equal(await page.getByRole('heading', { name: 'Sign in' }).count(), 1);
  });

  it('explains a used-up rate limit and says when to try again', async () => {
    const account = addAccountWithThreads(app, [{ repository: 'a/b', title: 't', type: 'Issue' }]);
    await signInWithoutVisiting(context, app, account);
    app.github.exhaustRateLimit(account.token);
    const page = await context.newPage();

    const response = await page.goto(`${app.url}/notifications`);

    assert.equal(response?.status(), 503);
    const retryAfter = Number(await response?.headerValue('retry-after'));
    assert.ok(retryAfter > 3000 && retryAfter <= 3601, `Retry-After ${retryAfter}`);
    const alert = page.getByRole('alert');
    assert.equal(await alert.getByRole('heading').innerText(), 'GitHub asks us to slow down');
    assert.match(
      await alert.innerText(),
      new RegExp(`rate limit .* used up\\. Try again in ${Math.ceil(retryAfter / 60)} minute`),
    );
    const again = alert.getByRole('link', { name: 'Try again' });
    assert.equal(await again.getAttribute('href'), '/notifications');
  });
});
