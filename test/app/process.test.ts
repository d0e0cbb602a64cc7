import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { FakeGitHub } from '../support/fake-github.js';
import { freePort } from '../support/mysql-server.js';
import { ApiClient, testSecrets } from '../support/test-app.js';
import { testDatabase } from '../support/test-database.js';

/** Starts the real entry point as its own process, as a container would. */
function startProcess(environment: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
} {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-app/main.ts'], {
    env: { PATH: process.env.PATH, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('not ready within 15 s');
}

describe('the app process', () => {
  it('exits 2 with one message naming each bad variable', async () => {
    const { child, output } = startProcess({ DATABASE_URL: 'postgres://x', SESSION_KEYS: 'short' });

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
    const { child, output } = startProcess({
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
