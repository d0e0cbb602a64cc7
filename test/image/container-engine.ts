import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Engine settings for podman on hosts where its defaults cannot start containers (runc instead of
 * crun, lower open-file limits); a `CONTAINERS_CONF` already set takes precedence.
 */
const PODMAN_SETTINGS = fileURLToPath(new URL('./containers.conf', import.meta.url));

/** What to do when no engine works, named in every failure that comes from the engine itself. */
export const ENGINE_INSTALL_HINT =
  'The image tests need podman (Debian: apt-get install -y podman runc debootstrap; ' +
  'test/image/containers.conf selects runc), or a Docker engine that `docker info` reaches.';

/** What an engine command printed, and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one engine command. */
export interface RunOptions {
  /** Kills the command after this long. @default 120 000 ms */
  readonly timeoutMs?: number;
  /** Variables added to the command's environment. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** The podman or docker command line, with the settings these tests need. */
export class ContainerEngine {
  constructor(readonly name: 'podman' | 'docker') {}

  /** The environment engine commands and scripts run with. */
  environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
    const settings = this.name === 'podman' ? { CONTAINERS_CONF: PODMAN_SETTINGS } : {};
    return { ...settings, ...process.env, ...extra };
  }

  /** Runs the engine with `args` and resolves with its output, whatever its exit code. */
  run(args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.name, args, {
        env: this.environment(options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: options.timeoutMs ?? 120_000,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Runs the engine and returns its trimmed standard output, or throws with its error output. */
  async output(args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      const shown = args.slice(0, 2).join(' ');
      throw new Error(`${this.name} ${shown} failed (${result.code}): ${tail(result.stderr)}`);
    }
    return result.stdout.trim();
  }

  /**
   * The HEALTHCHECK test of an image (`["CMD", …]`), or an empty list without one. podman leaves
   * it out of the JSON of the whole `.Config`, so it is asked for alone.
   */
  async healthCheckOf(image: string): Promise<string[]> {
    const format = '{{json .Config.Healthcheck}}';
    const healthCheck = JSON.parse(
      await this.output(['image', 'inspect', '--format', format, image]),
    ) as { Test?: string[] } | null;
    return healthCheck?.Test ?? [];
  }

  /**
   * Runs the image's HEALTHCHECK once in a running container. podman runs it itself; docker has no
   * such command, so the configured test is run with `exec`, as the daemon would.
   */
  async runHealthCheck(container: string): Promise<CommandResult> {
    if (this.name === 'podman') return this.run(['healthcheck', 'run', container]);

    const image = await this.output(['inspect', '--format', '{{.Image}}', container]);
    const test = await this.healthCheckOf(image);
    const [kind, ...command] = test;
    if (kind === 'CMD-SHELL') return this.run(['exec', container, '/bin/sh', '-c', ...command]);
    if (kind === 'CMD') return this.run(['exec', container, ...command]);
    return { code: null, stdout: '', stderr: `the image has no health check (${kind})` };
  }

  /** Removes a container at once, running or not; a missing one is no error. */
  async removeContainer(name: string): Promise<void> {
    const force = this.name === 'podman' ? ['rm', '--force', '--time', '0'] : ['rm', '--force'];
    await this.run([...force, name]);
  }
}

/** The last lines of a long output, enough to see why a command failed. */
export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function works(program: string, args: string[]): boolean {
  const result = spawnSync(program, args, { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

/**
 * Picks the engine that `CONTAINER_ENGINE` names, else podman when it is installed, else docker
 * when its daemon answers, and throws with what to install when none does.
 */
export function findContainerEngine(): ContainerEngine {
  const chosen = process.env.CONTAINER_ENGINE;
  if (chosen === 'podman' || chosen === 'docker') return new ContainerEngine(chosen);
  if (works('podman', ['--version'])) return new ContainerEngine('podman');
  if (works('docker', ['info'])) return new ContainerEngine('docker');
  throw new Error(`No container engine found. ${ENGINE_INSTALL_HINT}`);
}
