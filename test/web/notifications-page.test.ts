import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import { signInThroughForm } from '../support/browser-session.js';
import { addAccountWithThreads } from '../support/web-forms.js';

const MINUTE = 60_000;

describe('notifications page in a browser', () => {
  let context: BrowserContext;
  let page: Page;

  const fixture = useBrowserAndApp();

  beforeEach(async () => {
    // The pages promise to work without JavaScript, so the browser runs without it.
    context = await fixture.browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  /** The titles of the threads on the page, in order. */
  async function titles(): Promise<string[]> {
    return page.locator('.thread .title').allInnerTexts();
  }

  /** Signs a fresh account with a few threads in through the form. */
  async function signedIn() {
    const account = addAccountWithThreads(fixture.app, [
      {
        repository: 'acme/storefront',
        title: 'Checkout fails with a gift card',
        type: 'Issue',
        reason: 'mention',
        subjectPath: 'issues/12',
        updatedAt: new Date(Date.now() - 3 * MINUTE),
      },
      {
        repository: 'acme/design-system',
        title: 'Darker focus ring',
        type: 'PullRequest',
        reason: 'review_requested',
        subjectPath: 'pulls/7',
        updatedAt: new Date(Date.now() - 90 * MINUTE),
      },
      {
        repository: 'acme/storefront',
        title: 'Bump sharp',
        type: 'PullRequest',
        reason: 'subscribed',
        subjectPath: 'pulls/13',
        updatedAt: new Date(Date.now() - 3 * 24 * 60 * MINUTE),
      },
      {
        repository: 'acme/storefront',
        title: 'Release notes for v2',
        type: 'Release',
        unread: false,
        updatedAt: new Date(Date.now() - 5 * MINUTE),
      },
    ]);
    await signInThroughForm(page, fixture.app, account);
    return account;
  }

  it('signs in with a token typed into the form and shows whose notifications they are', async () => {
    const account = addAccountWithThreads(fixture.app, []);

    await signInThroughForm(page, fixture.app, account);

    assert.equal(page.url(), `${fixture.app.url}/notifications`);
    const header = await page.getByRole('navigation', { name: 'Account' }).innerText();
    assert.match(header, new RegExp(`Signed in as ${account.login}`));
  });

  it('groups unread threads by repository, newest first', async () => {
    await signedIn();

    const groups = page.locator('section.repository');

    assert.deepEqual(await groups.locator('h2').allInnerTexts(), [
      'acme/storefront',
      'acme/design-system',
    ]);
    assert.deepEqual(await groups.nth(0).locator('.title').allInnerTexts(), [
      'Checkout fails with a gift card',
      'Bump sharp',
    ]);
    assert.deepEqual(await groups.nth(1).locator('.title').allInnerTexts(), ['Darker focus ring']);
  });

  it('shows each thread’s type, reason, age, unread marker and link to GitHub', async () => {
    await signedIn();

    const thread = page.locator('.thread', { hasText: 'Checkout fails with a gift card' });

    assert.equal(await thread.locator('.type').innerText(), 'Issue');
    assert.equal(await thread.locator('.reason').innerText(), 'mentioned');
    assert.equal(await thread.locator('time').innerText(), '3 minutes ago');
    assert.match((await thread.locator('time').getAttribute('datetime')) ?? '', /^\d{4}-.*Z$/);
    assert.equal(await thread.getAttribute('class'), 'thread unread');
    assert.equal(await thread.locator('.marker').isVisible(), true);
    assert.equal(await thread.getByText('(unread)').count(), 1);
    const link = thread.getByRole('link', { name: 'Checkout fails with a gift card' });
    assert.equal(await link.getAttribute('href'), 'https://github.com/acme/storefront/issues/12');
  });

  it('marks one thread read: it leaves the unread list', async () => {
    await signedIn();

    await page
      .locator('.thread', { hasText: 'Bump sharp' })
      .getByRole('button', { name: /Mark read/ })
      .click();

    await page.waitForURL(`${fixture.app.url}/notifications`);
    assert.deepEqual(await titles(), ['Checkout fails with a gift card', 'Darker focus ring']);
    assert.match(await page.locator('h1').innerText(), /2 unread/);
  });

  it('switches to all threads, where read ones show without a marker or button', async () => {
    await signedIn();

    await page.getByRole('link', { name: 'All', exact: true }).click();

    assert.equal(page.url(), `${fixture.app.url}/notifications?all=true`);
    assert.equal(await page.locator('.thread').count(), 4);
    const read = page.locator('.thread', { hasText: 'Release notes for v2' });
    assert.equal(await read.getAttribute('class'), 'thread');
    assert.equal(await read.getByRole('button').count(), 0);
    const current = page.locator('.filters [aria-current="page"]');
    assert.equal(await current.innerText(), 'All');
  });

  it('switches to threads the person participates in', async () => {
    await signedIn();

    await page.getByRole('link', { name: 'Participating' }).click();

    assert.equal(page.url(), `${fixture.app.url}/notifications?participating=true`);
    assert.deepEqual(await titles(), ['Checkout fails with a gift card', 'Darker focus ring']);
    assert.equal(await page.locator('.filters .tab').last().innerText(), 'Participating ✓');
  });

  it('turns the participating filter off again with the same link', async () => {
    await signedIn();
    await page.getByRole('link', { name: 'Participating' }).click();

    await page.getByRole('link', { name: 'Participating' }).click();

    assert.equal(page.url(), `${fixture.app.url}/notifications`);
    assert.equal(await page.locator('.thread').count(), 3);
  });

  it('returns to the filter it came from after marking a thread read', async () => {
    await signedIn();
    await page.getByRole('link', { name: 'All', exact: true }).click();

    await page
      .locator('.thread', { hasText: 'Darker focus ring' })
      .getByRole('button', { name: /Mark read/ })
      .click();

    await page.waitForURL(`${fixture.app.url}/notifications?all=true`);
    const thread = page.locator('.thread', { hasText: 'Darker focus ring' });
    assert.equal(await thread.getAttribute('class'), 'thread');
  });

  it('marks all threads read and then says there is nothing unread', async () => {
    await signedIn();

    await page.getByRole('button', { name: 'Mark all as read' }).click();

    await page.waitForURL(`${fixture.app.url}/notifications`);
    assert.equal(await page.locator('.thread').count(), 0);
    assert.equal(await page.locator('.empty').innerText(), 'All caught up: nothing unread.');
    assert.equal(await page.getByRole('button', { name: 'Mark all as read' }).count(), 0);
  });

  it('signs out back to the home page, after which the list is closed', async () => {
    await signedIn();

    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.waitForURL(`${fixture.app.url}/`);
    assert.equal(await page.getByRole('heading', { name: 'Sign in' }).count(), 1);
    await page.goto(`${fixture.app.url}/notifications`);
    assert.equal(page.url(), `${fixture.app.url}/`);
  });
});
