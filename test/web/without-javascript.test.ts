import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { addAccountWithThreads, pageOf, signInWithForm } from '../support/web-forms.js';

describe('web pages without JavaScript', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.stop();
  });

  it('serves the notifications in the HTML itself', async () => {
    const account = addAccountWithThreads(app, [
      {
        repository: 'acme/storefront',
        title: 'Checkout fails with a gift card',
        type: 'Issue',
        reason: 'mention',
        subjectPath: 'issues/12',
      },
      { repository: 'acme/design-system', title: 'Darker focus ring', type: 'PullRequest' },
    ]);
    const client = await signInWithForm(app, account);

    const page = await pageOf(client, '/notifications');

    assert.match(page, /<h2><a href="https:\/\/github\.com\/acme\/storefront">acme\/storefront</);
    assert.match(page, /<h2><a [^>]*>acme\/design-system</);
    assert.match(page, /href="https:\/\/github\.com\/acme\/storefront\/issues\/12"/);
    assert.match(page, />\s*Checkout fails with a gift card</);
    assert.match(page, />\s*Darker focus ring</);
    assert.match(page, /<span class="reason">mentioned<\/span>/);
    assert.match(page, /<time datetime="[^"]+Z">just now<\/time>/);
  });

  it('does every action with a plain form post', async () => {
    const account = addAccountWithThreads(app, [{ repository: 'a/b', title: 't', type: 'Issue' }]);
    const client = await signInWithForm(app, account);

    const page = await pageOf(client, '/notifications');

    const forms = [...page.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(forms.sort(), [
      '/notifications/read-all',
      `/notifications/threads/${account.threadIds[0]}/read`,
      '/signout',
    ]);
  });

  it('ships no script on any page', async () => {
    const anonymous = new ApiClient(app.url);
    const account = addAccountWithThreads(app, [{ repository: 'a/b', title: 't', type: 'Issue' }]);
    const client = await signInWithForm(app, account);

    const pages = [
      await pageOf(anonymous, '/'),
      await pageOf(client, '/notifications'),
      await pageOf(client, '/notifications?all=true&participating=true'),
    ];
    app.github.revoke(account.token);
    pages.push(await pageOf(client, '/notifications?all=true', 401));

    for (const page of pages) {
      assert.doesNotMatch(page, /<script|\son[a-z]+=|javascript:/i);
    }
  });
});
