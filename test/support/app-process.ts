import { spawn, type ChildProcess } from 'node:child_process';

/** The app started as its own process, as a container starts it. */
export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts the real entry point (`src-app/main.ts`) with exactly `environment` (and PATH). */
export function startAppProcess(environment: Record<string, string>): AppProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-app/main.ts'], {
    env: { PATH: process.env.PATH, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Waits until `/readyz` answers 200, failing early when the process exits. */
export async function waitForReady(
  url: string,
  child: ChildProcess,
  limitMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${limitMs} ms`);
}
