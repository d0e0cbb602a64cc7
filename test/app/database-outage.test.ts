import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createPool } from 'mysql2/promise';
import {
  connectToServer,
  startThrowawayServer,
  type ThrowawayServer,
} from '../support/mysql-server.js';
import { withDatabase } from '../../src-app/db/database-error.js';
import { AppError } from '../../src-app/errors.js';
import { POOL_CLOSE_TIMEOUT_MS } from '../../src-app/server.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

/** Polls `/readyz` until it answers `status`; returns how long that took. */
async function waitForReadiness(url: string, status: number, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === status) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz did not answer ${status} within ${limitMs} ms`);
}

/** A host that accepts TCP connections and never speaks: a partitioned or hung database. */
async function startSilentHost(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const silent: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  return {
    port: (silent.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    },
  };
}

describe('database outages', function () {
  this.timeout(120_000);
  let server: ThrowawayServer;
  let app: TestApp;
  let client: ApiClient;
  let nextId = 90_000;

  async function signIn(): Promise<Response> {
    nextId += 1;
    const token = `ghp_outage_${nextId}`;
    app.github.addAccount({ token, id: nextId, login: `outage${nextId}` });
    return client.json('POST', '/api/session', { token });
  }

  before(async () => {
    server = await startThrowawayServer();
    const connection = await connectToServer(server.url);
    await connection.query('CREATE DATABASE outage CHARACTER SET utf8mb4');
    await connection.end();
    app = await startTestApp({ DATABASE_URL: `${server.url}outage` });
    client = new ApiClient(app.url);
  });

  after(async () => {
    await app?.stop();
    await server?.destroy();
  });

  it('fails requests with 503 within the query timeout while the database is frozen', async () => {
    assert.equal((await signIn()).status, 201);

    await server.pause();
    try {
      const started = Date.now();
      // Runs first, on open connections that have prepared only the sign-in's statements: both
      // reads must prepare theirs on the frozen server, which has to be bounded like running one.
      const bounded = { signal: AbortSignal.timeout(10_000) };
      const [me, list, ready] = await Promise.all([
        client.request('GET', '/api/me', bounded),
        client.request('GET', '/api/me/notifications', bounded),
        fetch(`${app.url}/readyz`, bounded),
      ]);
      const elapsed = Date.now() - started;

      assert.equal(me.status, 503);
      assert.equal(list.status, 503);
      assert.equal(ready.status, 503);
      assert.ok(elapsed < 7000, `answered after ${elapsed} ms`);
    } finally {
      server.resume();
    }
    await waitForReadiness(app.url, 200, 10_000);
    assert.equal((await client.request('GET', '/api/me')).status, 200);
  });

  it('stops within its drain and pool-close bounds while the database is frozen', async () => {
    const shutdownTimeoutMs = 1000;
    const stopping = await startTestApp({
      DATABASE_URL: `${server.url}outage`,
      MIGRATE_ON_START: 'false',
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    });
    stopping.github.addAccount({ token: 'ghp_outage_stop', id: 89_999, login: 'outage-stop' });
    const stoppingClient = new ApiClient(stopping.url);
    assert.equal(
      (await stoppingClient.json('POST', '/api/session', { token: 'ghp_outage_stop' })).status,
      201,
    );

    await server.pause();
    let elapsed: number | undefined;
    try {
      // Leaves the pool's connections with requests the database will not answer.
      const held = stoppingClient.request('GET', '/api/me').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const limit = new Promise<void>((resolve) => setTimeout(resolve, 15_000));
      await Promise.race([stopping.stop().then(() => (elapsed = Date.now() - started)), limit]);
      await held;
    } finally {
      server.resume();
    }

    assert.ok(elapsed !== undefined, 'stop() had not finished after 15 s');
    assert.ok(
      elapsed <= shutdownTimeoutMs + POOL_CLOSE_TIMEOUT_MS + 1000,
      `stopped after ${elapsed} ms`,
    );
    await waitForReadiness(app.url, 200, 10_000);
  });

  it('recovers from a database restart without restarting the app', async () => {
    assert.equal((await signIn()).status, 201);

    await server.stop();
    await waitForReadiness(app.url, 503, 5000);
    const started = Date.now();
    const during = await signIn();
    const failedAfter = Date.now() - started;
    await server.start();
    const recoveredAfter = await waitForReadiness(app.url, 200, 5000);

    assert.equal(during.status, 503);
    assert.ok(failedAfter < 1000, `failed after ${failedAfter} ms`);
    assert.ok(recoveredAfter <= 5000, `ready again after ${recoveredAfter} ms`);
    assert.equal((await signIn()).status, 201);
    assert.equal((await client.request('GET', '/api/me')).status, 200);
  });

  it('fails a request with 503 within the connect timeout when the database never answers', async () => {
    const silent = await startSilentHost();
    const silentApp = await startTestApp({
      DATABASE_URL: `mysql://root@127.0.0.1:${silent.port}/none`,
      MIGRATE_ON_START: 'false',
    });

    try {
      silentApp.github.addAccount({ token: 'ghp_silent', id: 99_999, login: 'silent' });
      const started = Date.now();
      const response = await new ApiClient(silentApp.url)
        .request('POST', '/api/session', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: 'ghp_silent' }),
          signal: AbortSignal.timeout(15_000),
        })
        .catch((error: unknown) => error as Error);
      const elapsed = Date.now() - started;

      assert.ok(!(response instanceof Error), `no answer within ${elapsed} ms`);
      assert.equal(response.status, 503);
      assert.ok(elapsed < 7000, `answered after ${elapsed} ms`);
    } finally {
      await silentApp.stop();
      await silent.close();
    }
  });

  it('fails with 503, not 500, when the pool has been closed by a shutdown', async () => {
    const silent = await startSilentHost();
    const pool = createPool({ host: '127.0.0.1', port: silent.port, user: 'root' });
    await pool.end();
    try {
      const refused = await withDatabase(() => pool.query('SELECT 1')).catch((error) => error);

      assert.ok(refused instanceof AppError, `the step gave ${String(refused)}`);
      assert.equal(refused.status, 503);
      assert.equal((refused.cause as Error).message, 'Pool is closed.');
    } finally {
      await silent.close();
    }
  });

  it('fails with 503, not 500, once more requests wait for a connection than the pool queues', async () => {
    const silent = await startSilentHost();
    const pool = createPool({
      host: '127.0.0.1',
      port: silent.port,
      user: 'root',
      connectionLimit: 1,
      queueLimit: 1,
    });
    // The first takes the only connection, the second waits in the queue, the third is refused.
    const outcomes = [1, 2, 3].map(() =>
      withDatabase(() => pool.query('SELECT 1')).catch((error: unknown) => error),
    );
    try {
      const refused = await outcomes[2];

      assert.ok(refused instanceof AppError, `the third step gave ${String(refused)}`);
      assert.equal(refused.status, 503);
      assert.equal((refused.cause as Error).message, 'Queue limit reached.');
    } finally {
      await silent.close();
      await Promise.all(outcomes);
      await pool.end().catch(() => undefined);
    }
  });
});
