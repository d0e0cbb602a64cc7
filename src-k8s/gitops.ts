/**
 * This repository as Argo CD sees it. The Argo CD objects under `clusters/` are generated from
 * these values, so the repository's address and branch are written down here and nowhere else.
 */

/** Git URL that Argo CD clones. */
export const repoURL = 'https://github.com/example-org/github-notifications-gitops.git';

/** Branch that Argo CD follows. */
export const targetRevision = 'main';

/** Folder, relative to the repository root, that holds the rendered manifests of every cluster. */
export const MANIFESTS_DIR = 'dist';

/** Folder, relative to the repository root, that holds each cluster's bootstrap files. */
export const BOOTSTRAP_DIR = 'clusters';

/** Folder inside `clusters/<cluster>/` with Argo CD's own install, which Argo CD then manages. */
export const ARGO_CD_DIR = 'argo-cd';

/** Folder inside `clusters/<cluster>/` with the project and Applications that the root syncs. */
export const APPS_DIR = 'apps';

/** Name of a kustomization file, as kubectl and Argo CD look for it. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Path inside the repository of a cluster's rendered manifests, as Argo CD's `source.path`. */
export function manifestsPath(cluster: string): string {
  return `${MANIFESTS_DIR}/${cluster}`;
}

/** Path inside the repository of a cluster's Argo CD install. */
export function argoCdPath(cluster: string): string {
  return `${BOOTSTRAP_DIR}/${cluster}/${ARGO_CD_DIR}`;
}

/** Path inside the repository of the folder that a cluster's root Application syncs. */
export function appsPath(cluster: string): string {
  return `${BOOTSTRAP_DIR}/${cluster}/${APPS_DIR}`;
}

/**
 * Name of the Application that syncs a cluster's `dist/` folder; the cluster's other
 * Applications and its AppProject start with it.
 */
export function applicationName(cluster: string): string {
  return `notifications-${cluster}`;
}
