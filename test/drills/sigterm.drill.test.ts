import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startAppProcess, waitForReady, type AppProcess } from '../support/app-process.js';
import { FakeGitHub } from '../support/fake-github.js';
import { runLoad } from '../support/load.js';
import { freePort } from '../support/mysql-server.js';
import { ApiClient, testSecrets } from '../support/test-app.js';
import { testDatabase } from '../support/test-database.js';

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const KUBERNETES_GRACE_MS = 30_000;
const SHUTDOWN_DELAY_MS = 1000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The app as its own process, with a fake GitHub and one person signed in. */
interface SignedInApp {
  readonly url: string;
  readonly app: AppProcess;
  readonly github: FakeGitHub;
  readonly client: ApiClient;
  readonly token: string;
  /** Kills the app if it still runs and stops the fake GitHub. */
  stop(): Promise<void>;
}

/** Starts the app with `environment` on top of its database, GitHub and secrets, and signs in. */
async function startSignedInApp(
  account: { token: string; id: number; login: string },
  environment: Record<string, string>,
): Promise<SignedInApp> {
  const database = await testDatabase();
  const github = await new FakeGitHub().start();
  github.addAccount(account);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = startAppProcess({
    PORT: String(port),
    DATABASE_URL: database.url,
    GITHUB_API_URL: github.url,
    ...environment,
    ...testSecrets(),
  });
  const stop = async () => {
    app.child.kill('SIGKILL');
    await github.stop();
  };

  try {
    await waitForReady(url, app.child);
    const client = new ApiClient(url);
    assert.equal((await client.json('POST', '/api/session', { token: account.token })).status, 201);
    return { url, app, github, client, token: account.token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Sends SIGTERM; `exited` gives the exit code and how long after the signal it came. */
function sendSigterm(app: AppProcess) {
  const exitEvent = once(app.child, 'exit');
  const signalledAt = Date.now();
  app.child.kill('SIGTERM');
  const exited = exitEvent.then(([code]) => ({
    code: code as number | null,
    stoppedAfterMs: Date.now() - signalledAt,
  }));
  return { signalledAt, exited };
}

describe('drill: SIGTERM under load', function () {
  this.timeout(90_000);

  it('finishes every in-flight request and exits 0 within the grace period', async () => {
    const { url, app, github, client, token, stop } = await startSignedInApp(
      { token: 'ghp_sigterm_drill', id: 700_001, login: 'sigterm-drill' },
      {
        SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      },
    );

    try {
      github.addThread(token, { id: '1', repository: 'a/b', title: 't', type: 'Issue' });
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

      const { signalledAt, exited } = sendSigterm(app);
      // During the delay the app still serves, but tells the load balancer to stop sending.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DELAY_MS / 4));
      const readiness = await fetch(`${url}/readyz`).then(
        (response) => response.status,
        (error: unknown) => String(error),
      );
      const { code, stoppedAfterMs } = await exited;
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
      await stop();
    }
  });

  it('closes the connection of a request that ends after the listener closed, and exits 0', async () => {
    const timeoutMs = 8000;
    const { app, github, client, token, stop } = await startSignedInApp(
      { token: 'ghp_sigterm_late', id: 700_003, login: 'sigterm-late' },
      {
        GITHUB_TIMEOUT_MS: '60000',
        SHUTDOWN_DELAY_MS: '200',
        SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      },
    );

    try {
      // Still running when the listener closes, well within the shutdown timeout.
      github.injectFault({ token, delayMs: 1500, times: 10 });
      const late = client.request('GET', '/api/me/notifications');
      await new Promise((resolve) => setTimeout(resolve, 300));

      const { exited } = sendSigterm(app);
      const response = await late;
      const { code, stoppedAfterMs } = await exited;

      assert.equal(response.status, 200);
      assert.equal(response.headers.get('connection'), 'close');
      assert.equal(code, 0, app.output().slice(-2000));
      // Not held open by an idle keep-alive connection until the timeout.
      assert.ok(stoppedAfterMs < timeoutMs / 2, `exited ${stoppedAfterMs} ms after SIGTERM`);
    } finally {
      await stop();
    }
  });

  it('cuts a request that outlasts the shutdown timeout and exits 1 within it', async () => {
    const delayMs = 200;
    const timeoutMs = 1000;
    const { app, github, client, token, stop } = await startSignedInApp(
      { token: 'ghp_sigterm_stuck', id: 700_002, login: 'sigterm-stuck' },
      {
        GITHUB_TIMEOUT_MS: '60000',
        SHUTDOWN_DELAY_MS: String(delayMs),
        SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      },
    );

    try {
      // GitHub now takes longer than the app is willing to wait for its requests to finish.
      github.injectFault({ token, delayMs: 6000, times: 10 });
      const stuck = client.request('GET', '/api/me/notifications').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const { code, stoppedAfterMs } = await sendSigterm(app).exited;
      await stuck;

      assert.ok(
        stoppedAfterMs < delayMs + timeoutMs + 1500,
        `exited ${stoppedAfterMs} ms after SIGTERM`,
      );
      assert.equal(code, 1, 'a cut request makes the stop unclean');
    } finally {
      await stop();
    }
  });
});
