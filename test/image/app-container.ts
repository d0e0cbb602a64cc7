import { randomBytes } from 'node:crypto';
import { freePort } from '../support/mysql-server.js';
import { testSecrets } from '../support/test-app.js';
import { ENGINE_INSTALL_HINT, tail, type ContainerEngine } from './container-engine.js';

/** How to start one container of the app's image. */
export interface AppContainerOptions {
  readonly image: string;
  /** The database the app migrates and pings. */
  readonly databaseUrl: string;
  /** Further `run` options, placed before the image. @default none */
  readonly runOptions?: readonly string[];
}

/** A container of the app's image that answered `/readyz` with 200. */
export interface AppContainer {
  readonly name: string;
  /** The app's address from this host. */
  readonly url: string;
  /** From the `run` command to the first 200 from `/readyz`. */
  readonly startToReadyMs: number;
}

/** A container name that no other run uses, so that runs never touch each other's containers. */
export function uniqueName(purpose: string): string {
  return `notifications-image-test-${purpose}-${randomBytes(4).toString('hex')}`;
}

async function readyzStatus(url: string): Promise<number | undefined> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) })).status;
  } catch {
    return undefined;
  }
}

async function waitForReady(engine: ContainerEngine, name: string, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;

  while (Date.now() < deadline) {
    if ((await readyzStatus(url)) === 200) return;

    const running = await engine.output(['inspect', '--format', '{{.State.Running}}', name]);
    if (running !== 'true') {
      const logs = await engine.run(['logs', name]);
      throw new Error(
        `the container stopped before it was ready:\n${tail(logs.stdout + logs.stderr)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not answer /readyz with 200 within 30 s`);
}

/**
 * Starts the app's image in the host's network namespace, where 127.0.0.1 reaches the host's
 * database server, on a free port, and waits until it is ready. The secrets travel through the
 * engine's environment, not its command line. The caller removes the container by its name,
 * which `onCreated` receives even when the start fails.
 */
export async function startAppContainer(
  engine: ContainerEngine,
  options: AppContainerOptions,
  onCreated: (name: string) => void,
): Promise<AppContainer> {
  const name = uniqueName('app');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secrets = testSecrets();
  const secretOptions = Object.keys(secrets).flatMap((variable) => ['--env', variable]);

  const started = Date.now();
  onCreated(name);
  const result = await engine.run(
    [
      'run',
      '--detach',
      '--name',
      name,
      '--network=host',
      '--env',
      `PORT=${port}`,
      '--env',
      `DATABASE_URL=${options.databaseUrl}`,
      ...secretOptions,
      ...(options.runOptions ?? []),
      options.image,
    ],
    { env: secrets },
  );
  if (result.code !== 0) {
    throw new Error(
      `${engine.name} could not start a container (${result.code}): ${tail(result.stderr)}\n` +
        ENGINE_INSTALL_HINT,
    );
  }
  await waitForReady(engine, name, url);

  return { name, url, startToReadyMs: Date.now() - started };
}
