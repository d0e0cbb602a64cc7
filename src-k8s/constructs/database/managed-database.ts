import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ipBlockPeer, tcpPorts } from '../network/network-rules.js';
import { ExternalSecret } from '../external-secrets/external-secret.js';
import type { SecretStoreReference } from '../external-secrets/secret-store-reference.js';
import type { AppDatabase } from './app-database.js';
import type { DatabaseConnection } from './database-connection.js';

/**
 * Props of `ManagedDatabase`.
 */
export interface ManagedDatabaseProps {
  /**
   * Namespace of the Secrets.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Prefix of the Secrets' names: `<name>-app` and `<name>-migrator`.
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
   * Store of the two accounts' credentials.
   * @default - none; required
   */
  readonly store: SecretStoreReference;

  /**
   * Store secret of the app's account: JSON with `host`, `username` and `password`, as AWS
   * Secrets Manager keeps RDS credentials; the account may only read and write rows.
   * @default - none; required
   */
  readonly appKey: string;

  /**
   * Store secret of the migrations' account, same format; it may change the schema.
   * @default - none; required
   */
  readonly migratorKey: string;

  /**
   * Addresses the database endpoint may have, for egress policies (`ipBlock.cidr`).
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default - none; required
   */
  readonly cidr: string;

  /**
   * TCP port of the database.
   * @default 3306
   */
  readonly port?: number;

  /**
   * ConfigMap, made outside git, with the PEM bundle that verifies the server certificate.
   * @default - none; required
   */
  readonly caBundle: { readonly configMapName: string; readonly key: string };
}

/**
 * A managed MySQL outside the cluster (such as Amazon RDS for MySQL). Host and credentials come
 * from the external store and never reach git; connections use TLS and verify the server's
 * certificate against the provider's CA bundle. The accounts exist already (a DBA creates them
 * once, see the cluster's README), so that the master credentials never enter the cluster.
 */
export class ManagedDatabase extends Construct implements AppDatabase {
  /** The app's account, through the router or to the endpoint. */
  readonly appConnection: DatabaseConnection;
  /** The account that migrations change the schema with. */
  readonly migrationConnection: DatabaseConnection;
  /** Where client pods may connect to. */
  readonly clientEgress: readonly k8s.NetworkPolicyEgressRule[];

  constructor(scope: Construct, id: string, props: ManagedDatabaseProps) {
    super(scope, id);

    const name = props.name ?? 'notifications-db';
    const port = props.port ?? 3306;
    const databaseName = props.databaseName ?? 'notifications';
    const tls = { mode: 'verify', caBundle: props.caBundle } as const;
    const account = (secretId: string, secretName: string, remoteKey: string) => {
      new ExternalSecret(this, secretId, {
        name: secretName,
        namespace: props.namespace,
        labels: props.labels,
        store: props.store,
        data: ['host', 'username', 'password'].map((property) => ({
          secretKey: property,
          remoteKey,
          property,
        })),
        template: {
          url: `mysql://{{ .username }}@{{ .host }}:${port}/${databaseName}`,
          password: '{{ .password }}',
        },
      });

      return {
        url: { secret: { secretName, key: 'url' } },
        password: { secretName, key: 'password' },
        tls,
      };
    };

    this.appConnection = account('app-secret', `${name}-app`, props.appKey);
    this.migrationConnection = account('migrator-secret', `${name}-migrator`, props.migratorKey);
    this.clientEgress = [{ to: [ipBlockPeer(props.cidr)], ports: tcpPorts(port) }];
  }

  /** The database's security group admits clients; there is nothing to do in the cluster. */
  allowClients(): void {}
}
