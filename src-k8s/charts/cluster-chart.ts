import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { APP_PORT } from '../constructs/app/app-pod.js';
import { MigrationJob } from '../constructs/app/migration-job.js';
import {
  NotificationsApp,
  SESSION_KEYS_KEY,
  TOKEN_ENCRYPTION_KEY_KEY,
  TOKEN_ENCRYPTION_PREVIOUS_KEYS_KEY,
} from '../constructs/app/notifications-app.js';
import { ArgoCdWebhookSecret } from '../constructs/argo-cd/argo-cd-webhook-secret.js';
import { ClusterAddons } from '../constructs/argo-cd/cluster-addons.js';
import { syncWave, SyncWave } from '../constructs/argo-cd/sync-order.js';
import type { AppDatabase } from '../constructs/database/app-database.js';
import { DefaultDeny } from '../constructs/network/default-deny.js';
import { httpsEgress, namespacePeer, tcpPorts } from '../constructs/network/network-rules.js';
import { PodNetworkPolicy } from '../constructs/network/pod-network-policy.js';
import { ExternalSecret } from '../constructs/external-secrets/external-secret.js';
import { ImagePullSecret } from '../constructs/external-secrets/image-pull-secret.js';
import { SecretStore } from '../constructs/external-secrets/secret-store.js';
import { applicationName } from '../gitops.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';
import { selectAddons } from './addon-selection.js';
import { clusterDatabase } from './cluster-database.js';
import { storeKeys } from './store-keys.js';

/** Namespace that holds the app and its database in every cluster. */
export const NAMESPACE = 'notifications';

/** Value of the `app.kubernetes.io/part-of` label on every object. */
export const PART_OF = 'github-notifications';

/** Secret with the app's own keys; made by an ExternalSecret, or by hand in dev. */
export const APP_SECRET_NAME = 'notifications-app-secrets';

/** Registry credentials Secret, when the cluster pulls from a private registry. */
export const IMAGE_PULL_SECRET_NAME = 'notifications-image-pull';

/** SecretStore (and its ServiceAccount) of the cluster's external store. */
export const SECRET_STORE_NAME = 'notifications-store';

/**
 * Props of `ClusterChart`.
 */
export interface ClusterChartProps {
  /**
   * The values that the cluster chooses.
   * @default - none; required
   */
  readonly cluster: ClusterSettings;
}

/**
 * Every object of one cluster: the namespace and its network policies, the operators it needs,
 * the sources of its Secrets (Argo CD's webhook secret included), the database, the migration
 * Job and the app. The chart's id is the cluster's name, which becomes the folder under `dist/`.
 */
export class ClusterChart extends Chart {
  constructor(scope: Construct, props: ClusterChartProps) {
    // No object relies on a generated name; hashes stay off so that none can slip in.
    super(scope, props.cluster.name, { disableResourceNameHashes: true });

    const { cluster } = props;
    const labels = { 'app.kubernetes.io/part-of': PART_OF };
    const namespace = NAMESPACE;
    const usesOperator = cluster.database.mode === 'operator';
    const addons = selectAddons(cluster);

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: namespace,
        labels: { ...labels, ...podSecurityLabels(usesOperator) },
        annotations: syncWave(SyncWave.CLUSTER_ADDONS),
      },
    });
    new ClusterAddons(this, 'addons', {
      ...addons,
      namePrefix: applicationName(cluster.name),
      project: applicationName(cluster.name),
      labels,
    });
    new DefaultDeny(this, 'default-deny', { namespace, labels });

    const keys = cluster.secretStore ? storeKeys(cluster.secretStore.keyPrefix) : undefined;
    const store = cluster.secretStore
      ? new SecretStore(this, 'secret-store', {
          name: SECRET_STORE_NAME,
          namespace,
          labels,
          settings: cluster.secretStore,
        }).reference
      : undefined;
    const pullSecret = cluster.imagePullSecret
      ? new ImagePullSecret(this, 'image-pull-secret', {
          name: IMAGE_PULL_SECRET_NAME,
          namespace,
          labels,
          settings: cluster.imagePullSecret,
          store,
          remoteKey: keys?.imagePull,
        }).secretName
      : undefined;

    if (cluster.secretStore && keys) {
      new ArgoCdWebhookSecret(this, 'argo-cd-webhook', {
        settings: cluster.secretStore,
        remoteKey: keys.argoCdWebhook,
        labels,
      });
    }
    if (store && keys) {
      new ExternalSecret(this, 'app-secrets', {
        name: APP_SECRET_NAME,
        namespace,
        labels,
        store,
        data: [TOKEN_ENCRYPTION_KEY_KEY, TOKEN_ENCRYPTION_PREVIOUS_KEYS_KEY, SESSION_KEYS_KEY].map(
          (key) => ({ secretKey: key, remoteKey: keys.app, property: key }),
        ),
      });
    }

    const database = clusterDatabase(this, cluster, {
      namespace,
      labels,
      store: store && keys ? { reference: store, keys } : undefined,
      imagePullSecretName: pullSecret,
    });
    this.renderWorkloads(cluster, database, pullSecret);
  }

  private renderWorkloads(
    cluster: ClusterSettings,
    database: AppDatabase,
    pullSecret: string | undefined,
  ): void {
    const { app, network } = cluster;
    const common = { namespace: NAMESPACE, partOf: PART_OF };
    const labels = { 'app.kubernetes.io/part-of': PART_OF };

    const migration = new MigrationJob(this, 'migration', {
      ...common,
      image: app.image,
      database: database.migrationConnection,
      preparation: database.migrationPreparation,
      imagePullSecretName: pullSecret,
      logLevel: app.logLevel,
      userNamespaces: app.userNamespaces,
    });
    const notifications = new NotificationsApp(this, 'app', {
      ...common,
      image: app.image,
      database: database.appConnection,
      appSecretName: APP_SECRET_NAME,
      imagePullSecretName: pullSecret,
      replicas: app.replicas,
      resources: app.resources,
      settings: {
        LOG_LEVEL: app.logLevel,
        GITHUB_API_URL: app.githubApiUrl,
        SIGN_IN_RATE_LIMIT: String(app.signInRateLimit),
      },
      autoscaling: app.autoscaling,
      maxUnavailable: app.maxUnavailable,
      spreadAcrossZones: app.spreadAcrossZones,
      userNamespaces: app.userNamespaces,
      ingress: app.ingress,
      canarySteps: app.rollout?.steps,
    });

    database.allowClients('app', notifications.selectorLabels);
    database.allowClients('migrate', migration.podLabels);

    const scrapers = network.metricsNamespace ? [namespacePeer(network.metricsNamespace)] : [];
    new PodNetworkPolicy(this, 'app-policy', {
      name: notifications.name,
      namespace: NAMESPACE,
      labels,
      podLabels: notifications.selectorLabels,
      ingress: [
        { from: [namespacePeer(network.ingressNamespace), ...scrapers], ports: tcpPorts(APP_PORT) },
      ],
      egress: [...database.clientEgress, httpsEgress()],
    });
    new PodNetworkPolicy(this, 'migration-policy', {
      name: 'notifications-migrate',
      namespace: NAMESPACE,
      labels,
      podLabels: migration.podLabels,
      egress: [...database.clientEgress],
    });
  }
}

/**
 * Pod Security admission for the namespace. Everything this repository renders meets
 * "restricted"; the MySQL Operator's server pods do not (an init container fixes data
 * directory ownership as root), so a namespace with an InnoDBCluster enforces "baseline" and
 * still warns and audits against "restricted".
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
function podSecurityLabels(usesOperator: boolean): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': usesOperator ? 'baseline' : 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  };
}
