import { k8s } from 'cdk8s-plus-27';

/** Label that Kubernetes puts on every namespace, set to the namespace's name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Every pod of the named namespace. */
export function namespacePeer(namespace: string): k8s.NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } };
}

/** The pods with these labels, in the policy's own namespace. */
export function podPeer(labels: Readonly<Record<string, string>>): k8s.NetworkPolicyPeer {
  return { podSelector: { matchLabels: { ...labels } } };
}

/** TCP ports, for the `ports` of a rule. */
export function tcpPorts(...ports: readonly number[]): k8s.NetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
}

/**
 * Name lookups: the cluster DNS pods in kube-system (label `k8s-app: kube-dns` on kind, k3d,
 * GKE and EKS alike) on port 53 over UDP and TCP. Clusters that use NodeLocal DNSCache need an
 * extra rule for its link-local address.
 */
export function dnsEgress(): k8s.NetworkPolicyEgressRule {
  return {
    to: [
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ],
    ports: [
      { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
      { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
    ],
  };
}

/**
 * HTTPS to anywhere. GitHub publishes its address ranges (GET /meta) but changes them without
 * notice, and NetworkPolicy cannot match host names, so the app may open port 443 to any
 * address; all other ports and protocols stay closed.
 */
export function httpsEgress(): k8s.NetworkPolicyEgressRule {
  return { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: tcpPorts(443) };
}

/** Every address in a CIDR block, such as a database subnet or the API server. */
export function ipBlockPeer(cidr: string): k8s.NetworkPolicyPeer {
  return { ipBlock: { cidr } };
}
