import type { SecretStoreReference } from '../external-secrets/secret-store-reference.js';

/** Where the Secrets of the database come from when a store is set. */
export interface OperatorDatabaseStore {
  /** The store. */
  readonly reference: SecretStoreReference;
  /** Store secret with a JSON property `password`: the administrator's (root) password. */
  readonly rootKey: string;
  /** Store secret with a JSON property `password`: the app account's password. */
  readonly appKey: string;
}

/**
 * The size and images of the InnoDBCluster.
 */
export interface OperatorClusterOptions {
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
   * Size of each server's data volume.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity
   * @default '2Gi'
   */
  readonly storage?: string;

  /**
   * StorageClass of the data volumes.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * MySQL Server and Router version, also the tag of the client image of the migration Job.
   * @default - none; required
   */
  readonly version: string;

  /**
   * Mirror of container-registry.oracle.com/mysql.
   * @default - the operator's default registry
   */
  readonly imageRepository?: string;
}
