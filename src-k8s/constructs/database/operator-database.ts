import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { customResourceSync, SyncWave } from '../argo-cd/sync-order.js';
import { ipBlockPeer, namespacePeer, podPeer, tcpPorts } from '../network/network-rules.js';
import { PodNetworkPolicy } from '../network/pod-network-policy.js';
import type { PodIdentity } from '../pod-security.js';
import { ExternalSecret } from '../external-secrets/external-secret.js';
import type { AppDatabase, MigrationPreparation } from './app-database.js';
import { DatabaseAccounts } from './database-accounts.js';
import { DatabaseBackups, type DatabaseBackupsProps } from './database-backups.js';
import { type DatabaseConnection, toMysqlUrl } from './database-connection.js';
import type { OperatorClusterOptions, OperatorDatabaseStore } from './operator-database-options.js';
import { CLUSTER_LABEL, InnoDbCluster, ROOT_SECRET_KEYS, ROUTER_PORT } from './innodb-cluster.js';

/** Where the operator's images come from unless a mirror is set. */
const DEFAULT_IMAGE_REPOSITORY = 'container-registry.oracle.com/mysql';

/** The administrator the operator creates from the root Secret, as its `rootUser` must say. */
export const ROOT_USER = 'root';

/**
 * Ports MySQL Router listens on inside its pods: classic protocol read-write (6446), read-only
 * (6447) and read/write split (6450). Network policies see these, not the Service's 3306.
 */
const ROUTER_POD_PORTS = [6446, 6447, 6450] as const;

/** Ports of the Kubernetes API server that the operator's sidecars and backup pods call. */
const API_SERVER_PORTS = [443, 6443] as const;

/**
 * Props of `OperatorDatabase`.
 */
export interface OperatorDatabaseProps {
  /**
   * Namespace of every object.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Name of the InnoDBCluster and so of its router Service; other objects start with it.
   * @default 'notifications-db'
   */
  readonly name?: string;

  /**
   * Labels of every object.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Database (schema) of the app.
   * @default 'notifications'
   */
  readonly databaseName?: string;

  /**
   * MySQL account of the app, made by the migration Job with row privileges only.
   * @default 'notifications_app'
   */
  readonly appUser?: string;

  /**
   * Servers, routers, storage, version and image mirror of the InnoDBCluster.
   * @default - one server and one router, 2Gi each, the default StorageClass
   */
  readonly cluster?: OperatorClusterOptions;

  /**
   * Registry credentials Secret for a private image mirror.
   * @default - none
   */
  readonly imagePullSecretName?: string;

  /**
   * External store of the root and app passwords; without it, both Secrets are made by hand.
   * @default - none
   */
  readonly store?: OperatorDatabaseStore;

  /**
   * Scheduled dumps and their retention.
   * @default - none
   */
  readonly backup?: Omit<DatabaseBackupsProps, 'name' | 'namespace' | 'labels'>;

  /**
   * Namespace of the MySQL Operator, which manages the servers over the network.
   * @default 'mysql-operator'
   */
  readonly operatorNamespace?: string;

  /**
   * Addresses of the Kubernetes API server (CIDR).
   * @default '0.0.0.0/0'
   */
  readonly apiServerCidr?: string;

  /**
   * User and group of the account-creating init container in the migration Job.
   * @default - none; required
   */
  readonly jobIdentity: PodIdentity;
}

/**
 * The app's database inside the cluster: an InnoDBCluster of the MySQL Operator, its Secrets
 * (from the external store, or made by hand), the step that creates the app's least-privilege
 * account, optional backups, and network policies that admit only the servers themselves, the
 * operator, the backups and the clients that `allowClients` names.
 */
export class OperatorDatabase extends Construct implements AppDatabase {
  /** The app's account, through the router or to the endpoint. */
  readonly appConnection: DatabaseConnection;
  /** The account that migrations change the schema with. */
  readonly migrationConnection: DatabaseConnection;
  /** Creates the app's account before migrating. */
  readonly migrationPreparation: MigrationPreparation;
  /** Where client pods may connect to. */
  readonly clientEgress: readonly k8s.NetworkPolicyEgressRule[];

  private readonly name: string;
  private readonly namespace: string;
  private readonly labels: Record<string, string>;
  private readonly serverLabels: Record<string, string>;

  constructor(scope: Construct, id: string, props: OperatorDatabaseProps) {
    super(scope, id);

    this.name = props.name ?? 'notifications-db';
    this.namespace = props.namespace;
    this.labels = { ...props.labels };
    this.serverLabels = { [CLUSTER_LABEL]: this.name };
    const rootSecretName = `${this.name}-credentials`;
    const appSecretName = `${this.name}-app`;
    const databaseName = props.databaseName ?? 'notifications';
    const appUser = props.appUser ?? 'notifications_app';
    const settings = props.cluster ?? { version: '9.1.0' };
    const imageRepository = settings.imageRepository ?? DEFAULT_IMAGE_REPOSITORY;
    const pullSecrets = props.imagePullSecretName ? [props.imagePullSecretName] : [];

    if (props.store) {
      this.renderSecrets(props.store, rootSecretName, appSecretName);
    }
    const backups = props.backup
      ? new DatabaseBackups(this, 'backups', {
          ...props.backup,
          name: `${this.name}-backup`,
          namespace: this.namespace,
          labels: this.labels,
        })
      : undefined;

    const cluster = new InnoDbCluster(this, 'cluster', {
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: { ...this.labels, 'app.kubernetes.io/name': this.name },
        // Deleting the cluster from git must not delete the database.
        annotations: customResourceSync(SyncWave.DATABASE, 'Delete=false'),
      },
      secretName: rootSecretName,
      instances: settings.instances,
      routerInstances: settings.routerInstances,
      // In-cluster traffic stays inside the namespace behind its network policies; the app
      // cannot verify self-signed certificates, so it connects with DATABASE_TLS=off.
      tlsUseSelfSigned: true,
      version: settings.version,
      imageRepository: settings.imageRepository,
      imagePullSecrets: pullSecrets,
      datadir: { storage: settings.storage, storageClassName: settings.storageClassName },
      backupSchedules: backups ? [backups.schedule] : [],
    });

    const url = (user: string) => toMysqlUrl(user, cluster.routerHost, ROUTER_PORT, databaseName);
    this.appConnection = {
      url: { value: url(appUser) },
      password: { secretName: appSecretName, key: 'password' },
      tls: { mode: 'off' },
    };
    // The Job's init container holds the root password anyway, so a separate schema-changing
    // account would not narrow what the Job can do; the app itself never sees root.
    this.migrationConnection = {
      url: { value: url(ROOT_USER) },
      password: { secretName: rootSecretName, key: ROOT_SECRET_KEYS.password },
      tls: { mode: 'off' },
    };
    this.migrationPreparation = new DatabaseAccounts(this, 'accounts', {
      name: `${this.name}-accounts`,
      namespace: this.namespace,
      labels: this.labels,
      clientImage: `${imageRepository}/community-server:${settings.version}`,
      server: { host: cluster.routerHost, port: ROUTER_PORT },
      admin: {
        user: { secretName: rootSecretName, key: ROOT_SECRET_KEYS.user },
        password: { secretName: rootSecretName, key: ROOT_SECRET_KEYS.password },
      },
      databaseName,
      app: { user: appUser, password: { secretName: appSecretName, key: 'password' } },
      identity: props.jobIdentity,
    }).preparation;
    this.clientEgress = [
      { to: [podPeer(this.serverLabels)], ports: tcpPorts(...ROUTER_POD_PORTS) },
    ];

    this.renderPolicies(props, backups?.podLabels);
  }

  /** Admits the pods with `podLabels` to the router ports with a policy of their own. */
  allowClients(client: string, podLabels: Readonly<Record<string, string>>): void {
    new PodNetworkPolicy(this, `from-${client}`, {
      name: `${this.name}-from-${client}`,
      namespace: this.namespace,
      labels: this.labels,
      podLabels: this.serverLabels,
      ingress: [{ from: [podPeer(podLabels)], ports: tcpPorts(...ROUTER_POD_PORTS) }],
      wave: SyncWave.DATABASE,
    });
  }

  private renderSecrets(store: OperatorDatabaseStore, rootName: string, appName: string): void {
    const common = { namespace: this.namespace, labels: this.labels, store: store.reference };

    // Exactly the keys the operator reads; rootHost % lets root log in through the router.
    new ExternalSecret(this, 'root-secret', {
      ...common,
      name: rootName,
      data: [{ secretKey: 'password', remoteKey: store.rootKey, property: 'password' }],
      template: {
        [ROOT_SECRET_KEYS.user]: ROOT_USER,
        [ROOT_SECRET_KEYS.host]: '%',
        [ROOT_SECRET_KEYS.password]: '{{ .password }}',
      },
    });
    new ExternalSecret(this, 'app-secret', {
      ...common,
      name: appName,
      data: [{ secretKey: 'password', remoteKey: store.appKey, property: 'password' }],
    });
  }

  /**
   * The servers and routers talk to each other on any port (group replication, the router's
   * metadata reads), the operator manages them from its namespace, and their sidecars call the
   * API server. Clients get their own policies from `allowClients`.
   */
  private renderPolicies(props: OperatorDatabaseProps, backupLabels?: Record<string, string>) {
    const apiServer = {
      to: [ipBlockPeer(props.apiServerCidr ?? '0.0.0.0/0')],
      ports: tcpPorts(...API_SERVER_PORTS),
    };
    const ingress: k8s.NetworkPolicyIngressRule[] = [
      { from: [podPeer(this.serverLabels)] },
      { from: [namespacePeer(props.operatorNamespace ?? 'mysql-operator')] },
    ];

    if (backupLabels) {
      ingress.push({ from: [podPeer(backupLabels)] });
      new PodNetworkPolicy(this, 'backup-policy', {
        name: `${this.name}-backup`,
        namespace: this.namespace,
        labels: this.labels,
        podLabels: backupLabels,
        egress: [{ to: [podPeer(this.serverLabels)] }, apiServer],
        wave: SyncWave.DATABASE,
      });
    }

    new PodNetworkPolicy(this, 'policy', {
      name: this.name,
      namespace: this.namespace,
      labels: this.labels,
      podLabels: this.serverLabels,
      ingress,
      egress: [{ to: [podPeer(this.serverLabels)] }, apiServer],
      wave: SyncWave.DATABASE,
    });
  }
}
