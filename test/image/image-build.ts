import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tail, type ContainerEngine } from './container-engine.js';

/** The repository root: the build context, where the Dockerfile is. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The base image made from this machine's Node.js when no official image can be pulled. */
const LOCAL_BASE_IMAGE = 'localhost/node-base:20';

/** Where the local base image keeps the host's CA bundle (see the script that makes it). */
const LOCAL_BASE_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** A built image and what building it took. */
export interface BuiltImage {
  readonly tag: string;
  readonly baseImage: string;
  /** Making the local base image, or nothing when it existed or another base was chosen. */
  readonly baseMs: number;
  readonly buildMs: number;
  /** Uncompressed size, as the engine reports it. */
  readonly sizeBytes: number;
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(script, [], {
      cwd: REPOSITORY_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${script} failed (${code}):\n${tail(output)}`));
    });
  });
}

/**
 * The base image to build on and the build arguments that go with it: `TEST_NODE_IMAGE` when
 * set (for example the official image, where it can be pulled), otherwise a local image made
 * once from this machine's Node.js, which needs no registry of container images.
 */
async function chooseBase(
  engine: ContainerEngine,
): Promise<{ NODE_IMAGE: string } & Record<string, string>> {
  const chosen = process.env.TEST_NODE_IMAGE;
  if (chosen) return { NODE_IMAGE: chosen };

  const script = `${REPOSITORY_ROOT}scripts/make-local-node-image.sh`;
  await runScript(script, engine.environment({ CONTAINER_ENGINE: engine.name }));
  // Without the bundle in the base, Node only warns that it cannot load it and goes on.
  return { NODE_IMAGE: LOCAL_BASE_IMAGE, NPM_EXTRA_CA_CERTS: LOCAL_BASE_CA_BUNDLE };
}

/** The registry this machine's npm uses, read at run time so that no file has to name it. */
function npmRegistry(): string {
  const result = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

/**
 * Builds the repository's Dockerfile as `tag`. podman needs the docker format: the OCI format it
 * writes by default has no place for HEALTHCHECK and drops it. The build's RUN steps share the
 * host's network, as the test's containers do, so that no bridge network (and none of the
 * packages that set one up, such as iptables) is needed.
 */
export async function buildImage(engine: ContainerEngine, tag: string): Promise<BuiltImage> {
  const choosing = Date.now();
  const buildArgs = { ...(await chooseBase(engine)), NPM_REGISTRY: npmRegistry() };
  const baseMs = Date.now() - choosing;
  const format = engine.name === 'podman' ? ['--format', 'docker'] : [];
  const argumentList = Object.entries(buildArgs).flatMap(([name, value]) => [
    '--build-arg',
    `${name}=${value}`,
  ]);

  const started = Date.now();
  const result = await engine.run(
    ['build', ...format, '--network=host', '--tag', tag, ...argumentList, REPOSITORY_ROOT],
    { timeoutMs: 9 * 60_000 },
  );
  const buildMs = Date.now() - started;
  if (result.code !== 0) {
    throw new Error(
      `${engine.name} build failed (${result.code}):\n${tail(result.stdout + result.stderr)}`,
    );
  }

  const size = await engine.output(['image', 'inspect', '--format', '{{.Size}}', tag]);
  return { tag, baseImage: buildArgs.NODE_IMAGE, baseMs, buildMs, sizeBytes: Number(size) };
}
