import {
  peakRssMiB,
  startBareHttpServer,
  startCompiledApp,
  startFakeGitHub,
  stopProcess,
  measureProcessLoad,
  type ProcessLoadFigures,
  type Started,
} from './support/processes.js';

const CONNECTIONS = 20;

/** The notifications read path served from the cache, beside a bare HTTP server's ceiling. */
export interface CachedReadFigures {
  readonly scenario: 'cached-read';
  readonly app: ProcessLoadFigures & { readonly peakRssMiB: number };
  /**
   * The same app answering `GET /healthz`: every middleware runs, but no session, no database and
   * a tiny body. What is left between this and `app` is the cached read's own work.
   */
  readonly appHealthz: ProcessLoadFigures;
  readonly bareHttp: ProcessLoadFigures;
  /** app requests per second ÷ bare HTTP requests per second; the target is at least 0.33. */
  readonly ratio: number;
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

    const figures = await measureProcessLoad(app, {
      url: `${app.url}/api/me/notifications`,
      connections: CONNECTIONS,
      durationSeconds: seconds,
      headers: { cookie },
    });
    const rss = peakRssMiB(app.child);
    const appHealthz = await measureProcessLoad(app, {
      url: `${app.url}/healthz`,
      connections: CONNECTIONS,
      durationSeconds: seconds,
    });
    await stopProcess(app);
    const bare = await startBareHttpServer(body);
    let bareHttp: ProcessLoadFigures;
    try {
      bareHttp = await measureProcessLoad(bare, {
        url: bare.url,
        connections: CONNECTIONS,
        durationSeconds: seconds,
      });
    } finally {
      await stopProcess(bare);
    }

    return {
      scenario: 'cached-read',
      app: { ...figures, peakRssMiB: rss },
      appHealthz,
      bareHttp,
      ratio: Math.round((figures.requestsPerSecond / bareHttp.requestsPerSecond) * 100) / 100,
    };
  } finally {
    await stopProcess(app);
    await stopProcess(github);
  }
}
