import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/**
 * How the app scales on CPU.
 */
export interface AppAutoscalingOptions {
  /**
   * Fewest pods (`spec.minReplicas`).
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   * @default - none; required
   */
  readonly minReplicas: number;

  /**
   * Most pods (`spec.maxReplicas`).
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   * @default - none; required
   */
  readonly maxReplicas: number;

  /**
   * Average CPU use, in percent of the request, that the autoscaler aims for.
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details
   * @default 70
   */
  readonly targetCpuUtilization?: number;
}

/**
 * Props of `AppAutoscaler`.
 */
export interface AppAutoscalerProps extends AppAutoscalingOptions {
  /**
   * Metadata of the autoscaler.
   * @default - none; required
   */
  readonly metadata: k8s.ObjectMeta & { readonly name: string };

  /**
   * The workload it scales (`spec.scaleTargetRef`): anything with a scale subresource, such as
   * a Deployment or an Argo Rollouts Rollout.
   * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
   * @default - the Deployment named like the autoscaler
   */
  readonly target?: { readonly apiVersion: string; readonly kind: string; readonly name: string };
}

/** A HorizontalPodAutoscaler (autoscaling/v2) that scales the app's pods on CPU. */
export class AppAutoscaler extends Construct {
  constructor(scope: Construct, id: string, props: AppAutoscalerProps) {
    super(scope, id);

    new k8s.KubeHorizontalPodAutoscalerV2(this, 'resource', {
      metadata: props.metadata,
      spec: {
        scaleTargetRef: props.target
          ? { ...props.target }
          : { apiVersion: 'apps/v1', kind: 'Deployment', name: props.metadata.name },
        minReplicas: props.minReplicas,
        maxReplicas: props.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: props.targetCpuUtilization ?? 70 },
            },
          },
        ],
      },
    });

    this.node.addValidation({
      validate: () =>
        props.maxReplicas >= props.minReplicas && props.minReplicas >= 1
          ? []
          : [
              `need 1 <= minReplicas <= maxReplicas, got ${props.minReplicas}..${props.maxReplicas}`,
            ],
    });
  }
}
