import { resolveClustersDir } from '../src-k8s/paths.js';
import { PromoteError } from './cluster-image.js';
import { promoteCluster } from './promote-cluster.js';

const USAGE = 'usage: npm run promote -- <cluster> <image-tag>';

/**
 * `npm run promote -- <cluster> <image-tag>`: moves a cluster to another image tag, as the
 * release workflow does before it opens a pull request: edits clusters/<cluster>/cluster.yaml
 * (or the folder that CLUSTERS_DIR names), prints the change and re-renders dist/. Exits 2 on
 * wrong arguments and 1, with one line naming the file and key, when the promotion fails.
 */
function main(args: readonly string[]): number {
  const [cluster, tag, ...extra] = args;

  if (cluster === undefined || tag === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }

  promoteCluster({ clustersDir: resolveClustersDir(), cluster, tag });
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // A promotion error is already one line naming the file and key; anything else is a bug.
  console.error(error instanceof PromoteError ? error.message : error);
  process.exitCode = 1;
}
