import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src-k8s/paths.js';
import { type ComposeFile, composeValidator, networksOf, readComposeFile } from './compose-file.js';
import { healthCheckProblems, inlineSecrets } from './compose-rules.js';

/** A deep copy to break on purpose. */
function copyOf(compose: ComposeFile): ComposeFile {
  return structuredClone(compose);
}

describe('docker-compose.yaml', () => {
  let compose: ComposeFile;
  let validate: (document: unknown) => string[];

  before(() => {
    compose = readComposeFile();
    validate = composeValidator();
  });

  it('validates against the Compose Specification schema', () => {
    assert.deepEqual(validate(compose), []);
  });

  it('fails the schema for a misspelt key or a wrong type', () => {
    const broken = copyOf(compose);
    (broken.services.app as Record<string, unknown>).read_onyl = true;
    (broken.services.db!.healthcheck as Record<string, unknown>).interval = 10;

    const problems = validate(broken);

    assert.ok(
      problems.some((problem) => problem.includes('read_onyl')),
      problems.join('\n'),
    );
    assert.ok(
      problems.includes('/services/db/healthcheck/interval must be string'),
      problems.join('\n'),
    );
  });

  it('runs the app, MySQL and the backup job', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['app', 'backup', 'db']);
    assert.match(compose.services.db?.image ?? '', /^mysql:8\.4\.\d+$/);
    assert.equal(compose.services.backup?.image, compose.services.db?.image);
  });

  it('keeps MySQL on an internal backend network, publishing no port', () => {
    const db = compose.services.db!;

    assert.equal(compose.networks?.backend?.internal, true);
    assert.notEqual(compose.networks?.frontend?.internal, true);
    assert.deepEqual(networksOf(db), ['backend']);
    assert.equal(db.ports, undefined);
    assert.equal(db.network_mode, undefined);
  });

  it('puts the app on both networks and publishes its port on loopback only', () => {
    const app = compose.services.app!;

    assert.deepEqual(networksOf(app).sort(), ['backend', 'frontend']);
    assert.deepEqual(app.ports, ['127.0.0.1:8080:8080']);
  });

  it('keeps the backup job on the backend network, writing to ./backups', () => {
    const backup = compose.services.backup!;

    assert.deepEqual(networksOf(backup), ['backend']);
    assert.equal(backup.ports, undefined);
    assert.ok(backup.volumes?.includes('./backups:/backups'));
    assert.equal(compose.configs?.['backup-script']?.file, './scripts/compose-backup.sh');
    assert.ok(existsSync(path.join(REPO_ROOT, 'scripts', 'compose-backup.sh')));
  });

  it('starts the app and the backup job only once MySQL is healthy', () => {
    for (const name of ['app', 'backup']) {
      const dependsOn = compose.services[name]?.depends_on as Record<string, { condition: string }>;

      assert.equal(dependsOn?.db?.condition, 'service_healthy', name);
    }
  });

  it('checks MySQL with a query over TCP to 127.0.0.1, not over the socket', () => {
    assert.deepEqual(healthCheckProblems(compose, 'db'), []);
  });

  it('rejects a socket ping, which the temporary start-up server passes', () => {
    const pinging = copyOf(compose);
    pinging.services.db!.healthcheck = {
      test: ['CMD', 'mysqladmin', 'ping', '-h', 'localhost'],
    };

    const problems = healthCheckProblems(pinging, 'db');

    assert.ok(problems.some((problem) => problem.includes('--protocol=TCP')));
    assert.ok(problems.some((problem) => problem.includes('socket')));
  });

  it('runs the app as uid 10001, read-only, with no capabilities or new privileges', () => {
    const app = compose.services.app!;

    assert.equal(app.user, '10001:10001');
    assert.equal(app.read_only, true);
    assert.deepEqual(app.tmpfs, ['/tmp']);
    assert.deepEqual(app.cap_drop, ['ALL']);
    assert.equal(app.cap_add, undefined);
    assert.deepEqual(app.security_opt, ['no-new-privileges:true']);
  });

  it('holds no secret value: secrets come from files under ./secrets/', () => {
    assert.deepEqual(inlineSecrets(compose), []);
    assert.deepEqual(Object.keys(compose.secrets ?? {}).sort(), [
      'db_password',
      'db_root_password',
      'session_keys',
      'token_encryption_key',
    ]);
  });

  it('gives the app and MySQL their secrets through _FILE variables', () => {
    const app = compose.services.app!.environment as Record<string, string>;
    const db = compose.services.db!.environment as Record<string, string>;

    assert.equal(app.DATABASE_PASSWORD_FILE, '/run/secrets/db_password');
    assert.equal(app.TOKEN_ENCRYPTION_KEY_FILE, '/run/secrets/token_encryption_key');
    assert.equal(app.SESSION_KEYS_FILE, '/run/secrets/session_keys');
    assert.equal(db.MYSQL_PASSWORD_FILE, '/run/secrets/db_password');
    assert.equal(db.MYSQL_ROOT_PASSWORD_FILE, '/run/secrets/db_root_password');
  });

  it('catches a password, a key or a URL with a password written into the file', () => {
    const leaky = copyOf(compose);
    const environment = leaky.services.db!.environment as Record<string, string>;
    environment.MYSQL_ROOT_PASSWORD = 'hunter2';
    // Put together at run time, so that secretlint finds no connection string in this file.
    (leaky.services.app!.environment as Record<string, string>).DATABASE_URL = [
      'mysql://app',
      'hunter2@db:3306/notifications',
    ].join(':');
    leaky.secrets!.session_keys = { environment: 'SESSION_KEYS' };

    const problems = inlineSecrets(leaky);

    assert.deepEqual(problems, [
      'services.app.environment.DATABASE_URL has a password in its URL',
      'services.db.environment.MYSQL_ROOT_PASSWORD holds a value',
      'secrets.session_keys does not come from a file under ./secrets/',
    ]);
  });

  it('is ignored by git where it reads secrets and writes backups', () => {
    const ignored = spawnSync(
      'git',
      ['check-ignore', 'secrets/db_password.txt', 'backups/notifications.sql.gz'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );

    assert.equal(ignored.status, 0, ignored.stderr);
    assert.deepEqual(ignored.stdout.trim().split('\n'), [
      'secrets/db_password.txt',
      'backups/notifications.sql.gz',
    ]);
  });
});
