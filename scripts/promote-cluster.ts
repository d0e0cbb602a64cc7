import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLUSTER_FILE, parseClusterFile } from '../src-k8s/settings/load-clusters.js';
import { IMAGE_KEY, type ImageChange, PromoteError, setImageTag } from './cluster-image.js';

/** What {@link promoteCluster} needs. */
export interface PromoteOptions {
  /** The folder of cluster folders. */
  readonly clustersDir: string;
  /** The name of a folder in `clustersDir`. */
  readonly cluster: string;
  /** The image tag the cluster's app should run. */
  readonly tag: string;
  /**
   * Runs an npm script of this repository and returns its exit status.
   * @default `npm run --silent <name>` in the working folder, sharing this process's output
   */
  readonly runScript?: (name: string) => number | null;
  /**
   * Prints one line of progress.
   * @default console.log
   */
  readonly log?: (line: string) => void;
  /**
   * File names in messages are relative to this folder.
   * @default the working folder
   */
  readonly displayRoot?: string;
}

/** The outcome of a promotion: the settings file and what its image was and now is. */
export interface Promotion extends ImageChange {
  readonly file: string;
  /** False when the cluster already ran the tag; nothing was written or rendered then. */
  readonly changed: boolean;
}

function runNpmScript(name: string): number | null {
  return spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' }).status;
}

/**
 * Does locally what the release workflow does: sets the tag of `app.image` in
 * `<clustersDir>/<cluster>/cluster.yaml`, shows which objects change (`npm run diff`, which
 * compares a fresh render with dist/, so it runs before rendering) and renders them
 * (`npm run synth`).
 *
 * @throws PromoteError with a one-line message naming the file and key: an unknown cluster, a
 *   malformed tag, settings that the new image would make invalid, or a failed step
 */
export function promoteCluster(options: PromoteOptions): Promotion {
  const { clustersDir, cluster, tag } = options;
  const log = options.log ?? console.log;
  const runScript = options.runScript ?? runNpmScript;
  const file = path.join(clustersDir, cluster, CLUSTER_FILE);
  const shown = path.relative(options.displayRoot ?? process.cwd(), file) || file;

  if (cluster.includes('/') || cluster.startsWith('.') || !existsSync(file)) {
    throw new PromoteError(`${shown}: no such cluster; known: ${knownClusters(clustersDir)}`);
  }

  const change = setImageTag(readFileSync(file, 'utf8'), shown, tag);
  if (change.after === change.before) {
    log(`${shown} ${IMAGE_KEY.join('.')} is already ${change.after}`);
    return { ...change, file, changed: false };
  }

  // The cluster's own rules (a pinned tag, never latest) apply before anything is written.
  const problems: string[] = [];
  parseClusterFile(change.text, shown, problems);
  if (problems.length > 0) {
    throw new PromoteError(problems.join('; '));
  }

  writeFileSync(file, change.text);
  log(`${shown} ${IMAGE_KEY.join('.')}: ${change.before} -> ${change.after}`);
  for (const script of ['diff', 'synth']) {
    const status = runScript(script);
    if (status !== 0) {
      throw new PromoteError(`npm run ${script} failed (exit ${status}) after ${shown} changed`);
    }
  }

  return { ...change, file, changed: true };
}

function knownClusters(clustersDir: string): string {
  const names = existsSync(clustersDir)
    ? readdirSync(clustersDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .filter((entry) => existsSync(path.join(clustersDir, entry.name, CLUSTER_FILE)))
        .map((entry) => entry.name)
        .sort()
    : [];

  return names.length > 0 ? names.join(', ') : 'none';
}
