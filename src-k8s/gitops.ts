/**
 * This repository as Argo CD sees it. The Applications under `clusters/` are generated from these
 * values, so the repository's address is written down here and nowhere else.
 */

/** Git URL that Argo CD clones. */
export const repoURL = 'https://github.com/example-org/github-notifications-gitops.git';

/** Branch that Argo CD follows. */
export const targetRevision = 'main';

/** Folder, relative to the repository root, that holds the rendered manifests of every cluster. */
export const MANIFESTS_DIR = 'dist';

/** Folder, relative to the repository root, that holds each cluster's bootstrap files. */
export const BOOTSTRAP_DIR = 'clusters';

/** Name of the generated Argo CD Application file inside `clusters/<cluster>/`. */
export const APPLICATION_FILE = 'application.yaml';

/** Path inside the repository of a cluster's rendered manifests, as Argo CD's `source.path`. */
export function manifestsPath(cluster: string): string {
  return `${MANIFESTS_DIR}/${cluster}`;
}
