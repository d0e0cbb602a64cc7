/**
 * The order in which Argo CD applies the objects of one Application's sync, computed the way
 * Argo CD computes it, so that tests can check what must come before what on an empty cluster.
 *
 * Where the rules come from: Argo CD's sync engine (gitops-engine, `pkg/sync/sync_tasks.go`,
 * `syncTasks.Less`) sorts what a sync applies by
 *
 * 1. phase: PreSync, then Sync, then PostSync (the `argocd.argoproj.io/hook` annotation; an
 *    object without it is applied in the Sync phase, and so is a `Sync` hook);
 * 2. sync wave: the integer in `argocd.argoproj.io/sync-wave`, 0 when absent;
 * 3. kind, in the fixed order of `KIND_ORDER` (taken from Helm's install order), every kind not
 *    in the list (custom resources) after all that are;
 * 4. name.
 *
 * Argo CD applies one phase and wave at a time and starts the next only when every object of
 * the current one is healthy: a prerequisite is ready for an object only if it sits in an
 * earlier step (phase and wave); within a step, the kind and name order only says what is sent
 * to the API server first. See https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/.
 *
 * Not modelled: the engine also moves a Namespace, or a CRD, that is synced together with
 * objects that need it up to the step of the first of them. The checks below never rely on it.
 */

/** A manifest, as far as the ordering reads it. */
export interface SyncObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec?: unknown;
}

/** The kinds whose order Argo CD fixes within a phase and wave, first to last. */
export const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
] as const;

/** The phases of a sync, in order. */
export const PHASES = ['PreSync', 'Sync', 'PostSync'] as const;

/** Annotation that makes an object a hook of a phase. */
const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/** Annotation that puts an object into a sync wave. */
const WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** Where an object falls in a sync: its phase and wave, which Argo CD waits between. */
export interface SyncStep {
  /** Index in `PHASES`. */
  readonly phase: number;
  /** Sync wave. */
  readonly wave: number;
}

/** The phase and wave of an object. */
export function syncStep(object: SyncObject): SyncStep {
  const annotations = object.metadata.annotations ?? {};
  const hooks = (annotations[HOOK_ANNOTATION] ?? 'Sync').split(',').map((hook) => hook.trim());
  const phase = PHASES.findIndex((name) => hooks.includes(name));
  const wave = Number.parseInt(annotations[WAVE_ANNOTATION] ?? '0', 10);

  return {
    phase: phase === -1 ? PHASES.indexOf('Sync') : phase,
    wave: Number.isNaN(wave) ? 0 : wave,
  };
}

/** Negative when `left`'s step comes before `right`'s, 0 when they are the same step. */
export function compareSteps(left: SyncStep, right: SyncStep): number {
  return left.phase - right.phase || left.wave - right.wave;
}

function kindRank(kind: string): number {
  const rank = (KIND_ORDER as readonly string[]).indexOf(kind);

  return rank === -1 ? KIND_ORDER.length : rank;
}

/** Argo CD's comparison of two objects of one sync. */
export function compareSyncOrder(left: SyncObject, right: SyncObject): number {
  const byStep = compareSteps(syncStep(left), syncStep(right));
  const byKind = kindRank(left.kind) - kindRank(right.kind);
  const leftName = left.metadata.name ?? '';
  const rightName = right.metadata.name ?? '';

  return byStep || byKind || (leftName < rightName ? -1 : leftName > rightName ? 1 : 0);
}

/** The objects in the order Argo CD applies them; the input is left as it is. */
export function syncOrder<T extends SyncObject>(objects: readonly T[]): T[] {
  return [...objects].sort(compareSyncOrder);
}

/**
 * A rule of the form "every object that `before` matches is ready before any object that
 * `after` matches is applied".
 */
export interface OrderRule {
  /** What the rule protects, in words, for the report. */
  readonly description: string;
  /** The prerequisites. */
  readonly before: (object: SyncObject) => boolean;
  /** The objects that need them. */
  readonly after: (object: SyncObject) => boolean;
  /**
   * `ready`: the prerequisite must be in an earlier step, so that Argo CD waits for it to be
   * healthy (an operator, a Secret, a database); `applied`: it only has to be sent first, in the
   * same step or an earlier one (a CRD before its custom resources, a Namespace before its
   * objects).
   */
  readonly needs: 'ready' | 'applied';
}

/** `Kind/name`, for reports. */
export function describeObject(object: SyncObject): string {
  return `${object.kind}/${object.metadata.name ?? '?'}`;
}

/**
 * Every pair of objects that breaks a rule, as one line each, naming the rule, both objects and
 * their steps; none when the order is right. Rules that match nothing are reported too, so that
 * a renamed kind cannot make a rule pass vacuously.
 */
export function checkSyncOrder(
  objects: readonly SyncObject[],
  rules: readonly OrderRule[],
): string[] {
  const ordered = syncOrder(objects);
  const position = new Map(ordered.map((object, index) => [object, index]));
  const violations: string[] = [];
  const show = (object: SyncObject) => {
    const step = syncStep(object);
    return `${describeObject(object)} (${PHASES[step.phase]} wave ${step.wave})`;
  };

  for (const rule of rules) {
    const prerequisites = ordered.filter(rule.before);
    const dependents = ordered.filter(rule.after);

    if (prerequisites.length === 0 || dependents.length === 0) {
      violations.push(`${rule.description}: the rule matches no pair of objects`);
      continue;
    }
    for (const prerequisite of prerequisites) {
      for (const dependent of dependents) {
        const inOrder =
          rule.needs === 'ready'
            ? compareSteps(syncStep(prerequisite), syncStep(dependent)) < 0
            : (position.get(prerequisite) ?? 0) < (position.get(dependent) ?? 0);

        if (!inOrder) {
          violations.push(
            `${rule.description}: ${show(prerequisite)} is not before ${show(dependent)}`,
          );
        }
      }
    }
  }

  return violations;
}
