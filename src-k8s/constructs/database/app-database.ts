import type { k8s } from 'cdk8s-plus-27';
import type { DatabaseConnection } from './database-connection.js';

/**
 * Steps that must run in the migration Job before migrating, such as creating the app's
 * least-privilege account with an administrator's credentials.
 */
export interface MigrationPreparation {
  /** Init containers, run in order before the migration container. */
  readonly initContainers: readonly k8s.Container[];
  /** Volumes that those containers mount. */
  readonly volumes: readonly k8s.Volume[];
}

/**
 * What the app and its migrations see of the database, whichever way it runs (an InnoDBCluster
 * in the cluster or a managed service outside it). The charts depend on this alone.
 */
export interface AppDatabase {
  /** How the app connects: an account that may read and write rows, nothing more. */
  readonly appConnection: DatabaseConnection;

  /** How the migration Job connects: an account that may change the schema. */
  readonly migrationConnection: DatabaseConnection;

  /** What the migration Job runs before migrating; none when nothing is needed. */
  readonly migrationPreparation?: MigrationPreparation;

  /** Egress rules that let a client pod reach the database, for its NetworkPolicy. */
  readonly clientEgress: readonly k8s.NetworkPolicyEgressRule[];

  /**
   * Lets pods with these labels connect. A database inside the cluster admits them with a
   * NetworkPolicy named after `client`; one outside it is guarded by its cloud's firewall
   * (security groups) and ignores the call.
   */
  allowClients(client: string, podLabels: Readonly<Record<string, string>>): void;
}
