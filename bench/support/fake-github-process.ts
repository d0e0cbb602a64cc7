import { FakeGitHub } from '../../test/support/fake-github.js';

/**
 * Runs the test suite's fake GitHub as its own process for the benchmarks, so that its work does
 * not share an event loop with the load generator. Registers `BENCH_ACCOUNTS` accounts with
 * tokens `ghp_bench_<n>` and a few threads each, then prints its URL on one line.
 */
const accounts = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const github = await new FakeGitHub({ recordRequests: false }).start();
github.rateLimit = Number.MAX_SAFE_INTEGER;

for (let index = 0; index < accounts; index += 1) {
  const token = `ghp_bench_${index}`;
  github.addAccount({ token, id: 1_000_000 + index, login: `bench${index}` });
  for (let thread = 0; thread < 5; thread += 1) {
    github.addThread(token, {
      id: String(index * 10 + thread + 1),
      repository: `bench-org/repo-${thread % 3}`,
      title: `Thread ${thread} of bench${index} 🚀`,
      type: thread % 2 ? 'PullRequest' : 'Issue',
      subjectPath: thread % 2 ? `pulls/${thread + 1}` : `issues/${thread + 1}`,
    });
  }
}
console.log(github.url);
