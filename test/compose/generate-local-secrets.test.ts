import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src-app/config.js';
import { REPO_ROOT } from '../../src-k8s/paths.js';
import { readComposeFile } from './compose-file.js';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'generate-local-secrets.sh');

/** Runs the script with its folders pointed into `scratch`. */
function generate(scratch: string): { status: number | null; output: string } {
  const result = spawnSync('sh', [SCRIPT], {
    env: {
      PATH: process.env.PATH,
      SECRETS_DIR: path.join(scratch, 'secrets'),
      BACKUPS_DIR: path.join(scratch, 'backups'),
    },
    encoding: 'utf8',
  });

  return { status: result.status, output: result.stdout + result.stderr };
}

/** Every file of a folder by name, with its content. */
function contentsOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );
}

/** Permission bits of a file or folder, as an octal string such as `700`. */
function modeOf(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

describe('scripts/generate-local-secrets.sh', () => {
  let scratch: string;
  let secrets: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'local-secrets-'));
    secrets = path.join(scratch, 'secrets');
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('makes every secret that docker-compose.yaml names', () => {
    const expected = Object.values(readComposeFile().secrets ?? {})
      .map((secret) => path.basename(secret.file ?? ''))
      .sort();

    const { status, output } = generate(scratch);

    assert.equal(status, 0, output);
    assert.deepEqual(readdirSync(secrets).sort(), expected);
  });

  it('closes the folders to others and leaves the files readable to the containers', () => {
    generate(scratch);

    assert.equal(modeOf(secrets), '700');
    assert.equal(modeOf(path.join(scratch, 'backups')), '700');
    for (const file of readdirSync(secrets)) {
      // Compose bind-mounts a file secret with its host mode; uid 10001 reads it as "others".
      assert.equal(modeOf(path.join(secrets, file)), '644', file);
    }
  });

  it('never overwrites a secret that exists', () => {
    generate(scratch);
    writeFileSync(path.join(secrets, 'db_password.txt'), 'chosen-by-hand\n');
    const before = contentsOf(secrets);

    const { status, output } = generate(scratch);

    assert.equal(status, 0, output);
    assert.deepEqual(contentsOf(secrets), before);
    assert.equal(before['db_password.txt'], 'chosen-by-hand\n');
    assert.match(output, /kept\s+\S+db_password\.txt/);
  });

  it('makes values that the app accepts through its _FILE settings', () => {
    generate(scratch);
    const file = (name: string) => path.join(secrets, `${name}.txt`);

    const config = loadConfig({
      DATABASE_URL: 'mysql://app@db:3306/notifications',
      DATABASE_PASSWORD_FILE: file('db_password'),
      TOKEN_ENCRYPTION_KEY_FILE: file('token_encryption_key'),
      SESSION_KEYS_FILE: file('session_keys'),
    });

    assert.equal(config.tokenEncryptionKey.length, 32);
    assert.equal(config.sessionKeys.length, 1);
    assert.ok(config.sessionKeys[0]!.length >= 32);
    assert.match(config.database.password ?? '', /^[0-9a-f]{48}$/);
  });

  it('makes different random values on every run', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'local-secrets-'));

    try {
      generate(scratch);
      generate(other);

      const values = [
        ...Object.values(contentsOf(secrets)),
        ...Object.values(contentsOf(path.join(other, 'secrets'))),
      ];

      assert.equal(values.length, 8);
      assert.equal(new Set(values).size, values.length);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
