import assert from 'node:assert/strict';
import {
  connectToServer,
  startThrowawayServer,
  type ThrowawayServer,
} from '../support/mysql-server.js';
import { runLoad } from '../support/load.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Statuses counted, such as `201 ×120, 503 ×3`, for a failure message that stays short. */
function tally(statuses: readonly (number | undefined)[]): string {
  const counts = new Map<number | undefined, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${status} ×${count}`).join(', ');
}

describe('drill: database restart under load', function () {
  this.timeout(120_000);
  let server: ThrowawayServer;
  let app: TestApp;

  before(async () => {
    server = await startThrowawayServer();
    const connection = await connectToServer(server.url);
    await connection.query('CREATE DATABASE drill CHARACTER SET utf8mb4');
    await connection.end();
    app = await startTestApp({
      DATABASE_URL: `${server.url}drill`,
      LOG_LEVEL: 'warn',
      // The drill signs people in as fast as the app lets it; the per-address limit is not its subject.
      SIGN_IN_RATE_LIMIT: '100000',
    });
  });

  after(async () => {
    await app?.stop();
    await server?.destroy();
  });

  it('stays up, fails fast while the database is gone, recovers, and loses nothing acknowledged', async () => {
    let running = true;
    const load = runLoad({
      concurrency: 8,
      until: () => running,
      maxDurationMs: 60_000,
      send: async (index) => {
        const login = `drill${index}`;
        app.github.addAccount({ token: `ghp_drill_${index}`, id: 500_000 + index, login });
        const response = await fetch(`${app.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: `ghp_drill_${index}` }),
        });
        return { key: login, response };
      },
    });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.stop();
    const downAt = Date.now();
    // Readiness must notice the outage, not only answer 200 once the database is back.
    const readinessDuringOutage: number[] = [];
    while (Date.now() - downAt < 2000) {
      readinessDuringOutage.push((await fetch(`${app.url}/readyz`)).status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const restartAt = Date.now();
    await server.start();
    const returnedAt = Date.now();
    let readyAfterMs = Number.POSITIVE_INFINITY;
    while (Date.now() - returnedAt < 10_000) {
      if ((await fetch(`${app.url}/readyz`)).status === 200) {
        readyAfterMs = Date.now() - returnedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    if (process.env.DRILL_DEBUG)
      console.log(
        app.logLines
          .filter((l) => l.includes('"level":"error"'))
          .slice(-5)
          .join(''),
      );
    const records = await load;

    const acknowledged = records.filter((record) => record.status === 201);
    // Every request started during the outage counts, however late it ended: one held until the
    // database returned must not drop out of the sample.
    const during = records.filter((r) => r.startedAt >= downAt && r.startedAt < restartAt);
    const afterReturn = records.filter((r) => r.startedAt >= returnedAt + readyAfterMs);
    const connection = await connectToServer(server.url);
    const [rows] = await connection.query('SELECT login FROM drill.users');
    await connection.end();
    const stored = new Set((rows as { login: string }[]).map((row) => row.login));
    const lost = acknowledged.filter((record) => !stored.has(record.key));
    const slowest = Math.max(...during.map((record) => record.endedAt - record.startedAt));
    console.log(
      `      ${records.length} sign-ins, ${acknowledged.length} acknowledged, ` +
        `${during.length} during the outage (slowest ${slowest} ms), ready ${readyAfterMs} ms ` +
        'after the database returned',
    );

    assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'the app process is up');
    assert.equal(
      readinessDuringOutage.at(-1),
      503,
      `/readyz during the outage: ${readinessDuringOutage.join(' ')}`,
    );
    assert.ok(readyAfterMs <= 5000, `ready ${readyAfterMs} ms after the database returned`);
    assert.deepEqual(lost, [], 'every acknowledged sign-in left its row');
    assert.ok(during.length > 0, 'requests were made during the outage');
    assert.ok(
      during.every((record) => record.status === 503),
      `during the outage: ${[...new Set(during.map((record) => record.status))].join(', ')}`,
    );
    assert.ok(slowest < 2000, `requests during the outage failed within ${slowest} ms`);
    const afterStatuses = afterReturn.map((record) => record.status);
    assert.ok(
      afterReturn.length > 0 && afterStatuses.every((status) => status === 201),
      `after the return: ${tally(afterStatuses)}`,
    );
    assert.ok(records.every((record) => record.status !== undefined && record.status !== 500));
  });
});
