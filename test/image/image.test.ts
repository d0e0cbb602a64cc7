import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { connectToServer } from '../support/mysql-server.js';
import { testDatabase } from '../support/test-database.js';
import { startAppContainer, type AppContainer } from './app-container.js';
import { findContainerEngine, type ContainerEngine } from './container-engine.js';
import { buildImage, REPOSITORY_ROOT, type BuiltImage } from './image-build.js';
import { exportImageFiles, listFiles, type ImageFiles } from './image-files.js';

/** The numeric user and group the Dockerfile runs the app as. */
const APP_UID = 10001;

/** The first host id of the user-namespace mapping below: container id N is host id 100000 + N. */
const MAPPED_BASE = 100_000;
const ID_MAPPING = [`--uidmap=0:${MAPPED_BASE}:65536`, `--gidmap=0:${MAPPED_BASE}:65536`];

/**
 * Shapes of credentials that must never be in the image: GitHub tokens (classic and fine-grained,
 * by GitHub's documented prefixes), npm tokens and npmrc auth lines, and PEM private keys.
 */
const SECRET_PATTERNS = [
  /gh[pousr]_[A-Za-z0-9]{36}/,
  /github_pat_[A-Za-z0-9_]{22,}/,
  /npm_[A-Za-z0-9]{36}/,
  /_authToken\s*=/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** Names of files that hold keys, or settings that usually carry secrets. */
const KEY_FILE_NAMES =
  /(^|\/)(\.env(\..+)?|\.npmrc|id_(rsa|ecdsa|ed25519)|[^/]+\.(pem|key|p12|pfx))$/;

/** The `Uid:` or `Gid:` line of /proc/PID/status: real, effective, saved and file-system ids. */
function idsOf(status: string, field: 'Uid' | 'Gid'): number[] {
  const line = status.split('\n').find((entry) => entry.startsWith(`${field}:`));
  return (line ?? '').split(/\s+/).slice(1).filter(Boolean).map(Number);
}

/** Paths (`node_modules/…`) of the packages the lock file marks as for development only. */
async function devOnlyPackagePaths(): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.dev === true)
    .map(([path]) => path);
}

describe('the container image', function () {
  this.timeout(60_000);

  let engine: ContainerEngine;
  let image: BuiltImage;
  let app: AppContainer;
  let databaseUrl: string;
  const containers: string[] = [];
  const track = (name: string) => containers.push(name);

  before(async function () {
    this.timeout(10 * 60_000);
    engine = findContainerEngine();
    const tag = `localhost/notifications-image-test:${randomBytes(4).toString('hex')}`;

    image = await buildImage(engine, tag);
    databaseUrl = (await testDatabase()).url;
    app = await startAppContainer(
      engine,
      { image: tag, databaseUrl, runOptions: ['--read-only', '--tmpfs=/tmp'] },
      track,
    );

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `    ${engine.name}: base ${image.baseImage} ready in ${seconds(image.baseMs)},` +
        ` built in ${seconds(image.buildMs)}, ${(image.sizeBytes / 1e6).toFixed(0)} MB;` +
        ` start to ready ${app.startToReadyMs} ms`,
    );
  });

  after(async function () {
    this.timeout(60_000);
    for (const name of containers) await engine?.removeContainer(name);
    if (image) await engine.run(['rmi', '--force', image.tag]);
  });

  it('declares the app user, port, signal, health check, and node as the only command', async () => {
    const config = JSON.parse(
      await engine.output(['image', 'inspect', '--format', '{{json .Config}}', image.tag]),
    ) as Record<string, unknown>;
    const healthCheck = await engine.healthCheckOf(image.tag);

    assert.equal(config.User, `${APP_UID}:${APP_UID}`);
    assert.deepEqual(config.Entrypoint ?? [], []);
    assert.deepEqual(config.Cmd, ['node', 'build/src-app/main.js']);
    assert.deepEqual(Object.keys(config.ExposedPorts as object), ['8080/tcp']);
    assert.equal(config.StopSignal, 'SIGTERM');
    assert.ok((config.Env as string[]).includes('NODE_ENV=production'));
    assert.deepEqual(healthCheck.slice(0, 2), ['CMD', 'node']);
    assert.match(healthCheck.join(' '), /127\.0\.0\.1.*process\.env\.PORT \|\| 8080.*\/healthz/);
  });

  it('runs the app as uid and gid 10001, not root', async () => {
    const status = await engine.output(['exec', app.name, 'cat', '/proc/1/status']);

    assert.match(status, /^Name:\s+node$/m);
    assert.deepEqual(idsOf(status, 'Uid'), [APP_UID, APP_UID, APP_UID, APP_UID]);
    assert.deepEqual(idsOf(status, 'Gid'), [APP_UID, APP_UID, APP_UID, APP_UID]);
  });

  it('serves /healthz and /readyz with a read-only root and a tmpfs on /tmp', async () => {
    const probe = (path: string) =>
      `try { require('fs').writeFileSync('${path}', 'x'); console.log('written') }` +
      ` catch (error) { console.log(error.code) }`;

    const healthz = await fetch(`${app.url}/healthz`);
    const readyz = await fetch(`${app.url}/readyz`);
    const intoApp = await engine.output(['exec', app.name, 'node', '-e', probe('/app/probe')]);
    const intoTmp = await engine.output(['exec', app.name, 'node', '-e', probe('/tmp/probe')]);

    assert.equal(healthz.status, 200);
    assert.equal(readyz.status, 200);
    assert.equal(intoApp, 'EROFS');
    assert.equal(intoTmp, 'written');
  });

  it("answers /readyz with 200 after migrating the run's own database on the host", async () => {
    const url = new URL(databaseUrl);
    const connection = await connectToServer(databaseUrl);

    const response = await fetch(`${app.url}/readyz`);
    const [rows] = await connection
      .query('SELECT COUNT(*) AS tables FROM information_schema.tables WHERE table_schema = ?', [
        url.pathname.slice(1),
      ])
      .finally(() => connection.end());

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: 'up' });
    assert.ok((rows as { tables: number }[])[0]!.tables > 0, 'the migrations made no table');
  });

  it('passes its own HEALTHCHECK', async () => {
    const result = await engine.runHealthCheck(app.name);

    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  it('stops within 2 s with exit code 0 on SIGTERM', async () => {
    const stopping = await startAppContainer(engine, { image: image.tag, databaseUrl }, track);

    const started = Date.now();
    await engine.output(['stop', '--time', '10', stopping.name]);
    const stopMs = Date.now() - started;
    const exitCode = await engine.output([
      'inspect',
      '--format',
      '{{.State.ExitCode}}',
      stopping.name,
    ]);

    console.log(`    stopped in ${stopMs} ms`);
    assert.ok(stopMs < 2000, `stopping took ${stopMs} ms`);
    assert.equal(exitCode, '0');
  });

  describe('under a user-namespace mapping', () => {
    const hostUid = MAPPED_BASE + APP_UID;
    let shared: string;
    let mapped: AppContainer;

    before(async () => {
      if (engine.name !== 'podman') {
        throw new Error(
          'per-container user-namespace mapping needs podman; docker maps daemon-wide',
        );
      }
      shared = await mkdtemp(join(tmpdir(), 'notifications-image-mount-'));
      // The mapped app user owns nothing on the host; it may write here through "others".
      await chmod(shared, 0o777);
      const runOptions = [...ID_MAPPING, `--volume=${shared}:/data`];
      mapped = await startAppContainer(
        engine,
        { image: image.tag, databaseUrl, runOptions },
        track,
      );
    });

    after(() => shared && rm(shared, { recursive: true, force: true }));

    it('runs the app process as host uid 110001', async () => {
      const hostPid = await engine.output(['inspect', '--format', '{{.State.Pid}}', mapped.name]);

      const status = await readFile(`/proc/${hostPid}/status`, 'utf8');

      assert.deepEqual(idsOf(status, 'Uid'), [hostUid, hostUid, hostUid, hostUid]);
      assert.deepEqual(idsOf(status, 'Gid'), [hostUid, hostUid, hostUid, hostUid]);
    });

    it('gives host uid 110001 a file that the app user writes to a bind mount', async () => {
      // The app itself writes no files; a one-off process as the image's user writes for it.
      const writeAsAppUser = "require('fs').writeFileSync('/data/written-by-app-user', 'x')";

      await engine.output(['exec', mapped.name, 'node', '-e', writeAsAppUser]);
      const written = await stat(join(shared, 'written-by-app-user'));

      assert.equal(written.uid, hostUid);
      assert.equal(written.gid, hostUid);
    });
  });

  describe('its files', () => {
    let files: ImageFiles;

    before(async function () {
      this.timeout(5 * 60_000);
      files = await exportImageFiles(engine, image.tag);
    });

    after(() => files?.remove());

    it('hold the compiled app, its migrations and package.json', () => {
      assert.ok(files.paths.includes('app/build/src-app/main.js'));
      assert.ok(
        files.paths.some((path) => /^app\/build\/src-app\/db\/migrations\/.+\.sql$/.test(path)),
      );
      assert.ok(files.paths.includes('app/package.json'));
    });

    it('hold no development dependency', async () => {
      const devOnly = await devOnlyPackagePaths();
      const present = new Set(
        files.paths.map((path) => path.replace(/^app\//, '').replace(/\/$/, '')),
      );

      const leaked = devOnly.filter((path) => present.has(path));

      assert.ok(devOnly.includes('node_modules/typescript'), 'the lock file lists no dev packages');
      assert.ok(present.has('node_modules/koa'), 'the production dependencies are missing');
      assert.deepEqual(leaked, []);
    });

    it('hold no TypeScript source, .git or .npmrc', () => {
      const sources = files.paths.filter(
        (path) =>
          path.startsWith('app/') && /\.[cm]?ts$/.test(path) && !path.includes('node_modules/'),
      );
      const forbidden = files.paths.filter((path) => /(^|\/)(\.git|\.npmrc)(\/|$)/.test(path));

      assert.deepEqual(sources, []);
      assert.deepEqual(forbidden, []);
    });

    it('in /app hold no token, private key or key file', async () => {
      const found: string[] = [];

      for (const file of await listFiles(files.appDirectory)) {
        const path = relative(files.appDirectory, file);
        const dependency = path.startsWith('node_modules/');
        // Libraries ship sample settings (a .env with a Redis host) and show made-up tokens of
        // the real shape in their documentation; only the app's own files are judged by name.
        if (!dependency && KEY_FILE_NAMES.test(path))
          found.push(`${path} is named like a key file`);
        if (dependency && path.endsWith('.md')) continue;

        const text = await readFile(file, 'latin1');
        const pattern = SECRET_PATTERNS.find((candidate) => candidate.test(text));
        if (pattern) found.push(`${path} matches ${pattern}`);
      }

      assert.deepEqual(found, []);
    });

    it('in /app are owned by root and not writable by the app user', async () => {
      const writable: string[] = [];

      for (const file of [files.appDirectory, ...(await listFiles(files.appDirectory, true))]) {
        const { uid, mode } = await lstat(file);
        if (uid !== 0 || (mode & 0o022) !== 0) writable.push(relative(files.appDirectory, file));
      }

      assert.deepEqual(writable, []);
    });
  });
});
