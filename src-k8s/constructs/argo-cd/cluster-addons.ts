import { Construct } from 'constructs';
import { SyncWave } from './sync-order.js';
import { HelmApplication, type HelmChartReference } from './helm-application.js';

/**
 * The MySQL Operator for Kubernetes. Chart 2.2.2 installs operator 9.1.0-2.2.2, the release whose
 * CRDs the tests validate InnoDBClusters against (../shared/schemas/mysql-operator).
 * @see https://dev.mysql.com/doc/mysql-operator/en/mysql-operator-installation-helm.html
 */
export const MYSQL_OPERATOR_CHART: HelmChartReference = {
  repoURL: 'https://mysql.github.io/mysql-operator/',
  chart: 'mysql-operator',
  version: '2.2.2',
};

/**
 * The External Secrets Operator. 0.16.x is the last line that still serves the
 * `external-secrets.io/v1beta1` API these manifests use (0.17.0 stopped serving it); moving on
 * means rendering `external-secrets.io/v1`, which has the same fields.
 * @see https://external-secrets.io/latest/introduction/getting-started/
 */
export const EXTERNAL_SECRETS_CHART: HelmChartReference = {
  repoURL: 'https://charts.external-secrets.io',
  chart: 'external-secrets',
  version: '0.16.2',
};

/** Namespace of the MySQL Operator. */
export const MYSQL_OPERATOR_NAMESPACE = 'mysql-operator';

/** Namespace of the External Secrets Operator. */
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';

/**
 * Props of `ClusterAddons`.
 */
export interface ClusterAddonsProps {
  /**
   * Prefix of the Applications' names, so that they do not clash with others in Argo CD.
   * @default - none; required
   */
  readonly namePrefix: string;

  /**
   * Whether to install the MySQL Operator.
   * @default false
   */
  readonly mysqlOperator?: boolean;

  /**
   * Whether to install the External Secrets Operator.
   * @default false
   */
  readonly externalSecrets?: boolean;

  /**
   * Labels of the Applications.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The operators a cluster needs, as Argo CD Applications of their upstream charts, in the
 * first sync wave so that their CRDs exist before the custom resources of later waves.
 *
 * Argo CD only waits for a child Application to be healthy if its own configuration has a
 * health check for Applications (`resource.customizations.health.argoproj.io_Application` in
 * argocd-cm, see each cluster's README); without it, the custom resources are retried until the
 * CRDs appear.
 */
export class ClusterAddons extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);

    const common = { labels: props.labels, wave: SyncWave.CLUSTER_ADDONS };

    if (props.mysqlOperator) {
      new HelmApplication(this, 'mysql-operator', {
        ...common,
        name: `${props.namePrefix}-mysql-operator`,
        chart: MYSQL_OPERATOR_CHART,
        destinationNamespace: MYSQL_OPERATOR_NAMESPACE,
      });
    }
    if (props.externalSecrets) {
      new HelmApplication(this, 'external-secrets', {
        ...common,
        name: `${props.namePrefix}-external-secrets`,
        chart: EXTERNAL_SECRETS_CHART,
        destinationNamespace: EXTERNAL_SECRETS_NAMESPACE,
        values: { installCRDs: true },
      });
    }
  }
}
