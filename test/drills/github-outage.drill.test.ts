import assert from 'node:assert/strict';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

const GITHUB_TIMEOUT_MS = 2000;

describe('drill: GitHub slow or failing', function () {
  this.timeout(60_000);
  let app: TestApp;
  const people = {
    slow: 'ghp_drill_slow',
    failing: 'ghp_drill_failing',
    fine: 'ghp_drill_fine',
  } as const;
  const clients = new Map<string, ApiClient>();

  before(async () => {
    app = await startTestApp({ GITHUB_TIMEOUT_MS: String(GITHUB_TIMEOUT_MS) });
    let id = 800_000;
    for (const token of Object.values(people)) {
      id += 1;
      app.github.addAccount({ token, id, login: `drill-${id}` });
      const client = new ApiClient(app.url);
      assert.equal((await client.json('POST', '/api/session', { token })).status, 201);
      clients.set(token, client);
    }
  });

  after(async () => {
    await app.stop();
  });

  /** Asks for a list that bypasses the cache, and times the answer. */
  async function timedList(token: string, index: number) {
    const started = Date.now();
    const response = await clients
      .get(token)
      ?.request('GET', `/api/me/notifications?since=2020-01-01T00:00:0${index % 10}Z`);
    await response?.arrayBuffer();
    return { status: response?.status, ms: Date.now() - started };
  }

  it('answers 502 within the bound for the affected users and stays responsive for others', async () => {
    app.github.injectFault({ token: people.slow, delayMs: 10_000, times: 1000 });
    app.github.injectFault({ token: people.failing, status: 500, times: 1000 });

    const rounds = Array.from({ length: 5 }, (_, index) => index);
    const [slow, failing, fine] = await Promise.all(
      Object.values(people).map((token) =>
        Promise.all(rounds.map((index) => timedList(token, index))),
      ),
    );

    const worst = (results: { ms: number }[]) => Math.max(...results.map((result) => result.ms));
    const statuses = (results: { status: number | undefined }[]) =>
      [...new Set(results.map((result) => result.status))].join(', ');
    console.log(
      `      slow GitHub: ${statuses(slow!)} after ${worst(slow!)} ms at worst; failing GitHub: ` +
        `${statuses(failing!)} after ${worst(failing!)} ms; unaffected user: ` +
        `${statuses(fine!)} after ${worst(fine!)} ms`,
    );
    assert.ok(
      slow!.every((result) => result.status === 502),
      `a hanging GitHub answered ${statuses(slow!)}`,
    );
    assert.ok(worst(slow!) < GITHUB_TIMEOUT_MS + 1000, 'the timeout bounds a hanging GitHub');
    assert.ok(
      failing!.every((result) => result.status === 502),
      `a failing GitHub answered ${statuses(failing!)}`,
    );
    assert.ok(worst(failing!) < GITHUB_TIMEOUT_MS + 1000, 'retries stay within the bound');
    assert.ok(
      fine!.every((result) => result.status === 200),
      `the unaffected user got ${statuses(fine!)}`,
    );
    assert.ok(worst(fine!) < 1000, 'other people are not held up');
  });
});
