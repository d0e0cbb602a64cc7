import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import { signInThroughForm, signInWithoutVisiting } from '../support/browser-session.js';
import { sampleThreads } from '../support/sample-threads.js';
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
  let context: BrowserContext;
  let page: Page;

  const fixture = useBrowserAndApp();

  beforeEach(async () => {
    context = await fixture.browser.newContext({ viewport: { width: 1200, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('finds nothing serious on the home page', async () => {
    await page.goto(`${fixture.app.url}/`);

    const violations = await blockingViolations(page);

    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the home page showing a sign-in error', async () => {
    await page.goto(`${fixture.app.url}/`);
    await page.getByLabel('GitHub token').fill('ghp_not_known');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const violations = await blockingViolations(page);

    assert.equal(await page.getByRole('alert').count(), 1);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the notifications page, read and unread', async () => {
    const account = addAccountWithThreads(fixture.app, sampleThreads());
    await signInThroughForm(page, fixture.app, account);
    await page.goto(`${fixture.app.url}/notifications?all=true`);

    const violations = await blockingViolations(page);

    assert.equal(await page.locator('.thread').count(), 7);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on the empty notifications page', async () => {
    await signInThroughForm(page, fixture.app, addAccountWithThreads(fixture.app));

    const violations = await blockingViolations(page);

    assert.equal(await page.locator('.empty').count(), 1);
    assert.deepEqual(violations, []);
  });

  it('finds nothing serious on a problem page', async () => {
    const account = addAccountWithThreads(fixture.app);
    await signInWithoutVisiting(context, fixture.app, account);
    fixture.app.github.revoke(account.token);
    await page.goto(`${fixture.app.url}/notifications`);

    const violations = await blockingViolations(page);

    assert.equal(await page.getByRole('alert').count(), 1);
    assert.deepEqual(violations, []);
  });
});
