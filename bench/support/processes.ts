import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { waitForReady } from '../../test/support/app-process.js';
import { freePort } from '../../test/support/mysql-server.js';
import { testSecrets } from '../../test/support/test-app.js';
import { measureLoad, type LoadFigures, type MeasureOptions } from './load.js';

/** A process a benchmark started, stopped by {@link stopProcess}. */
export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Runs a benchmark helper script in its own process and waits for the URL it prints. */
async function startScript(script: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { child, url };
}

/** Starts the fake GitHub in its own process. */
export function startFakeGitHub(accounts: number): Promise<Started> {
  return startScript('bench/support/fake-github-process.ts', { BENCH_ACCOUNTS: String(accounts) });
}

/** Starts a bare Node.js HTTP server answering `body`, in its own process. */
export function startBareHttpServer(body: string): Promise<Started> {
  return startScript('bench/support/bare-http-process.ts', { BENCH_BODY: body });
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
function cpuMs(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime
  // are fields 14 and 15 of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** {@link LoadFigures} of a load on a started process, with its CPU time per request. */
export type ProcessLoadFigures = LoadFigures & {
  /** The process's CPU time per request answered, in ms: its cost, apart from the machine's load. */
  readonly cpuMsPerRequest: number;
};

/**
 * Seconds of load sent before each measured load and left out of its figures
 * (`BENCH_WARMUP_SECONDS`, default 3): the first seconds of a Node.js process are spent compiling
 * its hot paths, and the figures are meant to show how it runs once that is done.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

/**
 * Drives a started process with {@link measureLoad} after {@link WARMUP_SECONDS} of the same load,
 * counting the CPU time it spends on the measured part.
 */
export async function measureProcessLoad(
  started: Started,
  options: MeasureOptions,
): Promise<ProcessLoadFigures> {
  if (WARMUP_SECONDS > 0) await measureLoad({ ...options, durationSeconds: WARMUP_SECONDS });
  const before = cpuMs(started.child);
  const figures = await measureLoad(options);
  const perRequest = (cpuMs(started.child) - before) / Math.max(figures.requests, 1);
  return { ...figures, cpuMsPerRequest: Math.round(perRequest * 100) / 100 };
}

/** Stops a started process with SIGTERM and waits for it. */
export async function stopProcess(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = once(started.child, 'exit');
  started.child.kill('SIGTERM');
  await exited;
}
