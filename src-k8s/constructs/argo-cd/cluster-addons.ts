import { Construct } from 'constructs';
import type { ClusterResourceKind } from './app-project.js';
import { HelmApplication, type HelmChartReference } from './helm-application.js';
import { SyncWave } from './sync-order.js';
import type { IgnoredDifference } from './sync-policy.js';

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

/**
 * The Argo Rollouts controller, from the Argo project's chart repository. `CanaryRollout` uses
 * only canary steps (`setWeight`, `pause`) and the surge settings, which every 1.x controller
 * serves; the Argo CD UI shows a Rollout's steps and offers promote, abort and retry for it.
 * @see https://argoproj.github.io/argo-rollouts/installation/
 */
export const ARGO_ROLLOUTS_CHART: HelmChartReference = {
  repoURL: 'https://argoproj.github.io/argo-helm',
  chart: 'argo-rollouts',
  version: '2.35.1',
};

/** Namespace of the MySQL Operator. */
export const MYSQL_OPERATOR_NAMESPACE = 'mysql-operator';

/** Namespace of the External Secrets Operator. */
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';

/** Namespace of the Argo Rollouts controller. */
export const ARGO_ROLLOUTS_NAMESPACE = 'argo-rollouts';

/** Cluster-scoped kinds that every one of the charts installs. */
const CHART_BASICS: readonly ClusterResourceKind[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];

/**
 * The cluster-scoped kinds that each chart installs, which the cluster's Argo CD project must
 * allow: besides CRDs and cluster roles, the MySQL Operator's chart makes a ClusterKopfPeering
 * (its framework's leader election) and the External Secrets chart a validating webhook.
 */
export const ADDON_CLUSTER_RESOURCES = {
  mysqlOperator: [...CHART_BASICS, { group: 'zalando.org', kind: 'ClusterKopfPeering' }],
  externalSecrets: [
    ...CHART_BASICS,
    { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  ],
  argoRollouts: CHART_BASICS,
} as const satisfies Record<string, readonly ClusterResourceKind[]>;

/**
 * The External Secrets cert-controller writes the CA bundle of its webhooks into their
 * configurations (and into conversion webhooks of CRDs) after install; without this, the
 * Application would stay OutOfSync and self-heal would erase the bundle on every sync.
 */
const EXTERNAL_SECRETS_INJECTED_FIELDS: readonly IgnoredDifference[] = [
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
  },
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    jqPathExpressions: ['.spec.conversion.webhook.clientConfig.caBundle'],
  },
];

/** Which add-ons a cluster installs. */
export interface AddonSelection {
  /** The MySQL Operator, for an InnoDBCluster. */
  readonly mysqlOperator: boolean;
  /** The External Secrets Operator, for Secrets from a store or ECR. */
  readonly externalSecrets: boolean;
  /** The Argo Rollouts controller, for a canary rollout of the app. */
  readonly argoRollouts: boolean;
}

/**
 * Props of `ClusterAddons`.
 */
export interface ClusterAddonsProps {
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
   * Whether to install the Argo Rollouts controller.
   * @default false
   */
  readonly argoRollouts?: boolean;

  /**
   * Prefix of the Applications' names, so that they do not clash with others in Argo CD.
   * @default - none; required
   */
  readonly namePrefix: string;

  /**
   * Argo CD project of the Applications.
   * @default 'default'
   */
  readonly project?: string;

  /**
   * Labels of the Applications.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The operators a cluster needs, as Argo CD Applications of their upstream charts, in the
 * first sync wave so that their CRDs exist before the custom resources of later waves. Argo CD
 * waits for each to be healthy before the next wave, thanks to the Application health check in
 * its configuration (see `ArgoCdConfig`).
 */
export class ClusterAddons extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);

    const common = { labels: props.labels, project: props.project, wave: SyncWave.CLUSTER_ADDONS };

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
        ignoreDifferences: EXTERNAL_SECRETS_INJECTED_FIELDS,
      });
    }
    if (props.argoRollouts) {
      new HelmApplication(this, 'argo-rollouts', {
        ...common,
        name: `${props.namePrefix}-argo-rollouts`,
        chart: ARGO_ROLLOUTS_CHART,
        destinationNamespace: ARGO_ROLLOUTS_NAMESPACE,
        values: { installCRDs: true },
      });
    }
  }
}
