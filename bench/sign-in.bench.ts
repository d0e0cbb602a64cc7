import { createPool } from 'mysql2/promise';
import {
  peakRssMiB,
  startCompiledApp,
  startFakeGitHub,
  stopProcess,
  measureProcessLoad,
  WARMUP_SECONDS,
  type ProcessLoadFigures,
  type Started,
} from './support/processes.js';

/** How many sign-ins (or INSERTs) are in flight at once. */
const CONNECTIONS = 20;
const ACCOUNTS = 1000;

/** Sign-in through the app, side by side with the database's own ceiling for the same row. */
export interface SignInFigures {
  readonly scenario: 'sign-in';
  readonly app: ProcessLoadFigures & { readonly peakRssMiB: number };
  readonly bareInsert: { readonly rowsPerSecond: number; readonly p99Ms: number };
  /** app requests per second ÷ bare INSERTs per second; the target is at least 0.5. */
  readonly ratio: number;
}

/**
 * The database's ceiling on this machine: `CONNECTIONS` workers each running a prepared INSERT
 * of a users-shaped row (upserting, as sign-in does) in a loop.
 */
async function bareInsertLoop(databaseUrl: string, seconds: number) {
  const pool = createPool({ uri: databaseUrl, connectionLimit: CONNECTIONS });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_users (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    github_id BIGINT UNSIGNED NOT NULL UNIQUE, login VARCHAR(39) NOT NULL, email VARCHAR(254) NULL,
    created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  let counter = 0;

  /** Runs the workers for `duration` seconds, returning each INSERT's latency in ms. */
  const insertFor = async (duration: number): Promise<number[]> => {
    const latencies: number[] = [];
    const deadline = Date.now() + duration * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        counter += 1;
        const id = counter % ACCOUNTS;
        const started = performance.now();
        await pool.execute(
          `INSERT INTO bench_users (github_id, login, email, created_at, updated_at)
           VALUES (?, ?, NULL, ?, ?) ON DUPLICATE KEY UPDATE login = VALUES(login),
           updated_at = VALUES(updated_at)`,
          [id, `bench${id}`, new Date(), new Date()],
        );
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return latencies;
  };
  // Warmed up like the app, so both are measured in their steady state.
  if (WARMUP_SECONDS > 0) await insertFor(WARMUP_SECONDS);
  const latencies = await insertFor(seconds);
  await pool.query('DROP TABLE bench_users');
  await pool.end();
  latencies.sort((a, b) => a - b);

  return {
    rowsPerSecond: Math.round(latencies.length / seconds),
    p99Ms: Math.round((latencies[Math.floor(latencies.length * 0.99)] ?? 0) * 10) / 10,
  };
}

/** Runs the sign-in benchmark against a database at `databaseUrl`. */
export async function benchSignIn(databaseUrl: string, seconds: number): Promise<SignInFigures> {
  const github = await startFakeGitHub(ACCOUNTS);
  let app: Started | undefined;

  try {
    app = await startCompiledApp(databaseUrl, github.url);
    const figures = await measureProcessLoad(app, {
      url: `${app.url}/api/session`,
      method: 'POST',
      connections: CONNECTIONS,
      durationSeconds: seconds,
      headers: { 'content-type': 'application/json' },
      body: (n) => JSON.stringify({ token: `ghp_bench_${n % ACCOUNTS}` }),
    });
    const rss = peakRssMiB(app.child);
    await stopProcess(app);
    const bareInsert = await bareInsertLoop(databaseUrl, seconds);

    return {
      scenario: 'sign-in',
      app: { ...figures, peakRssMiB: rss },
      bareInsert,
      ratio: Math.round((figures.requestsPerSecond / bareInsert.rowsPerSecond) * 100) / 100,
    };
  } finally {
    await stopProcess(app);
    await stopProcess(github);
  }
}
