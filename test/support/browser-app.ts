import type { Browser } from 'playwright-core';
import { BROWSER_SETUP_TIMEOUT_MS, launchChromium } from './browser.js';
import { startTestApp, type TestApp } from './test-app.js';

/** A browser and a running app, shared by the tests of one `describe` block. */
export interface BrowserAndApp {
  readonly app: TestApp;
  readonly browser: Browser;
}

/**
 * Registers hooks that launch Chromium and start a test app before the block's tests and close
 * both after them. Read the fields inside tests and hooks, once the block has started.
 */
export function useBrowserAndApp(): BrowserAndApp {
  const fixture = {} as { app: TestApp; browser: Browser };

  before(async function () {
    this.timeout(BROWSER_SETUP_TIMEOUT_MS);
    fixture.browser = await launchChromium();
    fixture.app = await startTestApp();
  });

  after(async () => {
    await fixture.browser?.close();
    await fixture.app?.stop();
  });

  return fixture;
}
