import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/**
 * Props of `AppDisruptionBudget`.
 */
export interface AppDisruptionBudgetProps {
  /**
   * Metadata of the budget.
   * @default - none; required
   */
  readonly metadata: k8s.ObjectMeta;

  /**
   * Labels of the pods it guards.
   * @default - none; required
   */
  readonly selectorLabels: Readonly<Record<string, string>>;

  /**
   * Most pods that voluntary disruptions (drains, upgrades) may take at once.
   * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
   * @default 1
   */
  readonly maxUnavailable?: number;
}

/**
 * A PodDisruptionBudget (policy/v1). `maxUnavailable`, unlike `minAvailable`, still lets a
 * drain proceed when the autoscaler has shrunk the Deployment to its minimum.
 */
export class AppDisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: AppDisruptionBudgetProps) {
    super(scope, id);

    new k8s.KubePodDisruptionBudget(this, 'resource', {
      metadata: props.metadata,
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable ?? 1),
        selector: { matchLabels: { ...props.selectorLabels } },
        // Pods that are not ready yet may always be evicted; they serve nothing.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }
}
