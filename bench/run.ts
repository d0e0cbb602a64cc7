import { benchCachedRead } from './cached-read.bench.js';
import { benchSignIn } from './sign-in.bench.js';
import { releaseTestDatabase, testDatabase } from '../test/support/test-database.js';

/**
 * `npm run bench`: runs each benchmark on 127.0.0.1, printing one JSON line of figures per
 * scenario, and stops everything it started. `BENCH_SECONDS` sets each load's length (default
 * 10); arguments pick scenarios (sign-in, cached-read, synth, image), all by default.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const wanted = new Set(process.argv.slice(2));
const selected = (name: string) => wanted.size === 0 || wanted.has(name);

try {
  const database = await testDatabase();
  if (selected('sign-in')) console.log(JSON.stringify(await benchSignIn(database.url, seconds)));
  if (selected('cached-read')) {
    console.log(JSON.stringify(await benchCachedRead(database.url, seconds)));
  }
} finally {
  await releaseTestDatabase();
}
