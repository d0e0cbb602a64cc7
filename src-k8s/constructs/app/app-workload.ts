import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SYNC_OPTIONS_ANNOTATION } from '../argo-cd/sync-order.js';
import { CanaryRollout, type CanaryStep } from './canary-rollout.js';

/** Label with which the Deployment controller marks the pods of each revision. */
const DEPLOYMENT_REVISION_LABEL = 'pod-template-hash';

/** Which object an autoscaler scales. */
export interface ScaleTarget {
  /** API version of the workload. */
  readonly apiVersion: string;
  /** Kind of the workload. */
  readonly kind: string;
  /** Name of the workload. */
  readonly name: string;
}

/**
 * Props of `AppWorkload`.
 */
export interface AppWorkloadProps {
  /**
   * Metadata of the workload; `name` is required.
   * @default - none; required
   */
  readonly metadata: k8s.ObjectMeta & { readonly name: string };

  /**
   * Number of pods; unset when an autoscaler owns the count.
   * @default - unset
   */
  readonly replicas?: number;

  /**
   * Labels that select the pods.
   * @default - none; required
   */
  readonly selectorLabels: Readonly<Record<string, string>>;

  /**
   * The pod template.
   * @default - none; required
   */
  readonly template: k8s.PodTemplateSpec;

  /**
   * Canary steps: with them the workload is an Argo Rollouts Rollout, without a Deployment.
   * @see https://argoproj.github.io/argo-rollouts/features/canary/
   * @default - a Deployment
   */
  readonly canarySteps?: readonly CanaryStep[];

  /**
   * Old ReplicaSets kept for undo and abort (`spec.revisionHistoryLimit`).
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#revision-history-limit
   * @default 5
   */
  readonly revisionHistoryLimit?: number;
}

/**
 * The app's long-running pods: a Deployment that replaces them one at a time (one extra pod,
 * none missing), or, with canary steps, a Rollout that does the same step by step.
 */
export class AppWorkload extends Construct {
  /** The label that tells the pods of one revision apart from those of another. */
  static revisionLabel(canary: boolean): string {
    return canary ? CanaryRollout.REVISION_LABEL : DEPLOYMENT_REVISION_LABEL;
  }

  /** The workload, for an autoscaler's `scaleTargetRef`. */
  readonly scaleTarget: ScaleTarget;

  constructor(scope: Construct, id: string, props: AppWorkloadProps) {
    super(scope, id);

    const revisionHistoryLimit = props.revisionHistoryLimit ?? 5;
    const { name } = props.metadata;

    if (props.canarySteps) {
      new CanaryRollout(this, 'rollout', {
        metadata: {
          ...props.metadata,
          // The Rollout CRD arrives with the Argo Rollouts add-on in the same sync.
          annotations: {
            ...props.metadata.annotations,
            [SYNC_OPTIONS_ANNOTATION]: 'SkipDryRunOnMissingResource=true',
          },
        },
        replicas: props.replicas,
        selectorLabels: props.selectorLabels,
        template: props.template,
        steps: props.canarySteps,
        revisionHistoryLimit,
      });
      this.scaleTarget = { apiVersion: CanaryRollout.API_VERSION, kind: CanaryRollout.KIND, name };
      return;
    }

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: props.metadata,
      spec: {
        replicas: props.replicas,
        revisionHistoryLimit,
        selector: { matchLabels: { ...props.selectorLabels } },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromNumber(1),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: props.template,
      },
    });
    this.scaleTarget = { apiVersion: 'apps/v1', kind: 'Deployment', name };
  }
}
