import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import { signInThroughForm } from '../support/browser-session.js';
import { sampleThreads } from '../support/sample-threads.js';
import { addAccountWithThreads } from '../support/web-forms.js';

/** Where the pictures for the documentation live. */
const IMAGES = new URL('../../doc/images/', import.meta.url);

/** The first eight bytes of every PNG file. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Saves a picture for the documentation, but only when `UPDATE_SCREENSHOTS=1` asks for it: the
 * pixels change with fonts and relative times, and an ordinary run must not dirty the tree.
 */
function save(name: string, png: Buffer): void {
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;

  mkdirSync(IMAGES, { recursive: true });
  writeFileSync(new URL(name, IMAGES), png);
}

describe('documentation screenshots', () => {
  let context: BrowserContext;

  const fixture = useBrowserAndApp();

  beforeEach(async () => {
    context = await fixture.browser.newContext({ viewport: { width: 1200, height: 800 } });
  });

  afterEach(async () => {
    await context.close();
  });

  it('renders the home page', async () => {
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);

    const png = await page.screenshot();

    save('home.png', png);
  });

  it('renders the notifications page with read and unread threads', async () => {
    const account = addAccountWithThreads(fixture.app, sampleThreads(), 'mona');
    const page = await context.newPage();
    await signInThroughForm(page, fixture.app, account);
    await page.getByRole('link', { name: 'All', exact: true }).click();

    const png = await page.screenshot({ fullPage: true });

    assert.equal(await page.locator('.thread').count(), 7);
    save('notifications.png', png);
  });
});
