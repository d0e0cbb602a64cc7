import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOTSTRAP_DIR, MANIFESTS_DIR } from './gitops.js';

/** Absolute path of the repository root, found from this file rather than the working folder. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Absolute path of the committed manifests folder. */
export const DEFAULT_MANIFESTS_DIR = path.join(REPO_ROOT, MANIFESTS_DIR);

/** Absolute path of the committed bootstrap folder, which is also the clusters' settings folder. */
export const DEFAULT_BOOTSTRAP_DIR = path.join(REPO_ROOT, BOOTSTRAP_DIR);

/** Environment variable that points rendering at another folder of cluster settings. */
export const CLUSTERS_DIR_SETTING = 'CLUSTERS_DIR';

/** The folder of cluster settings: CLUSTERS_DIR (relative to the working folder) or clusters/. */
export function resolveClustersDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[CLUSTERS_DIR_SETTING];

  return configured ? path.resolve(configured) : DEFAULT_BOOTSTRAP_DIR;
}

/** True when `dir` is the repository root or one of its ancestors: deleting it deletes the repo. */
export function containsRepository(dir: string): boolean {
  // Compared with links resolved on both sides: a link to the repository is the repository.
  const resolved = realPath(dir);
  const root = realPath(REPO_ROOT);

  return (
    resolved === root ||
    root.startsWith(resolved.endsWith(path.sep) ? resolved : resolved + path.sep)
  );
}

/** `dir` with every link resolved, as far as it exists; the rest is appended as it is. */
function realPath(dir: string): string {
  let existing = path.resolve(dir);
  const missing: string[] = [];

  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }

  return path.join(realpathSync(existing), ...missing);
}
