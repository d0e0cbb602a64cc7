import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import {
  connectToServer,
  startThrowawayServer,
  type ThrowawayServer,
} from '../support/mysql-server.js';
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
    // Accepts TCP connections and never speaks: a partitioned or hung database host.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const silentApp = await startTestApp({
      DATABASE_URL: `mysql://root@127.0.0.1:${port}/none`,
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
      for (const socket of sockets) socket.destroy();
      await silentApp.stop();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
