import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * Port of the classic MySQL protocol on the router Service that the operator creates; by default
 * it routes to the primary, for reads and writes.
 */
export const ROUTER_PORT = 3306;

/** Keys of the Secret named by `secretName`, exactly as the operator reads them. */
export const ROOT_SECRET_KEYS = {
  user: 'rootUser',
  host: 'rootHost',
  password: 'rootPassword',
} as const;

/** Label that the operator puts on every server and router pod of a cluster, set to its name. */
export const CLUSTER_LABEL = 'mysql.oracle.com/cluster';

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
   * Storage requested for each instance, as a quantity.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity
   * @default '2Gi'
   */
  readonly storage?: string;

  /**
   * StorageClass of the claim.
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
   * @default - unset, so the cluster's default StorageClass provisions the volume
   */
  readonly storageClassName?: string;
}

/**
 * A scheduled backup: a `dumpInstance` profile and the schedule that runs it.
 */
export interface InnoDbBackupSchedule {
  /** Name of the schedule, unique in the cluster. */
  readonly name: string;
  /** Cron line. */
  readonly schedule: string;
  /** IANA time zone of the cron line. */
  readonly timeZone: string;
  /** PersistentVolumeClaim that the dumps are written to. */
  readonly claimName: string;
  /** Labels of the backup pods, so that network policies can let them reach the servers. */
  readonly podLabels: Readonly<Record<string, string>>;
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
   * Name of the Secret with the keys `rootUser`, `rootHost` and `rootPassword`, made outside
   * git (by hand or by an ExternalSecret), never rendered here (`spec.secretName`).
   * @default - none; required
   */
  readonly secretName: string;

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
   * MySQL Server and Router version (`spec.version`).
   * @default - the version that the installed operator pairs with
   */
  readonly version?: string;

  /**
   * Claim for each instance's data directory (`spec.datadirVolumeClaimTemplate`).
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
   * @default - 2Gi, ReadWriteOnce, the default StorageClass
   */
  readonly datadir?: DatadirVolumeClaimOptions;

  /**
   * Registry and path of the server, router and sidecar images (`spec.imageRepository`).
   * @default - the operator's default, container-registry.oracle.com/mysql
   */
  readonly imageRepository?: string;

  /**
   * Secrets that the server and router pods pull their images with (`spec.imagePullSecrets`).
   * @see https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod
   * @default []
   */
  readonly imagePullSecrets?: readonly string[];

  /**
   * Scheduled dumps (`spec.backupProfiles` and `spec.backupSchedules`).
   * @default []
   */
  readonly backupSchedules?: readonly InnoDbBackupSchedule[];
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

  constructor(scope: Construct, id: string, props: InnoDbClusterProps) {
    super(scope, id, {
      apiVersion: InnoDbCluster.API_VERSION,
      kind: InnoDbCluster.KIND,
      metadata: props.metadata,
      spec: renderSpec(props),
    });

    this.node.addValidation({ validate: () => validateProps(props) });
  }

  /** In-cluster DNS name of the router Service that the operator creates for this cluster. */
  get routerHost(): string {
    return `${this.name}.${this.metadata.namespace}.svc.cluster.local`;
  }
}

function renderSpec(props: InnoDbClusterProps): Record<string, unknown> {
  const datadir = props.datadir ?? {};
  const schedules = props.backupSchedules ?? [];
  const pullSecrets = props.imagePullSecrets ?? [];

  return {
    secretName: props.secretName,
    instances: props.instances ?? 1,
    router: { instances: props.routerInstances ?? 1 },
    tlsUseSelfSigned: props.tlsUseSelfSigned ?? false,
    version: props.version,
    imageRepository: props.imageRepository,
    imagePullSecrets: pullSecrets.length > 0 ? pullSecrets.map((name) => ({ name })) : undefined,
    datadirVolumeClaimTemplate: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: datadir.storage ?? '2Gi' } },
      storageClassName: datadir.storageClassName,
    },
    backupProfiles:
      schedules.length > 0
        ? schedules.map((schedule) => ({
            name: schedule.name,
            podLabels: { ...schedule.podLabels },
            dumpInstance: {
              storage: { persistentVolumeClaim: { claimName: schedule.claimName } },
            },
          }))
        : undefined,
    backupSchedules:
      schedules.length > 0
        ? schedules.map((schedule) => ({
            name: schedule.name,
            schedule: schedule.schedule,
            timeZone: schedule.timeZone,
            backupProfileName: schedule.name,
            enabled: true,
          }))
        : undefined,
  };
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
