import { ApiObject, type ApiObjectMetadata, Size } from 'cdk8s';
import type { Construct } from 'constructs';
import type { DatabaseConnection } from './database-connection.js';

/**
 * Port of the classic MySQL protocol on the router Service that the operator creates; by default
 * it routes to the primary, for reads and writes.
 */
export const ROUTER_PORT = 3306;

/** Key of the root password in the Secret named by `secretName`, as the operator reads it. */
export const ROOT_PASSWORD_KEY = 'rootPassword';

/** Longest name the InnoDBCluster CRD accepts (`metadata.name.maxLength`). */
const MAX_NAME_LENGTH = 40;

/** Largest number of server instances the CRD accepts (`spec.instances.maximum`). */
const MAX_INSTANCES = 9;

/** Server and router versions, as the CRD's `version` pattern requires. */
const VERSION_PATTERN = /^\d+\.\d+\.\d+(-.+)?/;

/**
 * The persistent volume claim that each server instance gets for its data directory.
 */
export interface DatadirVolumeClaimOptions {
  /**
   * Storage requested for each instance.
   * @default Size.gibibytes(2)
   */
  readonly storage?: Size;

  /**
   * Access modes of the claim.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
   * @default ['ReadWriteOnce']
   */
  readonly accessModes?: readonly string[];

  /**
   * StorageClass of the claim.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
   * @default - unset, so the cluster's default StorageClass provisions the volume
   */
  readonly storageClassName?: string;
}

/**
 * Props of `InnoDbCluster`: the subset of the MySQL Operator's InnoDBCluster spec that this
 * repository uses.
 */
export interface InnoDbClusterProps {
  /**
   * Metadata of the object. The name also names the router Service that clients connect to.
   * @default - none; `name` and `namespace` are required
   */
  readonly metadata: ApiObjectMetadata;

  /**
   * Name of the Secret with the keys `rootUser`, `rootHost` and `rootPassword`. It is created
   * outside git (by hand or by an external secret store), never rendered here.
   * @default - none; required
   */
  readonly secretName: string;

  /**
   * Account that clients use, matching the Secret's `rootUser` key.
   * @default 'root'
   */
  readonly rootUser?: string;

  /**
   * Number of MySQL server instances (`spec.instances`).
   * @default 1
   */
  readonly instances?: number;

  /**
   * Number of MySQL Router instances (`spec.router.instances`).
   * @default 1
   */
  readonly routerInstances?: number;

  /**
   * Whether the operator uses self-signed TLS certificates (`spec.tlsUseSelfSigned`).
   * @default false
   */
  readonly tlsUseSelfSigned?: boolean;

  /**
   * MySQL Server version (`spec.version`).
   * @default - the version that the installed operator pairs with
   */
  readonly version?: string;

  /**
   * Claim for each instance's data directory (`spec.datadirVolumeClaimTemplate`).
   * @default - 2Gi, ReadWriteOnce, the default StorageClass
   */
  readonly datadir?: DatadirVolumeClaimOptions;
}

/**
 * An InnoDBCluster of the MySQL Operator for Kubernetes (`mysql.oracle.com/v2`): MySQL servers in
 * group replication behind MySQL Router, with a router Service named after the cluster.
 * @see https://dev.mysql.com/doc/mysql-operator/en/
 */
export class InnoDbCluster extends ApiObject {
  /** API version of the InnoDBCluster custom resource. */
  static readonly API_VERSION = 'mysql.oracle.com/v2';

  /** Kind of the InnoDBCluster custom resource. */
  static readonly KIND = 'InnoDBCluster';

  private readonly rootUser: string;
  private readonly secretName: string;

  constructor(scope: Construct, id: string, props: InnoDbClusterProps) {
    super(scope, id, {
      apiVersion: InnoDbCluster.API_VERSION,
      kind: InnoDbCluster.KIND,
      metadata: props.metadata,
      spec: renderSpec(props),
    });

    this.rootUser = props.rootUser ?? 'root';
    this.secretName = props.secretName;
    this.node.addValidation({ validate: () => validateProps(props) });
  }

  /** In-cluster DNS name of the router Service that the operator creates for this cluster. */
  get routerHost(): string {
    return `${this.name}.${this.metadata.namespace}.svc.cluster.local`;
  }

  /**
   * How a client inside the cluster reaches the given database through the router, as the
   * root account whose password the cluster's Secret holds.
   */
  connectionFor(database: string): DatabaseConnection {
    return {
      host: this.routerHost,
      port: ROUTER_PORT,
      database,
      user: this.rootUser,
      passwordSecretName: this.secretName,
      passwordSecretKey: ROOT_PASSWORD_KEY,
    };
  }
}

function renderSpec(props: InnoDbClusterProps): Record<string, unknown> {
  const datadir = props.datadir ?? {};

  return {
    secretName: props.secretName,
    instances: props.instances ?? 1,
    router: { instances: props.routerInstances ?? 1 },
    tlsUseSelfSigned: props.tlsUseSelfSigned ?? false,
    version: props.version,
    datadirVolumeClaimTemplate: {
      accessModes: [...(datadir.accessModes ?? ['ReadWriteOnce'])],
      resources: { requests: { storage: toQuantity(datadir.storage ?? Size.gibibytes(2)) } },
      storageClassName: datadir.storageClassName,
    },
  };
}

function toQuantity(size: Size): string {
  const mebibytes = size.toMebibytes();

  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

function validateProps(props: InnoDbClusterProps): string[] {
  const problems: string[] = [];
  const { name, namespace } = props.metadata;
  const instances = props.instances ?? 1;
  const routerInstances = props.routerInstances ?? 1;

  if (name === undefined) {
    problems.push('metadata.name is required: the router Service is named after it');
  } else if (name.length > MAX_NAME_LENGTH) {
    problems.push(`metadata.name "${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (namespace === undefined) {
    problems.push('metadata.namespace is required: clients address the router by namespace');
  }
  if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES) {
    problems.push(`instances must be a whole number from 1 to ${MAX_INSTANCES}, got ${instances}`);
  }
  if (!Number.isInteger(routerInstances) || routerInstances < 0) {
    problems.push(`routerInstances must be a whole number of 0 or more, got ${routerInstances}`);
  }
  if (props.version !== undefined && !VERSION_PATTERN.test(props.version)) {
    problems.push(`version "${props.version}" is not of the form 9.1.0`);
  }
  if (props.secretName === '') {
    problems.push('secretName must not be empty');
  }

  return problems;
}
