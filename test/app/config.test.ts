import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src-app/config.js';

const valid = {
  DATABASE_URL: 'mysql://app@db.example:3306/notifications',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SESSION_KEYS: 'k'.repeat(32),
};

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);

    assert.equal(config.port, 8080);
    assert.equal(config.githubApiUrl, 'https://api.github.com');
    assert.equal(config.migrateOnStart, true);
    assert.equal(config.logLevel, 'info');
  });

  it('names every missing variable in one message', () => {
    const message = problemsOf({});

    assert.match(message, /DATABASE_URL/);
    assert.match(message, /TOKEN_ENCRYPTION_KEY/);
    assert.match(message, /SESSION_KEYS/);
  });

  it('rejects a key that is not 32 bytes, a non-mysql URL and a bad flag, by name', () => {
    const message = problemsOf({
      ...valid,
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      DATABASE_URL: 'postgres://db/x',
      MIGRATE_ON_START: 'maybe',
      PORT: 'eighty',
    });

    assert.match(message, /TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes/);
    assert.match(message, /DATABASE_URL must be a URL of the form mysql:/);
    assert.match(message, /MIGRATE_ON_START must be true or false/);
    assert.match(message, /PORT must be a whole number/);
  });

  it('reads a secret from the file named by its _FILE variant', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-'));
    const file = join(dir, 'key');
    await writeFile(file, `${Buffer.alloc(32, 9).toString('base64')}\n`);

    const config = loadConfig({
      ...valid,
      TOKEN_ENCRYPTION_KEY: undefined,
      TOKEN_ENCRYPTION_KEY_FILE: file,
    });

    assert.deepEqual(config.tokenEncryptionKey, Buffer.alloc(32, 9));
  });

  it('refuses a variable set both directly and as a file, and an unreadable file', () => {
    const message = problemsOf({
      ...valid,
      DATABASE_URL: undefined,
      SESSION_KEYS_FILE: '/nonexistent/session-keys',
      DATABASE_URL_FILE: '/nonexistent/url',
    });

    assert.match(message, /SESSION_KEYS and SESSION_KEYS_FILE are both set/);
    assert.match(message, /DATABASE_URL_FILE: cannot read \/nonexistent\/url \(ENOENT\)/);
  });

  it('turns on verified TLS to the database with an optional CA bundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-'));
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

    const plain = loadConfig(valid);
    const system = loadConfig({ ...valid, DATABASE_TLS: 'verify' });
    const bundled = loadConfig({ ...valid, DATABASE_TLS: 'verify', DATABASE_TLS_CA_FILE: ca });

    assert.equal(plain.database.tls, undefined);
    assert.deepEqual(system.database.tls, { ca: undefined });
    assert.match(bundled.database.tls?.ca ?? '', /BEGIN CERTIFICATE/);
  });

  it('refuses a CA bundle without TLS, an unreadable bundle and an unknown TLS mode', () => {
    assert.match(
      problemsOf({ ...valid, DATABASE_TLS_CA_FILE: '/etc/hostname' }),
      /DATABASE_TLS_CA_FILE is set but DATABASE_TLS is off/,
    );
    assert.match(
      problemsOf({ ...valid, DATABASE_TLS: 'verify', DATABASE_TLS_CA_FILE: '/nonexistent/ca.pem' }),
      /DATABASE_TLS_CA_FILE: cannot read \/nonexistent\/ca.pem \(ENOENT\)/,
    );
    assert.match(
      problemsOf({ ...valid, DATABASE_TLS: 'yes' }),
      /DATABASE_TLS must be off or verify/,
    );
  });

  it('never puts a secret value in its message', () => {
    const message = problemsOf({ ...valid, SESSION_KEYS: 'secret-but-short' });

    assert.doesNotMatch(message, /secret-but-short/);
  });
});
