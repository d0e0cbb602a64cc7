import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';
import {
  type PodIdentity,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
} from '../pod-security.js';
import type { InnoDbBackupSchedule } from './innodb-cluster.js';

/**
 * The operator runs its backup pods as the mysql user (uid and gid 27); the pruner runs as the
 * same user so that it may delete what they wrote.
 */
const BACKUP_IDENTITY: PodIdentity = { uid: 27, gid: 27 };

/** Small image with a POSIX shell and a `find` that knows `-mmin`; pinned. */
const PRUNER_IMAGE = 'busybox:1.37.0';

/** Where the pruner mounts the dump volume. */
const BACKUP_DIR = '/backups';

/**
 * Props of `DatabaseBackups`.
 */
export interface DatabaseBackupsProps {
  /**
   * Name of the PersistentVolumeClaim and the backup schedule; the pruner is `<name>-pruner`.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of every object.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of every object.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * When a dump starts, as a cron line.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
   * @default - none; required
   */
  readonly schedule: string;

  /**
   * IANA time zone of the schedules (`spec.timeZone` of the CronJob).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
   * @default - none; required
   */
  readonly timeZone: string;

  /**
   * Dumps older than this many days are deleted.
   * @default - none; required
   */
  readonly retentionDays: number;

  /**
   * Size of the dump volume (`spec.resources.requests.storage`).
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity
   * @default - none; required
   */
  readonly storage: string;

  /**
   * StorageClass of the dump volume (`spec.storageClassName`).
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Daily logical backups of an InnoDBCluster to a PersistentVolumeClaim, and their retention.
 *
 * The InnoDBCluster CRD has no retention setting (`backupSchedules` only has `deleteBackupData`,
 * which acts when a MySQLBackup object is deleted), so a CronJob deletes dump folders older
 * than `retentionDays` every day, two hours after the dump starts. The volume is ReadWriteOnce:
 * should the pruner land on another node while a dump still runs, it waits for the volume.
 * The MySQLBackup objects that the schedule creates are not pruned; they hold no data.
 */
export class DatabaseBackups extends Construct {
  /** The schedule for the InnoDBCluster's `backupSchedules`. */
  readonly schedule: InnoDbBackupSchedule;

  /**
   * Labels of the operator's backup pods, which the database's network policy admits; the
   * pruner's pods differ in `app.kubernetes.io/name` and are not admitted.
   */
  readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DatabaseBackupsProps) {
    super(scope, id);

    const labels = {
      ...props.labels,
      'app.kubernetes.io/name': props.name,
      'app.kubernetes.io/component': 'database-backup',
    };
    this.podLabels = labels;
    this.schedule = {
      name: props.name,
      schedule: props.schedule,
      timeZone: props.timeZone,
      claimName: props.name,
      podLabels: labels,
    };

    new k8s.KubePersistentVolumeClaim(this, 'volume', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        annotations: {
          ...syncWave(SyncWave.DATABASE),
          // Deleting the folder from git must not delete the backups.
          'argocd.argoproj.io/sync-options': 'Delete=false',
        },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: props.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(props.storage) } },
      },
    });

    this.renderPruner(props, labels);
    this.node.addValidation({
      validate: () =>
        Number.isInteger(props.retentionDays) && props.retentionDays >= 1
          ? []
          : [`retentionDays must be a whole number of 1 or more, got ${props.retentionDays}`],
    });
  }

  private renderPruner(props: DatabaseBackupsProps, labels: Record<string, string>): void {
    const name = `${props.name}-pruner`;
    const minutes = props.retentionDays * 24 * 60;
    const podLabels = { ...labels, 'app.kubernetes.io/name': name };

    new k8s.KubeCronJob(this, 'pruner', {
      metadata: {
        name,
        namespace: props.namespace,
        labels: podLabels,
        annotations: syncWave(SyncWave.DATABASE),
      },
      spec: {
        schedule: prunerSchedule(props.schedule),
        timeZone: props.timeZone,
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 1800,
            template: {
              metadata: { labels: podLabels },
              spec: {
                restartPolicy: 'Never',
                automountServiceAccountToken: false,
                securityContext: restrictedPodSecurityContext(BACKUP_IDENTITY),
                containers: [
                  {
                    name: 'prune',
                    image: PRUNER_IMAGE,
                    imagePullPolicy: 'IfNotPresent',
                    command: [
                      'find',
                      BACKUP_DIR,
                      '-mindepth',
                      '1',
                      '-maxdepth',
                      '1',
                      '-mmin',
                      `+${minutes}`,
                      '-print',
                      '-exec',
                      'rm',
                      '-rf',
                      '{}',
                      '+',
                    ],
                    resources: {
                      requests: {
                        cpu: k8s.Quantity.fromString('10m'),
                        memory: k8s.Quantity.fromString('16Mi'),
                      },
                      limits: { memory: k8s.Quantity.fromString('64Mi') },
                    },
                    securityContext: restrictedContainerSecurityContext(BACKUP_IDENTITY),
                    volumeMounts: [{ name: 'backups', mountPath: BACKUP_DIR }],
                  },
                ],
                volumes: [{ name: 'backups', persistentVolumeClaim: { claimName: props.name } }],
              },
            },
          },
        },
      },
    });
  }
}

/** The dump's schedule moved two hours later, so that pruning follows the day's dump. */
function prunerSchedule(schedule: string): string {
  const [minute, hour, ...rest] = schedule.split(/\s+/);
  const shifted = /^\d+$/.test(hour ?? '') ? String((Number(hour) + 2) % 24) : '4';

  return [minute, shifted, ...rest].join(' ');
}
