import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { ARGO_CD_NAMESPACE } from '../constructs/argo-cd/argo-cd-application.js';
import { ArgoCdConfig } from '../constructs/argo-cd/argo-cd-config.js';
import { SYNC_OPTIONS_ANNOTATION } from '../constructs/argo-cd/sync-order.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';

/**
 * Props of `ArgoCdChart`.
 */
export interface ArgoCdChartProps {
  /**
   * The cluster that this Argo CD runs in.
   * @default - none; required
   */
  readonly cluster: Pick<ClusterSettings, 'name'>;
}

/**
 * What this repository adds to the upstream Argo CD install of a cluster: the namespace, and
 * the `argocd-cm` patch with health checks and the polling interval. Rendered into
 * `clusters/<cluster>/argo-cd/` beside the kustomization that combines them with the install.
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
  }
}
