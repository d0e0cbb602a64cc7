import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { goDurationSeconds } from '../argo-cd/go-duration.js';

/** A step that scales the new version to a share of the pods. */
export interface SetWeightStep {
  /** Percentage of the pods, 1 to 100, that run the new version from this step on. */
  readonly setWeight: number;
}

/** A step that waits: for `duration`, or without one until someone promotes the rollout. */
export interface PauseStep {
  /** How long to wait, as a Go duration (`2m`); indefinitely when unset. */
  readonly pause: { readonly duration?: string };
}

/**
 * One step of a canary rollout.
 * @see https://argoproj.github.io/argo-rollouts/features/canary/
 */
export type CanaryStep = SetWeightStep | PauseStep;

/**
 * Props of `CanaryRollout`.
 */
export interface CanaryRolloutProps {
  /**
   * Metadata of the Rollout.
   * @default - none; `name` and `namespace` are required
   */
  readonly metadata: ApiObjectMetadata;

  /**
   * Number of pods (`spec.replicas`); leave it unset when an autoscaler owns the count.
   * @see https://argoproj.github.io/argo-rollouts/features/specification/
   * @default - unset
   */
  readonly replicas?: number;

  /**
   * Labels that select the pods (`spec.selector.matchLabels`).
   * @default - none; required
   */
  readonly selectorLabels: Readonly<Record<string, string>>;

  /**
   * The pod template (`spec.template`).
   * @default - none; required
   */
  readonly template: k8s.PodTemplateSpec;

  /**
   * The canary steps, in order (`spec.strategy.canary.steps`).
   * @see https://argoproj.github.io/argo-rollouts/features/canary/
   * @default - none; required
   */
  readonly steps: readonly CanaryStep[];

  /**
   * Old ReplicaSets kept, so that an abort or an undo finds the previous version
   * (`spec.revisionHistoryLimit`).
   * @default 5
   */
  readonly revisionHistoryLimit?: number;
}

/**
 * An Argo Rollouts Rollout (`argoproj.io/v1alpha1`) that replaces its pods by a canary: each
 * `setWeight` step scales the new ReplicaSet to that share of the pods and the old one down,
 * one extra pod at a time and never below the wanted count; `pause` steps wait. There is no
 * traffic router, so the share of traffic follows the share of ready pods behind the one
 * Service. Argo CD shows the steps and offers promote, abort and retry on the Rollout.
 *
 * A Rollout labels its pods `rollouts-pod-template-hash` (not the Deployment controller's
 * `pod-template-hash`); topology spread constraints must count pods by that label.
 * @see https://argoproj.github.io/argo-rollouts/features/specification/
 */
export class CanaryRollout extends ApiObject {
  /** API version of the Rollout custom resource. */
  static readonly API_VERSION = 'argoproj.io/v1alpha1';

  /** Kind of the Rollout custom resource. */
  static readonly KIND = 'Rollout';

  /** Label with which the Rollout marks the pods of each revision. */
  static readonly REVISION_LABEL = 'rollouts-pod-template-hash';

  constructor(scope: Construct, id: string, props: CanaryRolloutProps) {
    super(scope, id, {
      apiVersion: CanaryRollout.API_VERSION,
      kind: CanaryRollout.KIND,
      metadata: props.metadata,
      spec: {
        replicas: props.replicas,
        revisionHistoryLimit: props.revisionHistoryLimit ?? 5,
        selector: { matchLabels: { ...props.selectorLabels } },
        template: k8s.toJson_PodTemplateSpec(props.template),
        strategy: {
          canary: {
            maxSurge: 1,
            maxUnavailable: 0,
            steps: props.steps.map(renderStep),
          },
        },
      },
    });

    this.node.addValidation({ validate: () => validateSteps(props.steps) });
  }
}

function renderStep(step: CanaryStep): Record<string, unknown> {
  if ('setWeight' in step) {
    return { setWeight: step.setWeight };
  }

  return { pause: step.pause.duration === undefined ? {} : { duration: step.pause.duration } };
}

function validateSteps(steps: readonly CanaryStep[]): string[] {
  const problems: string[] = [];
  let weight = 0;

  steps.forEach((step, index) => {
    if ('setWeight' in step) {
      if (!Number.isInteger(step.setWeight) || step.setWeight < 1 || step.setWeight > 100) {
        problems.push(`steps[${index}].setWeight must be a whole number from 1 to 100`);
      } else if (step.setWeight < weight) {
        problems.push(`steps[${index}].setWeight ${step.setWeight} is below an earlier ${weight}`);
      }
      weight = Math.max(weight, step.setWeight);
    } else if (
      step.pause.duration !== undefined &&
      goDurationSeconds(step.pause.duration) === undefined
    ) {
      problems.push(`steps[${index}].pause.duration "${step.pause.duration}" is not like 2m`);
    }
  });
  if (weight === 0) {
    problems.push('steps need at least one setWeight step');
  }

  return problems;
}
