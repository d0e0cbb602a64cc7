import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import type { PageGlobals } from '../support/page-globals.js';
import { signInThroughForm, signInWithoutVisiting } from '../support/browser-session.js';
import { sampleThreads } from '../support/sample-threads.js';
import { addAccountWithThreads } from '../support/web-forms.js';

/** A small phone (iPhone SE and mini class) and an ordinary laptop. */
const VIEWPORTS = [
  { name: 'a 375 px phone', width: 375, height: 667 },
  { name: 'a 1280 px desktop', width: 1280, height: 800 },
];

/** WCAG 2.2's minimum target size (2.5.8), in CSS pixels. */
const MIN_TARGET = 24;

/** Threads with the long names that break narrow layouts. */
const AWKWARD_THREADS = [
  ...sampleThreads(),
  {
    repository: 'an-organisation-with-a-long-name/a-repository-with-an-even-longer-name',
    title: `Unbroken: ${'x'.repeat(120)}`,
    type: 'RepositoryVulnerabilityAlert',
    reason: 'security_alert',
  },
];

/**
 * What makes a page hard to use on this viewport: scrolling sideways, a link or control cut off
 * at the edge, or a control smaller than the minimum target. Links inside text are exempt from
 * the size rule, as WCAG exempts them when they are spaced apart.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((minTarget) => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    const problems: string[] = [];
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    if (scrollWidth > innerWidth) problems.push(`scrolls sideways: ${scrollWidth} > ${innerWidth}`);

    for (const control of document.querySelectorAll('a, button, input:not([type="hidden"])')) {
      const box = control.getBoundingClientRect();
      const name = `${control.tagName} "${(control.textContent ?? '').trim().slice(0, 30)}"`;
      const isTextLink = control.tagName === 'A' && !/\b(tab|button)\b/.test(control.className);
      if (box.left < 0 || box.right > innerWidth) problems.push(`${name} sticks out`);
      if (!isTextLink && box.height < minTarget) problems.push(`${name} is ${box.height} px high`);
    }
    return problems;
  }, MIN_TARGET);
}

describe('page layout at phone and desktop widths', () => {
  const fixture = useBrowserAndApp();

  for (const viewport of VIEWPORTS) {
    describe(`on ${viewport.name}`, () => {
      let context: BrowserContext;
      let page: Page;

      beforeEach(async () => {
        context = await fixture.browser.newContext({ viewport });
        page = await context.newPage();
      });

      afterEach(async () => {
        await context.close();
      });

      it('fits the home page, with an error shown, to the window', async () => {
        await page.goto(`${fixture.app.url}/`);
        await page.getByLabel('GitHub token').fill('ghp_not_known');

        await page.getByRole('button', { name: 'Sign in' }).click();

        assert.equal(await page.getByRole('alert').count(), 1);
        assert.deepEqual(await layoutProblems(page), []);
      });

      it('fits the notifications page with long names to the window', async () => {
        const account = addAccountWithThreads(fixture.app, AWKWARD_THREADS);

        await signInThroughForm(page, fixture.app, account);
        await page.goto(`${fixture.app.url}/notifications?all=true&participating=false`);

        assert.equal(await page.locator('.thread').count(), AWKWARD_THREADS.length);
        assert.deepEqual(await layoutProblems(page), []);
      });

      it('keeps each thread’s button beside or below its title, never over it', async () => {
        const account = addAccountWithThreads(fixture.app, AWKWARD_THREADS);

        await signInThroughForm(page, fixture.app, account);

        for (const thread of await page.locator('.thread').all()) {
          const title = await thread.locator('.title').boundingBox();
          const button = await thread.getByRole('button').boundingBox();
          assert.ok(title && button);
          const beside = button.x >= title.x + title.width;
          const below = button.y >= title.y + title.height;
          assert.ok(beside || below, JSON.stringify({ title, button }));
        }
      });

      it('fits the empty state and a problem page to the window', async () => {
        const empty = addAccountWithThreads(fixture.app);
        const limited = addAccountWithThreads(fixture.app);
        await signInThroughForm(page, fixture.app, empty);
        const emptyProblems = await layoutProblems(page);
        await context.clearCookies();
        await signInWithoutVisiting(context, fixture.app, limited);
        fixture.app.github.exhaustRateLimit(limited.token);

        await page.goto(`${fixture.app.url}/notifications`);

        assert.deepEqual(emptyProblems, []);
        assert.equal(await page.getByRole('alert').count(), 1);
        assert.deepEqual(await layoutProblems(page), []);
      });
    });
  }
});
