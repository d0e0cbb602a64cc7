import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppProject } from '../constructs/argo-cd/app-project.js';
import { ARGO_CD_NAMESPACE, ArgoCdApplication } from '../constructs/argo-cd/argo-cd-application.js';
import { ARGO_CD_SECRET } from '../constructs/argo-cd/argo-cd-webhook-secret.js';
import { SyncOption } from '../constructs/argo-cd/sync-policy.js';
import {
  applicationName,
  appsPath,
  argoCdPath,
  manifestsPath,
  repoURL,
  targetRevision,
} from '../gitops.js';
import type { ClusterSettings } from '../settings/cluster-settings.js';
import { NAMESPACE } from './cluster-chart.js';
import { clusterProject } from './cluster-project.js';

/** Sync waves of the root Application's children: the project, then Argo CD, then the rest. */
const AppsWave = { PROJECT: -2, ARGO_CD: -1, CLUSTER: 0 } as const;

/**
 * Props of `AppsChart`.
 */
export interface AppsChartProps {
  /**
   * The cluster whose Argo CD objects these are.
   * @default - none; required
   */
  readonly cluster: ClusterSettings;
}

/**
 * The Argo CD objects of one cluster, rendered into `clusters/<cluster>/apps/` (app of apps):
 *
 * - the cluster's AppProject, which every Application below and in `dist/<cluster>/` belongs to;
 * - the root Application, which syncs this folder, itself included;
 * - the Application that keeps Argo CD's own install (`clusters/<cluster>/argo-cd/`) in sync;
 * - the Application that syncs `dist/<cluster>/`, add-ons included.
 *
 * The project and the root Application are also what a person applies once, through
 * `clusters/<cluster>/kustomization.yaml`; from then on Argo CD manages all of it.
 */
export class AppsChart extends Chart {
  /** Name of the root Application. */
  readonly rootName: string;

  /** Name of the AppProject. */
  readonly projectName: string;

  constructor(scope: Construct, props: AppsChartProps) {
    const { cluster } = props;
    super(scope, `${cluster.name}-apps`, { disableResourceNameHashes: true });

    const prefix = applicationName(cluster.name);
    const project = new AppProject(this, 'project', {
      ...clusterProject(cluster),
      wave: AppsWave.PROJECT,
    });
    const common = { project: project.name, repoURL, targetRevision };

    this.projectName = project.name;
    this.rootName = `${prefix}-root`;

    new ArgoCdApplication(this, 'root', {
      ...common,
      name: this.rootName,
      path: appsPath(cluster.name),
      destinationNamespace: ARGO_CD_NAMESPACE,
    });
    new ArgoCdApplication(this, 'argo-cd', {
      ...common,
      name: `${prefix}-argo-cd`,
      path: argoCdPath(cluster.name),
      destinationNamespace: ARGO_CD_NAMESPACE,
      wave: AppsWave.ARGO_CD,
      syncOptions: [SyncOption.SERVER_SIDE_APPLY, SyncOption.RESPECT_IGNORE_DIFFERENCES],
      // Keys merged in from outside git (the webhook secret) and written by Argo CD itself
      // (its session signing key) must survive every sync of the install.
      ignoreDifferences: [{ kind: 'Secret', name: ARGO_CD_SECRET, jsonPointers: ['/data'] }],
    });
    new ArgoCdApplication(this, 'cluster', {
      ...common,
      name: prefix,
      path: manifestsPath(cluster.name),
      // The Namespace is one of the rendered objects, so Argo CD need not create it.
      destinationNamespace: NAMESPACE,
      wave: AppsWave.CLUSTER,
    });
  }
}
