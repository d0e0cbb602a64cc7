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
  const resolved = path.resolve(dir);

  return (
    resolved === REPO_ROOT ||
    REPO_ROOT.startsWith(resolved.endsWith(path.sep) ? resolved : resolved + path.sep)
  );
}
