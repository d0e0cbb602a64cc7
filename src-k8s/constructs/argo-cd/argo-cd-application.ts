import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { syncWave } from './sync-order.js';
import {
  APPLICATION_HISTORY_LIMIT,
  automatedSyncPolicy,
  type IgnoredDifference,
  renderIgnoreDifferences,
} from './sync-policy.js';

/** Address under which Argo CD reaches the cluster it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Namespace that Argo CD runs in and keeps its Applications and AppProjects in. */
export const ARGO_CD_NAMESPACE = 'argocd';

/**
 * Annotation that lists the repository paths an Application's manifests come from. When a push
 * webhook arrives, Argo CD refreshes the Application only if the commit touched one of them, so
 * a commit that changes one cluster's folder leaves the other clusters' Applications alone.
 * Paths starting with `/` are relative to the repository root.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/high_availability/#webhook-and-manifest-paths-annotation
 */
export const MANIFEST_GENERATE_PATHS_ANNOTATION = 'argocd.argoproj.io/manifest-generate-paths';

/**
 * Props of `ArgoCdApplication`: the subset of Argo CD's Application spec that this repository
 * uses, for a folder of a git repository synced automatically.
 */
export interface ArgoCdApplicationProps {
  /**
   * Name of the Application.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace Argo CD runs in; Applications live there.
   * @default ARGO_CD_NAMESPACE
   */
  readonly namespace?: string;

  /**
   * Git repository that holds the manifests (`spec.source.repoURL`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
   * @default - none; required
   */
  readonly repoURL: string;

  /**
   * Branch, tag or commit to sync (`spec.source.targetRevision`).
   * @default 'HEAD'
   */
  readonly targetRevision?: string;

  /**
   * Folder inside the repository, without a leading slash (`spec.source.path`): plain manifests,
   * or a kustomization when it holds a `kustomization.yaml`.
   * @default - none; required
   */
  readonly path: string;

  /**
   * Namespace for manifests that do not name one (`spec.destination.namespace`).
   * @default - none; required
   */
  readonly destinationNamespace: string;

  /**
   * API server of the target cluster (`spec.destination.server`).
   * @default IN_CLUSTER_SERVER
   */
  readonly destinationServer?: string;

  /**
   * Argo CD project the Application belongs to (`spec.project`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
   * @default 'default'
   */
  readonly project?: string;

  /**
   * Whether Argo CD deletes live objects that are no longer in git (`automated.prune`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
   * @default true
   */
  readonly prune?: boolean;

  /**
   * Whether Argo CD reverts changes made to live objects outside git (`automated.selfHeal`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
   * @default true
   */
  readonly selfHeal?: boolean;

  /**
   * Sync options besides `PruneLast=true` (`spec.syncPolicy.syncOptions`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
   * @default []
   */
  readonly syncOptions?: readonly string[];

  /**
   * Fields that controllers write and Argo CD must not treat as drift (`spec.ignoreDifferences`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
   * @default []
   */
  readonly ignoreDifferences?: readonly IgnoredDifference[];

  /**
   * Sync wave of the Application inside the sync of the Application that manages it.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
   * @default - no wave annotation, which means wave 0
   */
  readonly wave?: number;

  /**
   * Labels of the Application.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An Argo CD Application (`argoproj.io/v1alpha1`) that syncs one folder of a git repository into
 * a cluster automatically, keeps its last syncs for rollback, and is refreshed by a push webhook
 * only when the commit touches that folder.
 *
 * It carries no resources finalizer: deleting the Application (or removing it from git) leaves
 * its objects running instead of deleting them with it.
 */
export class ArgoCdApplication extends ApiObject {
  /** API version of the Application custom resource. */
  static readonly API_VERSION = 'argoproj.io/v1alpha1';

  /** Kind of the Application custom resource. */
  static readonly KIND = 'Application';

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id, {
      apiVersion: ArgoCdApplication.API_VERSION,
      kind: ArgoCdApplication.KIND,
      metadata: {
        name: props.name,
        namespace: props.namespace ?? ARGO_CD_NAMESPACE,
        labels: props.labels && { ...props.labels },
        annotations: {
          ...(props.wave === undefined ? {} : syncWave(props.wave)),
          [MANIFEST_GENERATE_PATHS_ANNOTATION]: `/${props.path}`,
        },
      },
      spec: {
        project: props.project ?? 'default',
        source: {
          repoURL: props.repoURL,
          targetRevision: props.targetRevision ?? 'HEAD',
          path: props.path,
        },
        destination: {
          server: props.destinationServer ?? IN_CLUSTER_SERVER,
          namespace: props.destinationNamespace,
        },
        syncPolicy: automatedSyncPolicy(props),
        ignoreDifferences: renderIgnoreDifferences(props.ignoreDifferences),
        revisionHistoryLimit: APPLICATION_HISTORY_LIMIT,
      },
    });

    this.node.addValidation({
      validate: () =>
        props.path.startsWith('/') || props.path.endsWith('/') || props.path === ''
          ? [`path "${props.path}" must be a folder relative to the repository root`]
          : [],
    });
  }
}
