import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserAndApp } from '../support/browser-app.js';
import type { PageGlobals } from '../support/page-globals.js';
import { signInThroughForm } from '../support/browser-session.js';
import { addAccountWithThreads } from '../support/web-forms.js';

/** Markup that marks the body if its script, or its event handler, runs. */
const INJECTED = `<script>document.body.dataset.script = 'ran'</script>
  <img src="/static/none.png" alt="" onerror="document.body.dataset.handler = 'ran'">`;

describe('Content-Security-Policy in a browser', () => {
  let context: BrowserContext;
  let page: Page;
  let violations: string[];

  const fixture = useBrowserAndApp();

  beforeEach(async () => {
    context = await fixture.browser.newContext();
    page = await context.newPage();
    violations = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
  });

  afterEach(async () => {
    await context.close();
  });

  /** Waits until the console has reported `count` violations, or two seconds have passed. */
  async function reported(count: number) {
    const deadline = Date.now() + 2000;
    while (violations.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** What the injected markup managed to run. */
  async function whatRan() {
    return page.evaluate(() => ({
      ...(globalThis as unknown as PageGlobals).document.body.dataset,
    }));
  }

  /**
   * Serves the home page with {@link INJECTED} added to its HTML, as if an attacker had slipped
   * it in, keeping the app's headers unless `keepPolicy` is false.
   */
  async function injectIntoHome(keepPolicy: boolean) {
    await page.route(`${fixture.app.url}/`, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      if (!keepPolicy) delete headers['content-security-policy'];
      const body = (await response.text()).replace('</main>', `${INJECTED}</main>`);
      await route.fulfill({ response, headers, body });
    });
  }

  it('loads every page without tripping the policy', async () => {
    const account = addAccountWithThreads(fixture.app, [
      { repository: 'a/b', title: 't', type: 'Issue' },
    ]);

    await signInThroughForm(page, fixture.app, account);
    await page.goto(`${fixture.app.url}/notifications?all=true`);

    assert.deepEqual(violations, []);
    assert.notEqual(
      await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
        return getComputedStyle(document.body).backgroundColor;
      }),
      'rgba(0, 0, 0, 0)',
      'the stylesheet did not load',
    );
  });

  it('blocks an inline script and an inline event handler slipped into a page', async () => {
    await injectIntoHome(true);

    await page.goto(`${fixture.app.url}/`);
    await reported(2);

    assert.deepEqual(await whatRan(), {});
    assert.equal(violations.length, 2, violations.join('\n'));
    assert.match(violations.join('\n'), /inline script/);
    assert.match(violations.join('\n'), /inline event handler/);
  });

  it('would run that script without the policy, so the check above can see a script run', async () => {
    await injectIntoHome(false);

    await page.goto(`${fixture.app.url}/`);
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.body.dataset.handler === 'ran',
    );

    assert.deepEqual(await whatRan(), { script: 'ran', handler: 'ran' });
  });

  it('shows a thread titled with markup as text, creating no element', async () => {
    const title = `<script>document.title = 'pwned'</script><img src=x onerror="alert(1)">`;
    const account = addAccountWithThreads(fixture.app, [
      { repository: 'a/b', title, type: 'Issue' },
    ]);

    await signInThroughForm(page, fixture.app, account);

    assert.equal(await page.locator('.thread .title').innerText(), title);
    assert.equal(await page.locator('main script, main img').count(), 0);
    assert.deepEqual(violations, []);
  });

  it('sends the policy with the page that the browser enforces', async () => {
    const response = await page.goto(`${fixture.app.url}/`);

    const policy = (await response?.headerValue('content-security-policy')) ?? '';

    assert.match(policy, /default-src 'none'/);
    assert.doesNotMatch(policy, /script-src|unsafe-inline|unsafe-eval/);
  });
});
