import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';
import { CONFIG_CHECKSUM_ANNOTATION, configChecksum } from '../config-checksum.js';
import { connectionEnvironment, type DatabaseConnection } from '../database/database-connection.js';
import { isPinnedImage } from '../image-reference.js';
import { AppAutoscaler, type AppAutoscalingOptions } from './app-autoscaler.js';
import { AppDisruptionBudget } from './app-disruption-budget.js';
import { AppIngress, type AppIngressOptions } from './app-ingress.js';
import {
  appContainer,
  APP_PORT,
  APP_PORT_NAME,
  APP_SHUTDOWN,
  type AppResources,
  appPodSpec,
} from './app-pod.js';
import { AppWorkload } from './app-workload.js';
import type { CanaryStep } from './canary-rollout.js';

/** Port of the app's ClusterIP Service. */
export const SERVICE_PORT = 80;

/** Key of the token encryption key (base64 of 32 random bytes) in the app Secret. */
export const TOKEN_ENCRYPTION_KEY_KEY = 'token-encryption-key';

/**
 * Key of the comma-separated keys that sealed tokens before the last rotation, in the app
 * Secret; it may be empty or missing.
 */
export const TOKEN_ENCRYPTION_PREVIOUS_KEYS_KEY = 'token-encryption-previous-keys';

/** Key of the comma-separated session signing keys in the app Secret. */
export const SESSION_KEYS_KEY = 'session-keys';

/**
 * Props of `NotificationsApp`.
 */
export interface NotificationsAppProps {
  /**
   * Namespace of every object of the app.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Container image with a pinned tag or digest, never `latest`.
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
   * @default - none; required
   */
  readonly image: string;

  /**
   * How the app reaches its database, as a least-privilege account.
   * @default - none; required
   */
  readonly database: DatabaseConnection;

  /**
   * Name of the ServiceAccount, Deployment and Service, and the `app.kubernetes.io/name` label;
   * the ConfigMap is `<name>-config`.
   * @default 'notifications-app'
   */
  readonly name?: string;

  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default 'github-notifications'
   */
  readonly partOf?: string;

  /**
   * Number of pods; ignored with `autoscaling`, which then owns the count.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Secret with the keys `token-encryption-key`, `session-keys` and optionally
   * `token-encryption-previous-keys`, created outside git.
   * @default 'notifications-app-secrets'
   */
  readonly appSecretName?: string;

  /**
   * Secret of type `kubernetes.io/dockerconfigjson` that the ServiceAccount pulls images with.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#add-imagepullsecrets-to-a-service-account
   * @default - none: the image is public or local
   */
  readonly imagePullSecretName?: string;

  /**
   * CPU and memory of the container.
   * @default - 100m CPU and 128Mi memory requested, 256Mi memory limit
   */
  readonly resources?: AppResources;

  /**
   * Plain settings of the app (LOG_LEVEL, GITHUB_API_URL, SIGN_IN_RATE_LIMIT, …) by variable
   * name; PORT, DATABASE_*, MIGRATE_ON_START and TRUST_PROXY are set by the construct.
   * @default {}
   */
  readonly settings?: Readonly<Record<string, string>>;

  /**
   * Value of `MIGRATE_ON_START`: whether each pod migrates before it listens. Leave it off
   * when a migration Job runs before the Deployment changes.
   * @default false
   */
  readonly migrateOnStart?: boolean;

  /**
   * A HorizontalPodAutoscaler (autoscaling/v2) on CPU.
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   * @default - none: `replicas` pods
   */
  readonly autoscaling?: AppAutoscalingOptions;

  /**
   * The most pods that voluntary disruptions may take at once, as a PodDisruptionBudget.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
   * @default - no budget
   */
  readonly maxUnavailable?: number;

  /**
   * Whether pods spread across zones (required) and nodes (preferred).
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
   * @default false
   */
  readonly spreadAcrossZones?: boolean;

  /**
   * Whether pods run in their own user namespace (`hostUsers: false`).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
   * @default false
   */
  readonly userNamespaces?: boolean;

  /**
   * An Ingress with TLS; also makes the app trust X-Forwarded-* headers (TRUST_PROXY).
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
   * @default - none
   */
  readonly ingress?: AppIngressOptions;

  /**
   * Canary steps: the pods are then an Argo Rollouts Rollout instead of a Deployment, and new
   * versions take over step by step.
   * @see https://argoproj.github.io/argo-rollouts/features/canary/
   * @default - a Deployment with a rolling update
   */
  readonly canarySteps?: readonly CanaryStep[];
}

/**
 * The notifications web app: ServiceAccount, ConfigMap, hardened pods (a Deployment, or a
 * canary Rollout) and a ClusterIP Service, and optionally an autoscaler, a disruption budget and
 * an Ingress. Every object has
 * an explicit name and the selectors use explicit labels, so nothing depends on the construct
 * path.
 */
export class NotificationsApp extends Construct {
  /** Labels that the Deployment, the Service and network policies select the pods by. */
  readonly selectorLabels: Readonly<Record<string, string>>;

  /** Name of the Deployment, Service and ServiceAccount. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: NotificationsAppProps) {
    super(scope, id);

    this.name = props.name ?? 'notifications-app';
    this.selectorLabels = {
      'app.kubernetes.io/name': this.name,
      'app.kubernetes.io/part-of': props.partOf ?? 'github-notifications',
    };
    const labels = { ...this.selectorLabels, 'app.kubernetes.io/component': 'web' };
    const annotations = syncWave(SyncWave.APP);
    const metadata = { name: this.name, namespace: props.namespace, labels, annotations };
    const connection = connectionEnvironment(props.database);
    const configName = `${this.name}-config`;
    const configData = {
      SHUTDOWN_DELAY_MS: String(APP_SHUTDOWN.delayMs),
      SHUTDOWN_TIMEOUT_MS: String(APP_SHUTDOWN.timeoutMs),
      ...props.settings,
      PORT: String(APP_PORT),
      ...connection.plain,
      MIGRATE_ON_START: String(props.migrateOnStart ?? false),
      TRUST_PROXY: String(props.ingress !== undefined),
    };

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata,
      automountServiceAccountToken: false,
      imagePullSecrets: props.imagePullSecretName ? [{ name: props.imagePullSecretName }] : [],
    });
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { ...metadata, name: configName },
      data: configData,
    });
    const workload = new AppWorkload(this, 'deployment', {
      metadata,
      // With an autoscaler, a replica count in git would fight it on every sync.
      replicas: props.autoscaling ? undefined : (props.replicas ?? 2),
      selectorLabels: this.selectorLabels,
      canarySteps: props.canarySteps,
      template: {
        metadata: {
          labels,
          annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(configData) },
        },
        spec: appPodSpec({
          serviceAccountName: this.name,
          container: appContainer({
            image: props.image,
            configMapName: configName,
            secretEnv: [...connection.fromSecrets, ...appSecretsEnv(props)],
            mounts: connection.mounts,
            resources: props.resources,
          }),
          volumes: connection.volumes,
          selectorLabels: this.selectorLabels,
          revisionLabel: AppWorkload.revisionLabel(props.canarySteps !== undefined),
          spreadAcrossZones: props.spreadAcrossZones ?? false,
          userNamespaces: props.userNamespaces ?? false,
        }),
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selectorLabels },
        ports: [
          {
            name: APP_PORT_NAME,
            port: SERVICE_PORT,
            // By name, so that a change of the container port cannot break the Service.
            targetPort: k8s.IntOrString.fromString(APP_PORT_NAME),
          },
        ],
      },
    });

    if (props.autoscaling) {
      new AppAutoscaler(this, 'autoscaler', {
        metadata,
        target: workload.scaleTarget,
        ...props.autoscaling,
      });
    }
    if (props.maxUnavailable !== undefined) {
      new AppDisruptionBudget(this, 'disruption-budget', {
        metadata,
        selectorLabels: this.selectorLabels,
        maxUnavailable: props.maxUnavailable,
      });
    }
    if (props.ingress) {
      new AppIngress(this, 'ingress', {
        metadata,
        serviceName: this.name,
        servicePort: SERVICE_PORT,
        ...props.ingress,
      });
    }

    this.node.addValidation({ validate: () => validateProps(props) });
  }
}

/** The app's own keys, from its Secret; earlier token keys may be missing. */
function appSecretsEnv(props: NotificationsAppProps): k8s.EnvVar[] {
  const secretName = props.appSecretName ?? 'notifications-app-secrets';
  const fromSecret = (name: string, key: string, optional?: boolean): k8s.EnvVar => ({
    name,
    valueFrom: { secretKeyRef: { name: secretName, key, optional } },
  });

  return [
    fromSecret('TOKEN_ENCRYPTION_KEY', TOKEN_ENCRYPTION_KEY_KEY),
    fromSecret('TOKEN_ENCRYPTION_PREVIOUS_KEYS', TOKEN_ENCRYPTION_PREVIOUS_KEYS_KEY, true),
    fromSecret('SESSION_KEYS', SESSION_KEYS_KEY),
  ];
}

function validateProps(props: NotificationsAppProps): string[] {
  const problems: string[] = [];
  const replicas = props.replicas ?? 2;

  if (!isPinnedImage(props.image)) {
    problems.push(`image "${props.image}" must carry a pinned tag or digest other than latest`);
  }
  if (!Number.isInteger(replicas) || replicas < 0) {
    problems.push(`replicas must be a whole number of 0 or more, got ${replicas}`);
  }
  if (props.maxUnavailable !== undefined && props.maxUnavailable < 1) {
    problems.push(`maxUnavailable must be at least 1, got ${props.maxUnavailable}`);
  }

  return problems;
}
