import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';
import type { MigrationPreparation } from '../database/app-database.js';
import { connectionEnvironment, type DatabaseConnection } from '../database/database-connection.js';
import { isPinnedImage } from '../image-reference.js';
import {
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  tmpMount,
  tmpVolume,
} from '../pod-security.js';
import { APP_IDENTITY } from './app-pod.js';

/**
 * Props of `MigrationJob`.
 */
export interface MigrationJobProps {
  /**
   * Namespace of the Job and its ServiceAccount.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * The app's image, which ships the migrations and `build/src-app/migrate.js`.
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
   * @default - none; required
   */
  readonly image: string;

  /**
   * How the migrations reach the database, as an account that may change the schema.
   * @default - none; required
   */
  readonly database: DatabaseConnection;

  /**
   * What runs before migrating, such as creating the app's account.
   * @default - nothing
   */
  readonly preparation?: MigrationPreparation;

  /**
   * Name of the Job, its ServiceAccount and the `app.kubernetes.io/name` label.
   * @default 'notifications-migrate'
   */
  readonly name?: string;

  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default 'github-notifications'
   */
  readonly partOf?: string;

  /**
   * Registry credentials Secret for the ServiceAccount.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#add-imagepullsecrets-to-a-service-account
   * @default - none
   */
  readonly imagePullSecretName?: string;

  /**
   * Value of `LOG_LEVEL`.
   * @default 'info'
   */
  readonly logLevel?: string;

  /**
   * Whether the pod runs in its own user namespace (`hostUsers: false`).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
   * @default false
   */
  readonly userNamespaces?: boolean;
}

/**
 * The Job that applies the app's database migrations, as an Argo CD Sync hook.
 *
 * Why a Sync hook in a wave, and not PreSync: PreSync hooks run before every wave of the Sync
 * phase, so on a brand-new cluster a PreSync migration would start before its Secrets and the
 * database exist and fail for good. As a Sync hook in `SyncWave.MIGRATION` it runs after the
 * waves of the Secrets and the database and before the wave of the Deployment; if it fails,
 * the sync stops and the old app version keeps running. Old pods serve on the new schema while
 * the rollout replaces them, so migrations must stay backward compatible (expand, then
 * contract in a later release).
 *
 * Why a hook at all: a Job's pod template is immutable, so a plain Job could not take a new
 * image; as a hook it is created anew on each sync. `BeforeHookCreation` deletes the previous
 * Job only when the next one is created, which keeps the last run's logs and stops old Jobs
 * from piling up.
 *
 * The database may still be starting when the Job runs; the preparation step waits for it, and
 * the Job retries the migration with back-off.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/
 */
export class MigrationJob extends Construct {
  /** Labels of the Job's pods, for network policies. */
  readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: MigrationJobProps) {
    super(scope, id);

    const name = props.name ?? 'notifications-migrate';
    this.podLabels = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': props.partOf ?? 'github-notifications',
      'app.kubernetes.io/component': 'migration',
    };
    const connection = connectionEnvironment(props.database);
    const preparation = props.preparation ?? { initContainers: [], volumes: [] };
    const plainEnv = Object.entries({ ...connection.plain, LOG_LEVEL: props.logLevel ?? 'info' });

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        name,
        namespace: props.namespace,
        labels: { ...this.podLabels },
        annotations: syncWave(SyncWave.SECRET_SOURCES),
      },
      automountServiceAccountToken: false,
      imagePullSecrets: props.imagePullSecretName ? [{ name: props.imagePullSecretName }] : [],
    });

    new k8s.KubeJob(this, 'job', {
      metadata: {
        name,
        namespace: props.namespace,
        labels: { ...this.podLabels },
        annotations: {
          ...syncWave(SyncWave.MIGRATION),
          'argocd.argoproj.io/hook': 'Sync',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        },
      },
      spec: {
        // Retries with back-off (10 s, 20 s, 40 s, …) cover a database that is still starting.
        backoffLimit: 6,
        activeDeadlineSeconds: 1800,
        template: {
          metadata: { labels: { ...this.podLabels } },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            restartPolicy: 'Never',
            hostUsers: props.userNamespaces ? false : undefined,
            securityContext: restrictedPodSecurityContext(APP_IDENTITY),
            initContainers: [...preparation.initContainers],
            containers: [
              {
                name: 'migrate',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['node', 'build/src-app/migrate.js'],
                env: [
                  ...plainEnv.map(([key, value]) => ({ name: key, value })),
                  ...connection.fromSecrets,
                ],
                resources: {
                  requests: {
                    cpu: k8s.Quantity.fromString('50m'),
                    memory: k8s.Quantity.fromString('128Mi'),
                  },
                  limits: { memory: k8s.Quantity.fromString('256Mi') },
                },
                securityContext: restrictedContainerSecurityContext(APP_IDENTITY),
                volumeMounts: [tmpMount(), ...connection.mounts],
              },
            ],
            volumes: [tmpVolume(), ...connection.volumes, ...preparation.volumes],
          },
        },
      },
    });

    this.node.addValidation({
      validate: () =>
        isPinnedImage(props.image)
          ? []
          : [`image "${props.image}" must carry a pinned tag or digest other than latest`],
    });
  }
}
