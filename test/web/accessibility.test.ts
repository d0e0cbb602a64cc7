import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_SETUP_TIMEOUT_MS, launchChromium } from '../support/browser.js';
import { signInThroughForm, signInWithoutVisiting } from '../support/browser-session.js';
import { sampleThreads } from '../support/sample-threads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addAccountWithThreads } from '../support/web-forms.js';

/** The impacts that block someone from using a page, in axe's terms. */
const BLOCKING = new Set(['serious', 'critical']);

/** The WCAG 2.2 A and AA rules, plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page and lists its serious and critical findings, one line each. */
async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();

  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary}`,
      ),
    );
}

describe('accessibility of the web pages (axe)', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

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
    context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('finds nothing serious on the home page', async () => {
    await page.goto(`${app.url}/`);

    const violations = await blockingViolations(page);

    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the home page showing a sign-in error', async () => {
    await page.goto(`${app.url}/`);
    await page.getByLabel('GitHub token').fill('ghp_not_known');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const violations = await blockingViolations(page);

    assert.equal(await page.getByRole('alert').count(), 1);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the notifications page, read and unread', async () => {
    const account = addAccountWithThreads(app, sampleThreads());
    await signInThroughForm(page, app, account);
    await page.goto(`${app.url}/notifications?all=true`);

    const violations = await blockingViolations(page);

    assert.equal(await page.locator('.thread').count(), 7);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the empty notifications page', async () => {
    await signInThroughForm(page, app, addAccountWithThreads(app));

    const violations = await blockingViolations(page);

    assert.equal(await page.locator('.empty').count(), 1);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on a problem page', async () => {
    const account = addAccountWithThreads(app);
    await signInWithoutVisiting(context, app, account);
    app.github.revoke(account.token);
    await page.goto(`${app.url}/notifications`);

    const violations = await blockingViolations(page);

    assert.equal(await page.getByRole('alert').count(), 1);
    assert.deepEqual(violations, []);
  });
});
