import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { ArgoCdApplication } from '../constructs/argo-cd/argo-cd-application.js';
import { manifestsPath, repoURL, targetRevision } from '../gitops.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';
import { NAMESPACE } from './cluster-chart.js';

/**
 * Props of `BootstrapChart`.
 */
export interface BootstrapChartProps {
  /**
   * The cluster that the Application syncs.
   * @default - none; required
   */
  readonly cluster: Pick<ClusterSettings, 'name'>;
}

/**
 * What is applied to a cluster by hand, once: the Argo CD Application that keeps the cluster in
 * sync with its folder under `dist/` from then on, operators included.
 */
export class BootstrapChart extends Chart {
  constructor(scope: Construct, props: BootstrapChartProps) {
    super(scope, props.cluster.name, { disableResourceNameHashes: true });

    new ArgoCdApplication(this, 'application', {
      name: `notifications-${props.cluster.name}`,
      repoURL,
      targetRevision,
      path: manifestsPath(props.cluster.name),
      // The Namespace is one of the rendered objects, so Argo CD need not create it.
      destinationNamespace: NAMESPACE,
    });
  }
}
