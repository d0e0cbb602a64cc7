import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { syncWave, SyncWave } from '../argo-cd/sync-order.js';
import { dnsEgress } from './network-rules.js';

/**
 * Props of `DefaultDeny`.
 */
export interface DefaultDenyProps {
  /**
   * Namespace whose pods the policies select.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of the policies.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Closes a namespace: a policy that selects every pod and allows nothing, in and out, so that
 * only what other policies allow gets through; and one that lets every pod look names up.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
export class DefaultDeny extends Construct {
  constructor(scope: Construct, id: string, props: DefaultDenyProps) {
    super(scope, id);

    const metadata = (name: string) => ({
      name,
      namespace: props.namespace,
      labels: { ...props.labels },
      annotations: syncWave(SyncWave.SECRET_SOURCES),
    });

    new k8s.KubeNetworkPolicy(this, 'deny-all', {
      metadata: metadata('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'dns', {
      metadata: metadata('allow-dns'),
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [dnsEgress()] },
    });
  }
}
