import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { waitForReady } from '../../test/support/app-process.js';
import { freePort } from '../../test/support/mysql-server.js';
import { testSecrets } from '../../test/support/test-app.js';

/** A process a benchmark started, stopped by {@link stopProcess}. */
export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts the fake GitHub in its own process and waits for the URL it prints. */
export async function startFakeGitHub(accounts: number): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/fake-github-process.ts'],
    {
      env: { ...process.env, BENCH_ACCOUNTS: String(accounts) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { child, url };
}

/** Starts the compiled app (`build/`, as the image runs it) against `databaseUrl` and `githubUrl`. */
export async function startCompiledApp(databaseUrl: string, githubUrl: string): Promise<Started> {
  const port = await freePort();
  const nodeArguments = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArguments, 'build/src-app/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      GITHUB_API_URL: githubUrl,
      LOG_LEVEL: 'warn',
      SIGN_IN_RATE_LIMIT: '100000',
      ...testSecrets(),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForReady(url, child);
  return { child, url };
}

/** The most resident memory a process has used, in MiB (`VmHWM` in `/proc/<pid>/status`). */
export function peakRssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  return Math.round(kib / 102.4) / 10;
}

/**
 * The CPU time a process has used so far, user and system, in milliseconds (from
 * `/proc/<pid>/stat`, in clock ticks of 10 ms). The difference over a load, divided by the
 * requests served, is what one request costs the process, whatever else shares the machine.
 */
export function cpuMs(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime
  // are fields 14 and 15 of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Stops a started process with SIGTERM and waits for it. */
export async function stopProcess(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = once(started.child, 'exit');
  started.child.kill('SIGTERM');
  await exited;
}
