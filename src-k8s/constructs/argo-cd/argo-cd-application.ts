import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** Address under which Argo CD reaches the cluster it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/**
 * Props of `ArgoCdApplication`: the subset of Argo CD's Application spec that this repository
 * uses, for a directory of plain manifests synced automatically.
 */
export interface ArgoCdApplicationProps {
  /**
   * Name of the Application.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace Argo CD runs in; Applications live there.
   * @default 'argocd'
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
   * Directory of manifests inside the repository (`spec.source.path`).
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
}

/**
 * An Argo CD Application (`argoproj.io/v1alpha1`) that syncs one directory of a git repository
 * into a cluster automatically.
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
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd' },
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
        syncPolicy: {
          automated: { prune: props.prune ?? true, selfHeal: props.selfHeal ?? true },
          // A first sync can fail while freshly installed operators register their CRDs.
          retry: { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
        },
      },
    });
  }
}
