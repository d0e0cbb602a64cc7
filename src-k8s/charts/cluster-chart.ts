import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { ClusterSettings } from '../cluster-settings.js';
import { InnoDbCluster } from '../constructs/innodb-cluster.js';
import { NotificationsApp } from '../constructs/notifications-app.js';

/** Namespace that holds the app and its database in every cluster. */
export const NAMESPACE = 'notifications';

/** Value of the `app.kubernetes.io/part-of` label on every object. */
export const PART_OF = 'github-notifications';

/** Name of the InnoDBCluster, and so of the router Service the app connects to. */
export const DATABASE_CLUSTER_NAME = 'notifications-db';

/**
 * Secret with `rootUser`, `rootHost` and `rootPassword` for the InnoDBCluster; the app reads the
 * same `rootPassword`. It is not in git: it is created by hand or by an external secret store
 * before the first sync (see clusters/<cluster>/README.md).
 */
export const DATABASE_SECRET_NAME = 'notifications-db-credentials';

/** Database (schema) inside MySQL that holds the app's tables. */
export const DATABASE_NAME = 'notifications';

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
 * Every object of one cluster: the namespace, the MySQL InnoDBCluster and the app. The chart's
 * id is the cluster's name, which becomes the folder under `dist/`.
 */
export class ClusterChart extends Chart {
  constructor(scope: Construct, props: ClusterChartProps) {
    // No object relies on a generated name; hashes stay off so that none can slip in.
    super(scope, props.cluster.name, { disableResourceNameHashes: true });

    const { cluster } = props;
    const database = cluster.database ?? {};

    new kplus.Namespace(this, 'namespace', {
      metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/part-of': PART_OF } },
    });

    const innoDbCluster = new InnoDbCluster(this, 'database', {
      metadata: {
        name: DATABASE_CLUSTER_NAME,
        namespace: NAMESPACE,
        labels: {
          'app.kubernetes.io/name': DATABASE_CLUSTER_NAME,
          'app.kubernetes.io/part-of': PART_OF,
        },
      },
      secretName: DATABASE_SECRET_NAME,
      instances: database.instances,
      routerInstances: database.routerInstances,
      tlsUseSelfSigned: true,
      datadir: { storage: database.storage, storageClassName: database.storageClassName },
    });

    new NotificationsApp(this, 'app', {
      namespace: NAMESPACE,
      partOf: PART_OF,
      image: cluster.image,
      replicas: cluster.replicas,
      resources: cluster.resources,
      logLevel: cluster.logLevel,
      // The app logs in as root for now; a dedicated least-privilege account is still to come.
      database: innoDbCluster.connectionFor(DATABASE_NAME),
    });
  }
}
