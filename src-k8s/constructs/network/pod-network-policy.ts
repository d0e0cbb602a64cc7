import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';

/**
 * Props of `PodNetworkPolicy`.
 */
export interface PodNetworkPolicyProps {
  /**
   * Name of the NetworkPolicy.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of the policy and the pods.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of the policy.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Labels of the pods that the policy applies to (`spec.podSelector`).
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default - none; required
   */
  readonly podLabels: Readonly<Record<string, string>>;

  /**
   * Traffic the pods accept (`spec.ingress`).
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default - none: with a default-deny policy, nothing may connect
   */
  readonly ingress?: readonly k8s.NetworkPolicyIngressRule[];

  /**
   * Traffic the pods may send (`spec.egress`), besides DNS, which `DefaultDeny` allows.
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default - none
   */
  readonly egress?: readonly k8s.NetworkPolicyEgressRule[];

  /**
   * Sync wave of the policy.
   * @default SyncWave.SECRET_SOURCES, before any pod it governs
   */
  readonly wave?: number;
}

/**
 * A NetworkPolicy that opens, for one set of pods, exactly the traffic they need; it governs
 * both directions, so anything not listed stays closed even without a default-deny policy.
 * Policies add up: a pod may receive or send what any policy that selects it allows.
 */
export class PodNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: PodNetworkPolicyProps) {
    super(scope, id);

    new k8s.KubeNetworkPolicy(this, 'resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: syncWave(props.wave ?? SyncWave.SECRET_SOURCES),
      },
      spec: {
        podSelector: { matchLabels: { ...props.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [...(props.ingress ?? [])],
        egress: [...(props.egress ?? [])],
      },
    });
  }
}
