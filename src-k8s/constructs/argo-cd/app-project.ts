import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ARGO_CD_NAMESPACE, IN_CLUSTER_SERVER } from './argo-cd-application.js';
import { syncWave } from './sync-order.js';

/** A cluster-scoped kind, by API group (empty for the core group) and kind. */
export interface ClusterResourceKind {
  /** API group; `''` for the core group (Namespace). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
}

/**
 * A time in which Argo CD makes no automated sync of the project's Applications.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
 */
export interface DenyWindow {
  /** When the window opens, as a cron line. */
  readonly schedule: string;
  /** How long it stays open, as a Go duration (`64h`). */
  readonly duration: string;
  /** IANA time zone of the schedule. */
  readonly timeZone: string;
}

/**
 * Props of `AppProject`.
 */
export interface AppProjectProps {
  /**
   * Name of the project, which Applications name in `spec.project`.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace Argo CD runs in; projects live there.
   * @default ARGO_CD_NAMESPACE
   */
  readonly namespace?: string;

  /**
   * What the project is for, shown in the Argo CD UI (`spec.description`).
   * @default - none
   */
  readonly description?: string;

  /**
   * Repositories that Applications of the project may sync from (`spec.sourceRepos`): git
   * repositories and Helm chart repositories, each by its exact address.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
   * @default - none; required
   */
  readonly sourceRepos: readonly string[];

  /**
   * Namespaces that Applications of the project may deploy to, on `destinationServer`
   * (`spec.destinations`).
   * @default - none; required
   */
  readonly destinationNamespaces: readonly string[];

  /**
   * API server of the destinations.
   * @default IN_CLUSTER_SERVER
   */
  readonly destinationServer?: string;

  /**
   * The only cluster-scoped kinds that Applications of the project may create
   * (`spec.clusterResourceWhitelist`). Namespaced kinds are all allowed, within the destinations.
   * @default - none; required
   */
  readonly clusterResources: readonly ClusterResourceKind[];

  /**
   * Windows without automated syncs; manual syncs stay allowed in them (`spec.syncWindows`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
   * @default []
   */
  readonly denyWindows?: readonly DenyWindow[];

  /**
   * Sync wave of the project inside the sync of the Application that manages it.
   * @default - no wave annotation, which means wave 0
   */
  readonly wave?: number;
}

/**
 * An Argo CD AppProject (`argoproj.io/v1alpha1`) that fences its Applications in: only the
 * listed repositories, namespaces and cluster-scoped kinds, and optionally windows in which
 * nothing syncs on its own. Lists are sorted, so that the order of the props does not show up as
 * a change.
 *
 * The resources finalizer keeps the project from being deleted while Applications still use it.
 */
export class AppProject extends ApiObject {
  /** Kind of the AppProject custom resource. */
  static readonly KIND = 'AppProject';

  constructor(scope: Construct, id: string, props: AppProjectProps) {
    const server = props.destinationServer ?? IN_CLUSTER_SERVER;

    super(scope, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: AppProject.KIND,
      metadata: {
        name: props.name,
        namespace: props.namespace ?? ARGO_CD_NAMESPACE,
        annotations: props.wave === undefined ? undefined : syncWave(props.wave),
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        description: props.description,
        sourceRepos: unique(props.sourceRepos),
        destinations: unique(props.destinationNamespaces).map((namespace) => ({
          server,
          namespace,
        })),
        clusterResourceWhitelist: uniqueKinds(props.clusterResources),
        syncWindows: props.denyWindows?.length
          ? props.denyWindows.map((window) => ({
              kind: 'deny',
              schedule: window.schedule,
              duration: window.duration,
              timeZone: window.timeZone,
              applications: ['*'],
              manualSync: true,
            }))
          : undefined,
      },
    });

    this.node.addValidation({ validate: () => validateProps(props) });
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function uniqueKinds(kinds: readonly ClusterResourceKind[]): ClusterResourceKind[] {
  const byKey = new Map(kinds.map((kind) => [`${kind.group}/${kind.kind}`, kind]));

  return [...byKey.keys()].sort().map((key) => {
    const kind = byKey.get(key) as ClusterResourceKind;
    return { group: kind.group, kind: kind.kind };
  });
}

function validateProps(props: AppProjectProps): string[] {
  const problems: string[] = [];

  if (props.sourceRepos.length === 0) {
    problems.push('sourceRepos must name at least one repository');
  }
  for (const repo of props.sourceRepos.filter((entry) => !/^https:\/\/[^*\s]+$/.test(entry))) {
    problems.push(`source repository "${repo}" must be an exact https address, without wildcards`);
  }
  if (props.destinationNamespaces.length === 0) {
    problems.push('destinationNamespaces must name at least one namespace');
  }
  for (const namespace of props.destinationNamespaces.filter((entry) => entry.includes('*'))) {
    problems.push(`destination namespace "${namespace}" must not be a wildcard`);
  }
  for (const { group, kind } of props.clusterResources) {
    if (group.includes('*') || kind.includes('*') || kind === '') {
      problems.push(`cluster resource "${group}/${kind}" must name one group and kind`);
    }
  }

  return problems;
}
