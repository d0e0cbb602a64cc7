import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { measureLoad, type LoadFigures } from './support/load.js';
import {
  cpuMs,
  peakRssMiB,
  startCompiledApp,
  startFakeGitHub,
  stopProcess,
  type Started,
} from './support/processes.js';

const CONNECTIONS = 20;

/** The notifications read path served from the cache, beside a bare HTTP server's ceiling. */
export interface CachedReadFigures {
  readonly scenario: 'cached-read';
  readonly app: LoadFigures & {
    readonly peakRssMiB: number;
    /** The app's CPU time per request answered, in ms: its cost, apart from the machine's load. */
    readonly cpuMsPerRequest: number;
  };
  readonly bareHttp: LoadFigures;
  /** app requests per second ÷ bare HTTP requests per second; the target is at least 0.33. */
  readonly ratio: number;
}

/** Serves `body` as JSON to every request: Node's HTTP ceiling for an answer of that size. */
async function startBareServer(body: string) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Signs one person in, primes their list, then reads it over and over while GitHub's poll
 * interval has not passed: every read is answered from the cache, GitHub is never called.
 */
export async function benchCachedRead(
  databaseUrl: string,
  seconds: number,
): Promise<CachedReadFigures> {
  const github = await startFakeGitHub(1);
  let app: Started | undefined;

  try {
    app = await startCompiledApp(databaseUrl, github.url);
    const signIn = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'ghp_bench_0' }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const primed = await fetch(`${app.url}/api/me/notifications`, { headers: { cookie } });
    const body = await primed.text();

    const cpuBefore = cpuMs(app.child);
    const figures = await measureLoad({
      url: `${app.url}/api/me/notifications`,
      connections: CONNECTIONS,
      durationSeconds: seconds,
      headers: { cookie },
    });
    const cpuMsPerRequest =
      Math.round(((cpuMs(app.child) - cpuBefore) / Math.max(figures.requests, 1)) * 100) / 100;
    const rss = peakRssMiB(app.child);
    await stopProcess(app);
    const bare = await startBareServer(body);
    const bareHttp = await measureLoad({
      url: bare.url,
      connections: CONNECTIONS,
      durationSeconds: seconds,
    });
    bare.server.close();

    return {
      scenario: 'cached-read',
      app: { ...figures, peakRssMiB: rss, cpuMsPerRequest },
      bareHttp,
      ratio: Math.round((figures.requestsPerSecond / bareHttp.requestsPerSecond) * 100) / 100,
    };
  } finally {
    await stopProcess(app);
    await stopProcess(github);
  }
}
