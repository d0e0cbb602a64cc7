import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { keyIdOf } from '../../src-app/crypto/token-cipher.js';
import { ApiClient, jsonOf, startTestApp, testSecrets, type TestApp } from '../support/test-app.js';
import { freshDatabase } from '../support/test-database.js';

describe('token key rotation', () => {
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  const sessionKeys = testSecrets().SESSION_KEYS as string;
  let app: TestApp;
  const tokens = ['ghp_rotate_a', 'ghp_rotate_b', 'ghp_rotate_c'];

  async function keyIdsInDatabase(): Promise<string[]> {
    const connection = await createConnection(app.config.database.url);
    try {
      const [rows] = await connection.query(
        `SELECT t.key_id FROM github_tokens t JOIN users u ON u.id = t.user_id
         ORDER BY u.login`,
      );
      return (rows as { key_id: string }[]).map((row) => row.key_id);
    } finally {
      await connection.end();
    }
  }

  function rotateKeys(environment: Record<string, string>) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'src-app/rotate-keys.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: app.config.database.url,
        SESSION_KEYS: sessionKeys,
        LOG_LEVEL: 'info',
        ...environment,
      },
      encoding: 'utf8',
    });
  }

  let databaseUrl: string;

  /** Starts the app on this suite's own database, so only its tokens are rotated. */
  function startApp(key: string): Promise<TestApp> {
    return startTestApp({
      DATABASE_URL: databaseUrl,
      TOKEN_ENCRYPTION_KEY: key,
      SESSION_KEYS: sessionKeys,
    });
  }

  before(async () => {
    databaseUrl = await freshDatabase();
    app = await startApp(oldKey);
    for (const [index, token] of tokens.entries()) {
      app.github.addAccount({ token, id: 70_000 + index, login: `rotate${index}` });
      await new ApiClient(app.url).json('POST', '/api/session', { token });
    }
    await app.stop();
  });

  it('re-encrypts every token under the current key, and a second run changes nothing', async () => {
    const first = rotateKeys({
      TOKEN_ENCRYPTION_KEY: newKey,
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey,
    });
    const afterFirst = await keyIdsInDatabase();
    const second = rotateKeys({
      TOKEN_ENCRYPTION_KEY: newKey,
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey,
    });

    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /"reencrypted":3/);
    assert.deepEqual(afterFirst, Array(3).fill(keyIdOf(Buffer.from(newKey, 'base64'))));
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /"reencrypted":0/);
  });

  it('leaves the app able to read rotated tokens with only the new key configured', async () => {
    app = await startApp(newKey);
    try {
      app.github.addAccount({ token: 'ghp_rotate_a', id: 70_000, login: 'rotate0' });
      const client = new ApiClient(app.url);
      const signIn = await client.json('POST', '/api/session', { token: 'ghp_rotate_a' });
      assert.equal(signIn.status, 200);

      const response = await client.request('GET', '/api/me/notifications');

      assert.equal(response.status, 200);
    } finally {
      await app.stop();
    }
  });

  it('reports tokens whose key is gone, exits 1, and the app answers those users with 401', async () => {
    const unknownKey = randomBytes(32).toString('base64');
    const alreadyCurrent = rotateKeys({ TOKEN_ENCRYPTION_KEY: newKey });
    assert.equal(alreadyCurrent.status, 0);
    app = await startApp(newKey);
    const client = new ApiClient(app.url);
    app.github.addAccount({ token: 'ghp_rotate_b', id: 70_001, login: 'rotate1' });
    await client.json('POST', '/api/session', { token: 'ghp_rotate_b' });
    await app.stop();

    const run = rotateKeys({ TOKEN_ENCRYPTION_KEY: unknownKey });
    app = await startApp(unknownKey);
    try {
      const again = new ApiClient(app.url);
      for (const name of ['notifications.sid', 'notifications.sid.sig']) {
        again.setCookie(name, client.cookie(name) ?? '');
      }
      const response = await again.request('GET', '/api/me/notifications');

      assert.equal(run.status, 1);
      assert.match(run.stdout, /"unreadable":3/);
      assert.match(run.stdout, /token key is not configured/);
      assert.equal(response.status, 401);
      assert.equal((await jsonOf(response)).code, 'token_unreadable');
    } finally {
      await app.stop();
    }
  });
});
