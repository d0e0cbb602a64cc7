import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { ARGO_CD_NAMESPACE } from '../constructs/argo-cd/argo-cd-application.js';
import { ARGO_CD_CONFIG_MAP, ArgoCdConfig } from '../constructs/argo-cd/argo-cd-config.js';
import { ArgoCdWebhookIngress } from '../constructs/argo-cd/argo-cd-webhook-ingress.js';
import { SYNC_OPTIONS_ANNOTATION } from '../constructs/argo-cd/sync-order.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';

/**
 * Objects of the upstream install that this chart patches rather than adds, as `Kind/name`;
 * the kustomization lists them under `patches`.
 */
export const PATCHED_UPSTREAM_OBJECTS: readonly string[] = [`ConfigMap/${ARGO_CD_CONFIG_MAP}`];

/**
 * Props of `ArgoCdChart`.
 */
export interface ArgoCdChartProps {
  /**
   * The cluster that this Argo CD runs in.
   * @default - none; required
   */
  readonly cluster: Pick<ClusterSettings, 'name' | 'argoCd'>;
}

/**
 * What this repository adds to the upstream Argo CD install of a cluster: the namespace, the
 * `argocd-cm` patch with health checks and the polling interval, and the webhook Ingress where
 * the cluster has one. Rendered into `clusters/<cluster>/argo-cd/` beside the kustomization that
 * combines them with the install, which sets their namespace.
 */
export class ArgoCdChart extends Chart {
  constructor(scope: Construct, props: ArgoCdChartProps) {
    super(scope, `${props.cluster.name}-argo-cd`, { disableResourceNameHashes: true });

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: ARGO_CD_NAMESPACE,
        labels: {
          // Argo CD's pods meet "baseline"; warn and audit against "restricted".
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
        // Argo CD manages this namespace and runs in it: it must never delete it.
        annotations: { [SYNC_OPTIONS_ANNOTATION]: 'Prune=false,Delete=false' },
      },
    });
    new ArgoCdConfig(this, 'config');

    const { webhookIngress } = props.cluster.argoCd;
    if (webhookIngress) {
      new ArgoCdWebhookIngress(this, 'webhook-ingress', webhookIngress);
    }
  }
}
