import type { Size } from 'cdk8s';
import type { LogLevel } from './constructs/app-environment.js';
import type { NotificationsAppResources } from './constructs/notifications-app.js';

/**
 * The database part of a cluster's settings.
 */
export interface DatabaseSettings {
  /**
   * Number of MySQL server instances.
   * @default 1
   */
  readonly instances?: number;

  /**
   * Number of MySQL Router instances.
   * @default 1
   */
  readonly routerInstances?: number;

  /**
   * Size of each instance's data volume.
   * @default Size.gibibytes(2)
   */
  readonly storage?: Size;

  /**
   * StorageClass of the data volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Everything that differs between clusters. A cluster definition chooses these values and
 * nothing else; the constructs turn them into objects.
 */
export interface ClusterSettings {
  /**
   * Name of the cluster, used as the folder under `dist/` and `clusters/`.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Image of the app, with a pinned tag or digest.
   * @default - none; required
   */
  readonly image: string;

  /**
   * Number of app pods.
   * @default 2
   */
  readonly replicas?: number;

  /**
   * CPU and memory of the app container.
   * @default - the defaults of `NotificationsApp`
   */
  readonly resources?: NotificationsAppResources;

  /**
   * Log level of the app.
   * @default 'info'
   */
  readonly logLevel?: LogLevel;

  /**
   * MySQL settings.
   * @default - one server, one router, 2Gi on the default StorageClass
   */
  readonly database?: DatabaseSettings;
}
