import type { AppProjectProps, ClusterResourceKind } from '../constructs/argo-cd/app-project.js';
import { ARGO_CD_NAMESPACE } from '../constructs/argo-cd/argo-cd-application.js';
import {
  ADDON_CLUSTER_RESOURCES,
  ARGO_ROLLOUTS_CHART,
  ARGO_ROLLOUTS_NAMESPACE,
  EXTERNAL_SECRETS_CHART,
  EXTERNAL_SECRETS_NAMESPACE,
  MYSQL_OPERATOR_CHART,
  MYSQL_OPERATOR_NAMESPACE,
} from '../constructs/argo-cd/cluster-addons.js';
import { applicationName, repoURL } from '../gitops.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';
import { selectAddons } from './addon-selection.js';
import { NAMESPACE } from './cluster-chart.js';

/**
 * Cluster-scoped kinds of Argo CD's own install, which Argo CD applies to itself, and the
 * Namespaces of the cluster (rendered, or made by `CreateNamespace` for the add-ons).
 */
const ARGO_CD_CLUSTER_RESOURCES: readonly ClusterResourceKind[] = [
  { group: '', kind: 'Namespace' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];

/**
 * The one Argo CD project of a cluster: this repository and the chart repositories of the
 * cluster's add-ons as sources; Argo CD's namespace, the app's and the add-ons' as destinations;
 * and the cluster-scoped kinds that Argo CD's install and those charts need, nothing else.
 * A cluster with a `argoCd.syncWindow` gets it as a deny window.
 */
export function clusterProject(cluster: ClusterSettings): AppProjectProps {
  const addons = selectAddons(cluster);
  const chosen = <T>(selected: boolean, ...values: readonly T[]): readonly T[] =>
    selected ? values : [];
  const window = cluster.argoCd.syncWindow;

  return {
    name: applicationName(cluster.name),
    description: `Everything Argo CD deploys to the cluster ${cluster.name}, itself included.`,
    sourceRepos: [
      repoURL,
      ...chosen(addons.mysqlOperator, MYSQL_OPERATOR_CHART.repoURL),
      ...chosen(addons.externalSecrets, EXTERNAL_SECRETS_CHART.repoURL),
      ...chosen(addons.argoRollouts, ARGO_ROLLOUTS_CHART.repoURL),
    ],
    destinationNamespaces: [
      ARGO_CD_NAMESPACE,
      NAMESPACE,
      ...chosen(addons.mysqlOperator, MYSQL_OPERATOR_NAMESPACE),
      ...chosen(addons.externalSecrets, EXTERNAL_SECRETS_NAMESPACE),
      ...chosen(addons.argoRollouts, ARGO_ROLLOUTS_NAMESPACE),
    ],
    clusterResources: [
      ...ARGO_CD_CLUSTER_RESOURCES,
      ...chosen(addons.mysqlOperator, ...ADDON_CLUSTER_RESOURCES.mysqlOperator),
      ...chosen(addons.externalSecrets, ...ADDON_CLUSTER_RESOURCES.externalSecrets),
      ...chosen(addons.argoRollouts, ...ADDON_CLUSTER_RESOURCES.argoRollouts),
    ],
    denyWindows: window ? [window] : [],
  };
}
