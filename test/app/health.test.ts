import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../src-app/app.js';
import { loadConfig } from '../../src-app/config.js';
import { createDatabasePool } from '../../src-app/db/pool.js';
import { createLogger } from '../../src-app/logger.js';
import { freePort } from '../support/mysql-server.js';
import { jsonOf, startTestApp, testSecrets, type TestApp } from '../support/test-app.js';

/**
 * Starts the app, built as the entry point builds it, against a database port where nothing
 * listens. Returns its address and a function that stops it.
 */
async function startWithoutDatabase(
  environment: Record<string, string> = {},
  logger = createLogger({ level: 'silent' }),
) {
  const closedPort = await freePort();
  const config = loadConfig({
    DATABASE_URL: `mysql://root@127.0.0.1:${closedPort}/nothing`,
    ...testSecrets(),
    ...environment,
  });
  const pool = createDatabasePool(config.database);
  const server = buildApp({
    config,
    logger,
    pool,
    lifecycle: { shuttingDown: false },
  }).listen(0);
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.close();
      await pool.end();
    },
  };
}

describe('health endpoints', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.stop();
  });

  it('answers 200 on /healthz and /readyz while the database answers', async () => {
    const health = await fetch(`${app.url}/healthz`);
    const ready = await fetch(`${app.url}/readyz`);

    assert.equal(health.status, 200);
    assert.equal(ready.status, 200);
    assert.equal((await jsonOf(ready)).database, 'up');
  });

  it('answers 503 on /readyz, and still 200 on /healthz, when the database is down', async () => {
    const broken = await startWithoutDatabase();

    try {
      const ready = await fetch(`${broken.url}/readyz`);
      const health = await fetch(`${broken.url}/healthz`);

      assert.equal(ready.status, 503);
      assert.equal((await jsonOf(ready)).database, 'down');
      assert.equal(health.status, 200);
    } finally {
      await broken.stop();
    }
  });

  it('logs a probe answering 503 as a warning and a failed request as an error', async () => {
    const lines: { level: string; path?: string; msg: string }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as (typeof lines)[number]);
        done();
      },
    });
    app.github.addAccount({ token: 'ghp_logged', id: 6, login: 'logged' });
    const broken = await startWithoutDatabase(
      { GITHUB_API_URL: app.github.url },
      createLogger({ level: 'info', destination }),
    );

    try {
      assert.equal((await fetch(`${broken.url}/readyz`)).status, 503);
      assert.equal((await fetch(`${broken.url}/api/me`)).status, 401);
      const failed = await fetch(`${broken.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"token":"ghp_logged"}',
      });
      assert.equal(failed.status, 503);
    } finally {
      await broken.stop();
    }

    const finished = (path: string) =>
      lines.find((line) => line.msg === 'request finished' && line.path === path)?.level;
    assert.equal(finished('/readyz'), 'warn');
    assert.equal(finished('/api/me'), 'info');
    assert.equal(finished('/api/session'), 'error');
  });

  it('answers 503 with a JSON error, not a driver message, when the database fails a request', async () => {
    app.github.addAccount({ token: 'ghp_dbdown', id: 5, login: 'dbdown' });
    const broken = await startWithoutDatabase({ GITHUB_API_URL: app.github.url });

    try {
      const response = await fetch(`${broken.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'ghp_dbdown' }),
      });

      assert.equal(response.status, 503);
      const body = await jsonOf(response);
      assert.equal(body.code, 'database_unavailable');
      assert.doesNotMatch(JSON.stringify(body), /ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      await broken.stop();
    }
  });
});
