import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { appEnvironment, type LogLevel } from './app-environment.js';
import type { DatabaseConnection } from './database-connection.js';
import { isPinnedImage } from './image-reference.js';

/** Port the app listens on inside the container; it reads it from `PORT`. */
export const APP_PORT = 8080;

/** Name of the container port, which the Service targets. */
export const APP_PORT_NAME = 'http';

/** Port of the app's ClusterIP Service. */
export const SERVICE_PORT = 80;

/** User and group ids the app runs as, whichever user the image declares. */
const APP_UID = 10001;

/**
 * Compute resources of the app container.
 */
export interface NotificationsAppResources {
  /**
   * CPU the scheduler reserves for each pod. There is no CPU limit, so the app may use idle CPU.
   * @default kplus.Cpu.millis(100)
   */
  readonly cpuRequest?: kplus.Cpu;

  /**
   * Memory the scheduler reserves for each pod.
   * @default Size.mebibytes(128)
   */
  readonly memoryRequest?: Size;

  /**
   * Memory above which the container is killed.
   * @default Size.mebibytes(256)
   */
  readonly memoryLimit?: Size;
}

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
   * @default - none; required
   */
  readonly image: string;

  /**
   * Database the app connects to; the password comes from the named Secret.
   * @default - none; required
   */
  readonly database: DatabaseConnection;

  /**
   * Name of the ServiceAccount, Deployment and Service, and the `app.kubernetes.io/name` label.
   * @default 'notifications-app'
   */
  readonly name?: string;

  /**
   * Value of the `app.kubernetes.io/part-of` label.
   * @default 'github-notifications'
   */
  readonly partOf?: string;

  /**
   * Number of pods.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Secret with the keys `token-encryption-key` and `session-keys`, created outside git.
   * @default 'notifications-app-secrets'
   */
  readonly appSecretName?: string;

  /**
   * CPU and memory of the container.
   * @default - 100m CPU and 128Mi memory requested, 256Mi memory limit
   */
  readonly resources?: NotificationsAppResources;

  /**
   * Value of `LOG_LEVEL`.
   * @default 'info'
   */
  readonly logLevel?: LogLevel;

  /**
   * Value of `GITHUB_API_URL`, the base URL of GitHub's REST API.
   * @default 'https://api.github.com'
   */
  readonly githubApiUrl?: string;

  /**
   * Value of `MIGRATE_ON_START`: whether each pod applies pending migrations before it listens.
   * @default true
   */
  readonly migrateOnStart?: boolean;

  /**
   * When the kubelet pulls the image.
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
   * @default kplus.ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
}

/**
 * The notifications web app: a ServiceAccount, a hardened Deployment and a ClusterIP Service,
 * with stable names and label selectors that do not depend on the construct path.
 */
export class NotificationsApp extends Construct {
  /** Labels that the Deployment and the Service select pods by. */
  readonly selectorLabels: Readonly<Record<string, string>>;

  /** The app's Deployment. */
  readonly deployment: kplus.Deployment;

  /** The app's ClusterIP Service. */
  readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: NotificationsAppProps) {
    super(scope, id);

    const name = props.name ?? 'notifications-app';
    this.selectorLabels = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': props.partOf ?? 'github-notifications',
    };
    const metadata = { name, namespace: props.namespace, labels: { ...this.selectorLabels } };

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata,
      automountToken: false,
    });
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata,
      // The default selector is a label derived from the construct path; ours is explicit.
      select: false,
      podMetadata: { labels: { ...this.selectorLabels } },
      replicas: props.replicas ?? 2,
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      serviceAccount,
      automountServiceAccountToken: false,
      // Longer than the app's own drain time on SIGTERM (SHUTDOWN_TIMEOUT_MS, 20 s by default).
      terminationGracePeriod: Duration.seconds(30),
      securityContext: {
        ensureNonRoot: true,
        user: APP_UID,
        group: APP_UID,
        fsGroup: APP_UID,
        fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      },
      containers: [this.containerProps(props)],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...this.selectorLabels } }));
    this.mountTmp(name);
    patchDeployment(this.deployment);

    this.service = new kplus.Service(this, 'service', {
      metadata,
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: APP_PORT_NAME, port: SERVICE_PORT, targetPort: APP_PORT }],
    });
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      this.service.selectLabel(key, value);
    }
    // cdk8s-plus only takes a numeric targetPort; the named port survives a port change. The
    // patch runs before the typed conversion to JSON, hence an IntOrString, not a plain string.
    ApiObject.of(this.service).addJsonPatch(
      JsonPatch.replace(
        '/spec/ports/0/targetPort',
        kplus.k8s.IntOrString.fromString(APP_PORT_NAME),
      ),
    );

    this.node.addValidation({ validate: () => validateProps(props) });
  }

  private containerProps(props: NotificationsAppProps): kplus.ContainerProps {
    const resources = props.resources ?? {};
    const probe = (path: string, options: kplus.ProbeOptions) =>
      kplus.Probe.fromHttpGet(path, {
        port: APP_PORT,
        timeoutSeconds: Duration.seconds(2),
        ...options,
      });

    return {
      name: 'app',
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: APP_PORT, name: APP_PORT_NAME }],
      envVariables: appEnvironment(this, {
        port: APP_PORT,
        database: props.database,
        appSecretName: props.appSecretName ?? 'notifications-app-secrets',
        logLevel: props.logLevel,
        githubApiUrl: props.githubApiUrl,
        migrateOnStart: props.migrateOnStart,
      }),
      // Migrations run before the app listens; allow a minute before liveness takes over.
      startup: probe('/healthz', { periodSeconds: Duration.seconds(2), failureThreshold: 30 }),
      readiness: probe('/readyz', { periodSeconds: Duration.seconds(5), failureThreshold: 3 }),
      liveness: probe('/healthz', { periodSeconds: Duration.seconds(10), failureThreshold: 3 }),
      resources: {
        cpu: { request: resources.cpuRequest ?? kplus.Cpu.millis(100) },
        memory: {
          request: resources.memoryRequest ?? Size.mebibytes(128),
          limit: resources.memoryLimit ?? Size.mebibytes(256),
        },
      },
      securityContext: {
        ensureNonRoot: true,
        user: APP_UID,
        group: APP_UID,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      },
    };
  }

  /** The root filesystem is read-only; Node and its libraries still need a writable /tmp. */
  private mountTmp(name: string): void {
    const tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(64) });
    const container = this.deployment.containers[0];

    if (container === undefined) {
      throw new Error(`${name}: the Deployment has no container to mount /tmp into`);
    }
    container.mount('/tmp', tmp);
  }
}

/**
 * Fills what cdk8s-plus-27 cannot express: its Capability enum has no `ALL` and its security
 * contexts have no seccompProfile. It also drops the construct-path label that cdk8s-plus adds
 * to the pod template even when `select` is false, since nothing selects on it.
 */
function patchDeployment(deployment: kplus.Deployment): void {
  ApiObject.of(deployment).addJsonPatch(
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', {
      type: 'RuntimeDefault',
    }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', {
      drop: ['ALL'],
    }),
  );
}

function validateProps(props: NotificationsAppProps): string[] {
  const problems: string[] = [];
  const replicas = props.replicas ?? 2;
  const request = props.resources?.memoryRequest ?? Size.mebibytes(128);
  const limit = props.resources?.memoryLimit ?? Size.mebibytes(256);

  if (!isPinnedImage(props.image)) {
    problems.push(`image "${props.image}" must carry a pinned tag or digest other than latest`);
  }
  if (!Number.isInteger(replicas) || replicas < 0) {
    problems.push(`replicas must be a whole number of 0 or more, got ${replicas}`);
  }
  if (limit.toMebibytes() < request.toMebibytes()) {
    problems.push('resources.memoryLimit must not be below resources.memoryRequest');
  }

  return problems;
}
