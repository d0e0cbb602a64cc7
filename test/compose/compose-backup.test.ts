import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createConnection, type Connection } from 'mysql2/promise';
import { REPO_ROOT } from '../../src-k8s/paths.js';
import { findProgram, freePort } from '../support/mysql-server.js';
import { freshDatabase } from '../support/test-database.js';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'compose-backup.sh');

/** What the backup script needs to reach one database, taken from its `mysql://` URL. */
interface Target {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

function targetOf(url: string): Target {
  const parsed = new URL(url);

  return {
    host: parsed.hostname,
    port: parsed.port || '3306',
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
  };
}

async function connect(target: Target): Promise<Connection> {
  return createConnection({ ...target, port: Number(target.port), charset: 'utf8mb4' });
}

/** Runs one round of the backup service against `target`, as `docker compose run` would. */
function backUpOnce(
  target: Target,
  scratch: string,
  settings: Record<string, string> = {},
): { status: number | null; output: string } {
  const passwordFile = path.join(scratch, 'password');
  writeFileSync(passwordFile, `${target.password}\n`, { mode: 0o600 });

  const result = spawnSync('sh', [SCRIPT], {
    env: {
      PATH: process.env.PATH,
      DB_HOST: target.host,
      DB_PORT: target.port,
      DB_USER: target.user,
      DB_NAME: target.database,
      DB_PASSWORD_FILE: passwordFile,
      BACKUP_DIR: path.join(scratch, 'backups'),
      BACKUP_ONCE: 'true',
      ...settings,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

  return { status: result.status, output: result.stdout + result.stderr };
}

/** Feeds a dump to the `mysql` client, as doc/local-development.md restores one. */
function restore(dump: Buffer, target: Target, scratch: string): void {
  const options = path.join(scratch, 'restore.cnf');
  writeFileSync(
    options,
    `[client]\nhost=${target.host}\nport=${target.port}\nuser=${target.user}\n` +
      `password=${target.password}\n`,
    { mode: 0o600 },
  );

  const result = spawnSync(
    'mysql',
    [`--defaults-extra-file=${options}`, '--protocol=TCP', target.database],
    { input: gunzipSync(dump), encoding: 'utf8', timeout: 60_000 },
  );

  assert.equal(result.status, 0, result.stderr);
}

describe('scripts/compose-backup.sh', function () {
  this.timeout(120_000);

  let scratch: string;
  let backups: string;
  let source: Target;

  before(async function () {
    if (!findProgram('mysqldump') || !findProgram('mysql')) {
      throw new Error('the backup tests need the mysqldump and mysql clients on PATH');
    }

    source = targetOf(await freshDatabase());
    const connection = await connect(source);
    await connection.query(
      'CREATE TABLE threads (id INT PRIMARY KEY, title VARCHAR(100), sealed VARBINARY(64)) ' +
        'CHARACTER SET utf8mb4',
    );
    await connection.query('INSERT INTO threads VALUES (1, ?, ?), (2, ?, ?)', [
      'Release 2.0 🚀',
      Buffer.from([0, 255, 10, 13, 39, 92]),
      'Plain',
      Buffer.alloc(0),
    ]);
    await connection.end();
  });

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'compose-backup-'));
    backups = path.join(scratch, 'backups');
    mkdirSync(backups);
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes one gzipped dump that restores the rows, binary and emoji included', async () => {
    const { status, output } = backUpOnce(source, scratch);
    const dumps = readdirSync(backups);
    const target = targetOf(await freshDatabase());

    restore(readFileSync(path.join(backups, dumps[0]!)), target, scratch);
    const connection = await connect(target);
    const [rows] = await connection
      .query('SELECT id, title, sealed FROM threads ORDER BY id')
      .finally(() => connection.end());

    assert.equal(status, 0, output);
    assert.equal(dumps.length, 1);
    assert.match(dumps[0]!, new RegExp(`^${source.database}-\\d{8}T\\d{6}Z\\.sql\\.gz$`));
    assert.deepEqual(rows, [
      { id: 1, title: 'Release 2.0 🚀', sealed: Buffer.from([0, 255, 10, 13, 39, 92]) },
      { id: 2, title: 'Plain', sealed: Buffer.alloc(0) },
    ]);
  });

  it('keeps only the newest BACKUP_KEEP dumps and nothing else of the folder', () => {
    const older = ['20240101T000000Z', '20250101T000000Z', '20250601T120000Z'].map(
      (stamp) => `${source.database}-${stamp}.sql.gz`,
    );
    for (const file of [...older, 'notes.txt']) {
      writeFileSync(path.join(backups, file), '');
    }

    const { status, output } = backUpOnce(source, scratch, { BACKUP_KEEP: '2' });
    const left = readdirSync(backups);
    const dumps = left.filter((file) => file !== 'notes.txt').sort();

    assert.equal(status, 0, output);
    assert.ok(left.includes('notes.txt'));
    assert.equal(dumps.length, 2, dumps.join(' '));
    assert.equal(dumps[0], older[2]);
    assert.match(dumps[1]!, new RegExp(`^${source.database}-2\\d{7}T\\d{6}Z\\.sql\\.gz$`));
  });

  it('fails and leaves no partial dump when the server does not answer', async () => {
    const nowhere = { ...source, port: String(await freePort()) };

    const { status, output } = backUpOnce(nowhere, scratch);

    assert.notEqual(status, 0);
    assert.match(output, /dump of \S+ failed/);
    assert.deepEqual(readdirSync(backups), []);
  });

  it('refuses a BACKUP_KEEP of 0, which would delete every dump', () => {
    const { status, output } = backUpOnce(source, scratch, { BACKUP_KEEP: '0' });

    assert.equal(status, 2);
    assert.match(output, /BACKUP_KEEP must be whole numbers above 0/);
  });
});
