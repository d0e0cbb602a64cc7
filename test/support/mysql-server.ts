import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

/** A MySQL or MariaDB server that a test run started for itself, in a temporary directory. */
export interface ThrowawayServer {
  /** `mysql://root@127.0.0.1:PORT/` — root with an empty password, no database. */
  readonly url: string;
  readonly port: number;
  /** Which server binary runs. */
  readonly flavor: 'mariadb' | 'mysql';
  /** Stops the server; the data directory is kept so {@link ThrowawayServer.start} can reuse it. */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  start(): Promise<void>;
  /**
   * Freezes the server process (SIGSTOP): connections stay open but nothing answers. Resolves
   * once the process is stopped, since the signal is delivered asynchronously.
   */
  pause(): Promise<void>;
  /** Lets a frozen server run again (SIGCONT). */
  resume(): void;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
}

/** A process's state letter from `/proc/<pid>/stat` (`T` once stopped by a signal). */
function processState(pid: number): string | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

/** Looks a program up on PATH, and in the sbin folders where distributions put servers. */
export function findProgram(name: string): string | undefined {
  const path = `${process.env.PATH ?? ''}:/usr/sbin:/usr/local/sbin`;
  const result = spawnSync('sh', ['-c', `PATH="${path}" command -v ${name}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found !== '' ? found : undefined;
}

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Opens one connection to the server of a `mysql://` URL, without choosing a database. */
export async function connectToServer(url: string, timeoutMs = 5000): Promise<Connection> {
  const parsed = new URL(url);

  return createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    connectTimeout: timeoutMs,
  });
}

/** Answers whether a server at `url` accepts a connection within `timeoutMs`. */
export async function serverAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const connection = await connectToServer(url, timeoutMs);
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

function runOrThrow(program: string, args: string[]): void {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

const INSTALL_HINT =
  'No MySQL or MariaDB server answers at DATABASE_URL and none is installed to start one: ' +
  'install one (Debian: apt-get install mariadb-server) or set DATABASE_URL to a server.';

/**
 * Starts a private MariaDB (`mariadbd`) or MySQL (`mysqld`) from the binaries on PATH, with a
 * fresh data directory under the system's temporary folder, on a free port of 127.0.0.1.
 */
export async function startThrowawayServer(
  /** More server options, e.g. TLS certificates. */
  extraArguments: readonly string[] = [],
): Promise<ThrowawayServer> {
  const mariadbd = findProgram('mariadbd');
  const installDb = findProgram('mariadb-install-db') ?? findProgram('mysql_install_db');
  const mysqld = findProgram('mysqld');
  const flavor = mariadbd && installDb ? 'mariadb' : mysqld ? 'mysql' : undefined;
  if (!flavor) throw new Error(INSTALL_HINT);

  const dir = await mkdtemp(join(tmpdir(), 'notifications-mysql-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  if (flavor === 'mariadb') {
    runOrThrow(installDb as string, [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asRoot,
    ]);
  } else {
    runOrThrow(mysqld as string, [
      '--no-defaults',
      '--initialize-insecure',
      `--datadir=${dataDir}`,
      ...asRoot,
    ]);
  }

  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const program = (flavor === 'mariadb' ? mariadbd : mysqld) as string;
    child = spawn(
      program,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${join(dir, 'error.log')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--innodb-buffer-pool-size=64M',
        ...extraArguments,
        ...(flavor === 'mysql' ? ['--mysqlx=OFF'] : []),
        ...asRoot,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    while (!(await serverAnswers(url, 1000))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${program} exited; see ${dir}/error.log`);
      }
      if (Date.now() > deadline) throw new Error(`${program} did not answer within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const stop = async () => {
    const running = child;
    // A server killed by a signal has no exit code but a signal code; either means it is gone.
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killer = setTimeout(() => running.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  };

  await start();
  return {
    url,
    port,
    flavor,
    start,
    stop,
    async pause() {
      const running = child;
      if (!running?.pid) return;
      running.kill('SIGSTOP');
      const deadline = Date.now() + 5000;
      while (processState(running.pid) !== 'T') {
        if (Date.now() > deadline) throw new Error(`${running.pid} did not stop within 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    resume: () => child?.kill('SIGCONT'),
    async destroy() {
      child?.kill('SIGCONT');
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
