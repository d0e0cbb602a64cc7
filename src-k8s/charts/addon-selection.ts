import type { AddonSelection } from '../constructs/argo-cd/cluster-addons.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';

/**
 * The add-ons a cluster installs: each when the cluster's settings need it (an InnoDBCluster, a
 * secret store or ECR pulls, a canary rollout) and `addons` does not say that the cluster runs
 * it already.
 */
export function selectAddons(cluster: ClusterSettings): AddonSelection {
  const { addons } = cluster;

  return {
    mysqlOperator: cluster.database.mode === 'operator' && addons.mysqlOperator,
    externalSecrets:
      (cluster.secretStore !== undefined || cluster.imagePullSecret !== undefined) &&
      addons.externalSecrets,
    argoRollouts: cluster.app.rollout !== undefined && addons.argoRollouts,
  };
}
