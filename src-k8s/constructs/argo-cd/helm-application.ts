import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ARGO_CD_NAMESPACE, IN_CLUSTER_SERVER } from './argo-cd-application.js';
import { syncWave } from './sync-order.js';
import {
  APPLICATION_HISTORY_LIMIT,
  automatedSyncPolicy,
  type IgnoredDifference,
  renderIgnoreDifferences,
  SyncOption,
} from './sync-policy.js';

/**
 * A Helm chart at an exact version in a chart repository.
 */
export interface HelmChartReference {
  /** Address of the chart repository (`spec.source.repoURL`). */
  readonly repoURL: string;
  /** Name of the chart (`spec.source.chart`). */
  readonly chart: string;
  /** Exact chart version, never a range (`spec.source.targetRevision`). */
  readonly version: string;
}

/**
 * Props of `HelmApplication`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 */
export interface HelmApplicationProps {
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
   * Argo CD project the Application belongs to (`spec.project`); it must allow the chart
   * repository, the namespace and the cluster-scoped kinds the chart installs.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
   * @default 'default'
   */
  readonly project?: string;

  /**
   * Fields that the chart's controllers write after install and Argo CD must not treat as drift
   * (`spec.ignoreDifferences`); they are also left alone by syncs.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
   * @default []
   */
  readonly ignoreDifferences?: readonly IgnoredDifference[];

  /**
   * The chart and its pinned version.
   * @default - none; required
   */
  readonly chart: HelmChartReference;

  /**
   * Helm release name (`spec.source.helm.releaseName`).
   * @default - the chart's name
   */
  readonly releaseName?: string;

  /**
   * Values of the release (`spec.source.helm.valuesObject`).
   * @default {}
   */
  readonly values?: Readonly<Record<string, unknown>>;

  /**
   * Namespace the release is installed into; Argo CD creates it.
   * @default - none; required
   */
  readonly destinationNamespace: string;

  /**
   * Sync wave of the Application inside the parent Application's sync.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
   * @default 0
   */
  readonly wave?: number;

  /**
   * Labels of the Application.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An Argo CD Application that installs an upstream Helm chart at a pinned version and keeps it
 * in sync. CRDs are applied server-side (some are larger than client-side apply allows), and
 * failed syncs are retried with back-off.
 *
 * It has no `manifest-generate-paths` annotation: its source is a chart repository, which a
 * push to this repository never changes, so push webhooks do not refresh it at all.
 */
export class HelmApplication extends ApiObject {
  constructor(scope: Construct, id: string, props: HelmApplicationProps) {
    super(scope, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: props.namespace ?? ARGO_CD_NAMESPACE,
        labels: { ...props.labels },
        // No resources finalizer: removing the Application from git must not delete the
        // operator's CRDs, which would delete every custom resource of that kind with them.
        annotations: syncWave(props.wave ?? 0),
      },
      spec: {
        project: props.project ?? 'default',
        source: {
          repoURL: props.chart.repoURL,
          chart: props.chart.chart,
          targetRevision: props.chart.version,
          helm: {
            releaseName: props.releaseName ?? props.chart.chart,
            valuesObject: { ...props.values },
          },
        },
        destination: { server: IN_CLUSTER_SERVER, namespace: props.destinationNamespace },
        syncPolicy: automatedSyncPolicy({
          syncOptions: [
            SyncOption.CREATE_NAMESPACE,
            SyncOption.SERVER_SIDE_APPLY,
            ...(props.ignoreDifferences?.length ? [SyncOption.RESPECT_IGNORE_DIFFERENCES] : []),
          ],
        }),
        ignoreDifferences: renderIgnoreDifferences(props.ignoreDifferences),
        revisionHistoryLimit: APPLICATION_HISTORY_LIMIT,
      },
    });

    this.node.addValidation({
      validate: () =>
        /^\d+\.\d+\.\d+$/.test(props.chart.version)
          ? []
          : [
              `chart ${props.chart.chart} must be pinned to an exact version, got ${props.chart.version}`,
            ],
    });
  }
}
