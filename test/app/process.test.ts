import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startAppProcess, waitForReady } from '../support/app-process.js';
import { FakeGitHub } from '../support/fake-github.js';
import { freePort } from '../support/mysql-server.js';
import { ApiClient, testSecrets } from '../support/test-app.js';
import { testDatabase } from '../support/test-database.js';

describe('the app process', () => {
  it('exits 2 with one message naming each bad variable', async () => {
    const { child, output } = startAppProcess({
      DATABASE_URL: 'postgres://x',
      SESSION_KEYS: 'short',
    });

    const [code] = await once(child, 'exit');

    assert.equal(code, 2);
    assert.match(output(), /DATABASE_URL/);
    assert.match(output(), /TOKEN_ENCRYPTION_KEY/);
    assert.match(output(), /SESSION_KEYS/);
    assert.doesNotMatch(output(), /at .*\.ts:\d+/);
  });

  it('on SIGTERM turns unready, finishes in-flight requests, and exits 0', async () => {
    const database = await testDatabase();
    const github = await new FakeGitHub().start();
    const token = 'ghp_FakeToken0000000000000000000000000009';
    github.addAccount({ token, id: 4242, login: 'sigterm' });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, output } = startAppProcess({
      PORT: String(port),
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url,
      ...testSecrets(),
    });

    try {
      await waitForReady(url, child);
      const client = new ApiClient(url);
      assert.equal((await client.json('POST', '/api/session', { token })).status, 201);
      github.injectFault({ delayMs: 1500 });
      const inFlight = client.request('GET', '/api/me/notifications');
      await new Promise((resolve) => setTimeout(resolve, 300));

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const response = await inFlight;
      const [code] = await exited;

      assert.equal(response.status, 200);
      assert.equal(code, 0, output());
      assert.match(output(), /"msg":"shutting down"/);
    } finally {
      child.kill('SIGKILL');
      await github.stop();
    }
  });
});
