import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startAppProcess, waitForReady } from '../support/app-process.js';
import { FakeGitHub } from '../support/fake-github.js';
import { runLoad } from '../support/load.js';
import { freePort } from '../support/mysql-server.js';
import { ApiClient, testSecrets } from '../support/test-app.js';
import { testDatabase } from '../support/test-database.js';

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const KUBERNETES_GRACE_MS = 30_000;
const SHUTDOWN_DELAY_MS = 1000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

describe('drill: SIGTERM under load', function () {
  this.timeout(90_000);

  it('finishes every in-flight request and exits 0 within the grace period', async () => {
    const database = await testDatabase();
    const github = await new FakeGitHub().start();
    const token = 'ghp_sigterm_drill';
    github.addAccount({ token, id: 700_001, login: 'sigterm-drill' });
    github.addThread(token, { id: '1', repository: 'a/b', title: 't', type: 'Issue' });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app = startAppProcess({
      PORT: String(port),
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url,
      SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      ...testSecrets(),
    });

    try {
      await waitForReady(url, app.child);
      const client = new ApiClient(url);
      assert.equal((await client.json('POST', '/api/session', { token })).status, 201);
      // Every listing now takes GitHub 400 ms, so many are in flight at any moment.
      github.injectFault({ token, delayMs: 400, times: 100_000 });
      let running = true;
      const load = runLoad({
        concurrency: 16,
        until: () => running,
        maxDurationMs: 30_000,
        send: async (index) => ({
          key: String(index),
          // `since` bypasses the poll-interval cache, so each request waits on GitHub.
          response: await client.request(
            'GET',
            `/api/me/notifications?since=2020-01-0${1 + (index % 9)}T00:00:00Z`,
          ),
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));

      const exited = once(app.child, 'exit');
      const signalledAt = Date.now();
      app.child.kill('SIGTERM');
      // During the delay the app still serves, but tells the load balancer to stop sending.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DELAY_MS / 4));
      const readiness = await fetch(`${url}/readyz`).then(
        (response) => response.status,
        (error: unknown) => String(error),
      );
      const [code] = await exited;
      const stoppedAfterMs = Date.now() - signalledAt;
      running = false;
      const records = await load;

      const inFlight = records.filter((record) => record.startedAt < signalledAt);
      const duringDelay = records.filter(
        (r) => r.startedAt >= signalledAt && r.startedAt < signalledAt + SHUTDOWN_DELAY_MS - 200,
      );
      const failed = [...inFlight, ...duringDelay].filter((record) => record.status !== 200);
      console.log(
        `      ${inFlight.length} requests before SIGTERM, ${duringDelay.length} during the ` +
          `${SHUTDOWN_DELAY_MS} ms delay, exit ${code} after ${stoppedAfterMs} ms`,
      );

      assert.equal(code, 0, app.output().slice(-2000));
      assert.equal(readiness, 503, '/readyz during the delay');
      assert.ok(inFlight.length >= 16, 'requests were in flight');
      assert.deepEqual(failed, [], 'no request in flight or sent during the delay failed');
      assert.ok(
        stoppedAfterMs < SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS,
        `exited ${stoppedAfterMs} ms after SIGTERM, past the delay and timeout`,
      );
      assert.ok(stoppedAfterMs < KUBERNETES_GRACE_MS, 'exited within the grace period');
      assert.match(app.output(), /"msg":"stopped".*"clean":true|"clean":true.*"msg":"stopped"/);
    } finally {
      app.child.kill('SIGKILL');
      await github.stop();
    }
  });

  it('closes the connection of a request that ends after the listener closed, and exits 0', async () => {
    const database = await testDatabase();
    const github = await new FakeGitHub().start();
    const token = 'ghp_sigterm_late';
    github.addAccount({ token, id: 700_003, login: 'sigterm-late' });
    const delayMs = 200;
    const timeoutMs = 8000;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app = startAppProcess({
      PORT: String(port),
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url,
      GITHUB_TIMEOUT_MS: '60000',
      SHUTDOWN_DELAY_MS: String(delayMs),
      SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      ...testSecrets(),
    });

    try {
      await waitForReady(url, app.child);
      const client = new ApiClient(url);
      assert.equal((await client.json('POST', '/api/session', { token })).status, 201);
      // Still running when the listener closes, well within the shutdown timeout.
      github.injectFault({ token, delayMs: 1500, times: 10 });
      const late = client.request('GET', '/api/me/notifications');
      await new Promise((resolve) => setTimeout(resolve, 300));

      const exited = once(app.child, 'exit');
      const signalledAt = Date.now();
      app.child.kill('SIGTERM');
      const response = await late;
      const [code] = await exited;
      const stoppedAfterMs = Date.now() - signalledAt;

      assert.equal(response.status, 200);
      assert.equal(response.headers.get('connection'), 'close');
      assert.equal(code, 0, app.output().slice(-2000));
      // Not held open by an idle keep-alive connection until the timeout.
      assert.ok(stoppedAfterMs < timeoutMs / 2, `exited ${stoppedAfterMs} ms after SIGTERM`);
    } finally {
      app.child.kill('SIGKILL');
      await github.stop();
    }
  });

  it('cuts a request that outlasts the shutdown timeout and exits 1 within it', async () => {
    const database = await testDatabase();
    const github = await new FakeGitHub().start();
    const token = 'ghp_sigterm_stuck';
    github.addAccount({ token, id: 700_002, login: 'sigterm-stuck' });
    const delayMs = 200;
    const timeoutMs = 1000;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app = startAppProcess({
      PORT: String(port),
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url,
      GITHUB_TIMEOUT_MS: '60000',
      SHUTDOWN_DELAY_MS: String(delayMs),
      SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      ...testSecrets(),
    });

    try {
      await waitForReady(url, app.child);
      const client = new ApiClient(url);
      assert.equal((await client.json('POST', '/api/session', { token })).status, 201);
      // GitHub now takes longer than the app is willing to wait for its requests to finish.
      github.injectFault({ token, delayMs: 6000, times: 10 });
      const stuck = client.request('GET', '/api/me/notifications').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const exited = once(app.child, 'exit');
      const signalledAt = Date.now();
      app.child.kill('SIGTERM');
      const [code] = await exited;
      const stoppedAfterMs = Date.now() - signalledAt;
      await stuck;

      assert.ok(
        stoppedAfterMs < delayMs + timeoutMs + 1500,
        `exited ${stoppedAfterMs} ms after SIGTERM`,
      );
      assert.equal(code, 1, 'a cut request makes the stop unclean');
    } finally {
      app.child.kill('SIGKILL');
      await github.stop();
    }
  });
});
