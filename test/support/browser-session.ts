import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestApp } from './test-app.js';
import { csrfOf, type WebAccount } from './web-forms.js';

/** Signs in the way a person does: types the token into the home page's form and submits it. */
export async function signInThroughForm(page: Page, app: TestApp, account: WebAccount) {
  await page.goto(`${app.url}/`);
  await page.getByLabel('GitHub token').fill(account.token);

  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.waitForURL(`${app.url}/notifications`);
}

/**
 * Signs in by posting the form from the context without opening the notifications page, so a
 * test can change what GitHub answers before the first list is fetched (and cached).
 */
export async function signInWithoutVisiting(
  context: BrowserContext,
  app: TestApp,
  account: WebAccount,
) {
  const home = await context.request.get(`${app.url}/`);
  const csrf = csrfOf(await home.text());

  const response = await context.request.post(`${app.url}/session`, {
    form: { _csrf: csrf, token: account.token },
    maxRedirects: 0,
  });

  assert.equal(response.status(), 303);
}
