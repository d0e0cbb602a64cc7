import type { Construct } from 'constructs';
import { APP_IDENTITY } from '../constructs/app/app-pod.js';
import { MYSQL_OPERATOR_NAMESPACE } from '../constructs/argo-cd/cluster-addons.js';
import type { AppDatabase } from '../constructs/database/app-database.js';
import { ManagedDatabase } from '../constructs/database/managed-database.js';
import { OperatorDatabase } from '../constructs/database/operator-database.js';
import type { SecretStoreReference } from '../constructs/external-secrets/secret-store-reference.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';
import type { StoreKeys } from './store-keys.js';

/** What the chart has already built that the database uses. */
export interface ClusterDatabaseContext {
  /** Namespace of the app and the database's objects. */
  readonly namespace: string;
  /** Labels of every object. */
  readonly labels: Readonly<Record<string, string>>;
  /** The cluster's secret store and the names in it; none when Secrets are made by hand. */
  readonly store?: { readonly reference: SecretStoreReference; readonly keys: StoreKeys };
  /** Registry credentials Secret, for a private mirror of the MySQL images. */
  readonly imagePullSecretName?: string;
}

/** The database that the cluster's settings choose, behind the one interface the app sees. */
export function clusterDatabase(
  scope: Construct,
  cluster: ClusterSettings,
  context: ClusterDatabaseContext,
): AppDatabase {
  const { database } = cluster;
  const { namespace, labels, store } = context;

  if (database.mode === 'managed') {
    if (store === undefined) {
      throw new Error(`${cluster.name}: a managed database needs a secret store`);
    }

    return new ManagedDatabase(scope, 'database', {
      namespace,
      labels,
      store: store.reference,
      appKey: store.keys.databaseApp,
      migratorKey: store.keys.databaseMigrator,
      cidr: database.cidr,
      port: database.port,
      caBundle: database.caBundle,
    });
  }

  return new OperatorDatabase(scope, 'database', {
    namespace,
    labels,
    cluster: database,
    imagePullSecretName: database.imageRepository ? context.imagePullSecretName : undefined,
    store: store && {
      reference: store.reference,
      rootKey: store.keys.databaseRoot,
      appKey: store.keys.databaseApp,
    },
    backup: database.backup,
    operatorNamespace: MYSQL_OPERATOR_NAMESPACE,
    apiServerCidr: cluster.network.apiServerCidr,
    jobIdentity: APP_IDENTITY,
  });
}
