import { k8s } from 'cdk8s-plus-27';
import {
  type PodIdentity,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  tmpMount,
  tmpVolume,
} from '../pod-security.js';

/** Port the app listens on inside the container; it reads it from `PORT`. */
export const APP_PORT = 8080;

/** Name of the container port, which the Service targets. */
export const APP_PORT_NAME = 'http';

/** The user the image runs as (uid and gid 10001), pinned here whatever the image declares. */
export const APP_IDENTITY: PodIdentity = { uid: 10001, gid: 10001 };

/**
 * How the app stops when its pod is deleted. For `delayMs` it keeps serving while answering
 * `/readyz` with 503, the time Services and ingress controllers take to stop sending it new
 * requests; it then closes its listener and gives in-flight requests up to `timeoutMs`, and its
 * database pool up to 2 s more. All of it fits the pod's termination grace period.
 */
export const APP_SHUTDOWN = { delayMs: 5000, timeoutMs: 20_000 } as const;

/** Seconds Kubernetes waits after SIGTERM before it kills the app's container. */
export const TERMINATION_GRACE_PERIOD_SECONDS = 30;

/**
 * Compute resources of the app container, as Kubernetes quantities.
 */
export interface AppResources {
  /**
   * CPU the scheduler reserves for each pod. There is no CPU limit, so the app may use idle CPU.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   * @default '100m'
   */
  readonly cpuRequest?: string;

  /**
   * Memory the scheduler reserves for each pod.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   * @default '128Mi'
   */
  readonly memoryRequest?: string;

  /**
   * Memory above which the container is killed.
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   * @default '256Mi'
   */
  readonly memoryLimit?: string;
}

/** What the app container is made of. */
export interface AppContainerOptions {
  /** Pinned image. */
  readonly image: string;
  /** ConfigMap whose keys are the plain settings, by variable name. */
  readonly configMapName: string;
  /** Variables read from Secrets. */
  readonly secretEnv: readonly k8s.EnvVar[];
  /** Extra read-only mounts, such as a CA bundle. */
  readonly mounts: readonly k8s.VolumeMount[];
  /** CPU and memory. */
  readonly resources?: AppResources;
}

/** The app container: hardened, probed, sized, configured from a ConfigMap and Secrets. */
export function appContainer(options: AppContainerOptions): k8s.Container {
  const resources = options.resources ?? {};
  const probe = (path: string, periodSeconds: number, failureThreshold: number): k8s.Probe => ({
    httpGet: { path, port: k8s.IntOrString.fromString(APP_PORT_NAME) },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 2,
  });

  return {
    name: 'app',
    image: options.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: APP_PORT_NAME, containerPort: APP_PORT, protocol: 'TCP' }],
    env: [...options.secretEnv],
    envFrom: [{ configMapRef: { name: options.configMapName } }],
    // Up to a minute to start; then liveness takes over. /readyz also checks the database.
    startupProbe: probe('/healthz', 2, 30),
    readinessProbe: probe('/readyz', 5, 3),
    livenessProbe: probe('/healthz', 10, 3),
    resources: {
      requests: {
        cpu: k8s.Quantity.fromString(resources.cpuRequest ?? '100m'),
        memory: k8s.Quantity.fromString(resources.memoryRequest ?? '128Mi'),
      },
      limits: { memory: k8s.Quantity.fromString(resources.memoryLimit ?? '256Mi') },
    },
    securityContext: restrictedContainerSecurityContext(APP_IDENTITY),
    volumeMounts: [tmpMount(), ...options.mounts],
  };
}

/** What the app's pod spec is made of. */
export interface AppPodOptions {
  /** The app's ServiceAccount. */
  readonly serviceAccountName: string;
  /** The app container. */
  readonly container: k8s.Container;
  /** Extra volumes, such as a CA bundle. */
  readonly volumes: readonly k8s.Volume[];
  /** Labels that spread constraints count pods by. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Label whose value differs per revision (`pod-template-hash` for a Deployment). */
  readonly revisionLabel: string;
  /** Spread across zones (required) and nodes (preferred). */
  readonly spreadAcrossZones: boolean;
  /** Run in a user namespace of its own. */
  readonly userNamespaces: boolean;
}

/** The app's pod spec: no API token, time to drain, optional spreading and user namespace. */
export function appPodSpec(options: AppPodOptions): k8s.PodSpec {
  return {
    serviceAccountName: options.serviceAccountName,
    // The app never calls the Kubernetes API.
    automountServiceAccountToken: false,
    // Longer than the app's own shutdown on SIGTERM (see APP_SHUTDOWN).
    terminationGracePeriodSeconds: TERMINATION_GRACE_PERIOD_SECONDS,
    hostUsers: options.userNamespaces ? false : undefined,
    securityContext: restrictedPodSecurityContext(APP_IDENTITY),
    containers: [options.container],
    volumes: [tmpVolume(), ...options.volumes],
    topologySpreadConstraints: options.spreadAcrossZones
      ? spreadConstraints(options.selectorLabels, options.revisionLabel)
      : undefined,
  };
}

/**
 * One pod per zone at most ahead of the others (a zone outage then leaves the rest serving),
 * and spread over nodes where possible. The revision label makes a rollout count only the new
 * ReplicaSet's pods, so old pods on their way out do not skew the placement of new ones.
 */
function spreadConstraints(
  selectorLabels: Readonly<Record<string, string>>,
  revisionLabel: string,
): k8s.TopologySpreadConstraint[] {
  const common = {
    maxSkew: 1,
    labelSelector: { matchLabels: { ...selectorLabels } },
    matchLabelKeys: [revisionLabel],
  };

  return [
    { ...common, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' },
    { ...common, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
  ];
}
