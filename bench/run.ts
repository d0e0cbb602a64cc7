import { benchCachedRead } from './cached-read.bench.js';
import { benchImage } from './image.bench.js';
import { benchSignIn } from './sign-in.bench.js';
import { benchSynth } from './synth.bench.js';
import { writePlot } from './support/plot.js';
import { releaseTestDatabase, testDatabase } from '../test/support/test-database.js';

/** Where the plot of a full run goes. */
const PLOT_FILE = 'doc/images/benchmarks.svg';

/**
 * `npm run bench`: runs each benchmark on 127.0.0.1, printing one JSON line of figures per
 * scenario, and stops everything it started. `BENCH_SECONDS` sets each load's length (default
 * 10), `BENCH_WARMUP_SECONDS` the unmeasured load before it (default 3); arguments pick
 * scenarios (sign-in, cached-read, synth, image), all by default.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const wanted = new Set(process.argv.slice(2));
const selected = (name: string) => wanted.size === 0 || wanted.has(name);

/** Prints a scenario's figures as one JSON line and returns them. */
function report<T>(figures: T): T {
  console.log(JSON.stringify(figures));
  return figures;
}

try {
  const synth = selected('synth') ? report(benchSynth()) : undefined;
  const database = await testDatabase();
  const signIn = selected('sign-in') ? report(await benchSignIn(database.url, seconds)) : undefined;
  const cached = selected('cached-read')
    ? report(await benchCachedRead(database.url, seconds))
    : undefined;
  if (selected('image')) report(await benchImage(database.url));

  if (signIn && cached && synth) {
    writePlot(PLOT_FILE, [
      {
        title: 'Throughput (requests or rows per second)',
        unit: '/s',
        bars: [
          { label: 'sign-in (app)', value: signIn.app.requestsPerSecond, app: true },
          { label: 'bare INSERT', value: signIn.bareInsert.rowsPerSecond, app: false },
          { label: 'cached read (app)', value: cached.app.requestsPerSecond, app: true },
          { label: '/healthz (app)', value: cached.appHealthz.requestsPerSecond, app: true },
          { label: 'bare HTTP', value: cached.bareHttp.requestsPerSecond, app: false },
        ],
      },
      {
        title: 'p99 latency (ms)',
        unit: 'ms',
        bars: [
          { label: 'sign-in (app)', value: signIn.app.p99Ms, app: true },
          { label: 'bare INSERT', value: signIn.bareInsert.p99Ms, app: false },
          { label: 'cached read (app)', value: cached.app.p99Ms, app: true },
          { label: '/healthz (app)', value: cached.appHealthz.p99Ms, app: true },
          { label: 'bare HTTP', value: cached.bareHttp.p99Ms, app: false },
        ],
      },
      {
        title: 'CPU time per request, steady state (ms)',
        unit: 'ms',
        bars: [
          { label: 'sign-in (app)', value: signIn.app.cpuMsPerRequest, app: true },
          { label: 'cached read (app)', value: cached.app.cpuMsPerRequest, app: true },
          { label: '/healthz (app)', value: cached.appHealthz.cpuMsPerRequest, app: true },
          { label: 'bare HTTP', value: cached.bareHttp.cpuMsPerRequest, app: false },
        ],
      },
      {
        title: 'Rendering every cluster (seconds, median of 5)',
        unit: 's',
        bars: [
          { label: 'npm run synth, 3', value: synth.npmRunSynth['3'] ?? 0, app: true },
          { label: 'npm run synth, 30', value: synth.npmRunSynth['30'] ?? 0, app: true },
          { label: 'cdk8s + ts-node, 3', value: synth.cdk8sSynthTsNode['3'] ?? 0, app: false },
          { label: 'cdk8s + ts-node, 30', value: synth.cdk8sSynthTsNode['30'] ?? 0, app: false },
        ],
      },
    ]);
    console.error(`plot written to ${PLOT_FILE}`);
  }
} finally {
  await releaseTestDatabase();
}
