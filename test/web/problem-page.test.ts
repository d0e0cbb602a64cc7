import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import { signInWithoutVisiting } from '../support/browser-session.js';
import { addAccountWithThreads } from '../support/web-forms.js';

describe('problem pages in a browser', () => {
  let context: BrowserContext;

  const fixture = useBrowserAndApp();

  beforeEach(async () => {
    context = await fixture.browser.newContext();
  });

  afterEach(async () => {
    await context.close();
  });

  it('explains a revoked token, signs the person out and offers a new sign-in', async () => {
    const account = addAccountWithThreads(fixture.app, [
      { repository: 'a/b', title: 't', type: 'Issue' },
    ]);
    await signInWithoutVisiting(context, fixture.app, account);
    fixture.app.github.revoke(account.token);
    const page = await context.newPage();

    const response = await page.goto(`${fixture.app.url}/notifications`);

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
    const account = addAccountWithThreads(fixture.app, [
      { repository: 'a/b', title: 't', type: 'Issue' },
    ]);
    await signInWithoutVisiting(context, fixture.app, account);
    fixture.app.github.exhaustRateLimit(account.token);
    const page = await context.newPage();

    const response = await page.goto(`${fixture.app.url}/notifications`);

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
