import { App } from 'cdk8s';
import { ClusterChart } from '../../src-k8s/charts/cluster-chart.js';
import { DEFAULT_BOOTSTRAP_DIR } from '../../src-k8s/paths.js';
import type { ClusterSettings } from '../../src-k8s/settings/cluster-settings.js';
import { loadClusters } from '../../src-k8s/settings/load-clusters.js';

/** A rendered Kubernetes object, as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** The committed clusters' settings, read once. */
export const CLUSTERS: readonly ClusterSettings[] = loadClusters(DEFAULT_BOOTSTRAP_DIR);

/** The settings of one committed cluster; fails the test when there is none. */
export function clusterNamed(name: string): ClusterSettings {
  const cluster = CLUSTERS.find((entry) => entry.name === name);

  if (cluster === undefined) {
    throw new Error(`no cluster named ${name} under clusters/`);
  }

  return cluster;
}

/** Synthesizes one cluster's chart in memory, without writing files. */
export function synthCluster(cluster: ClusterSettings | string = 'dev'): KubeObject[] {
  const settings = typeof cluster === 'string' ? clusterNamed(cluster) : cluster;
  const chart = new ClusterChart(new App(), { cluster: settings });

  return chart.toJson() as KubeObject[];
}

/** The object of the given kind and name; fails the test when there is none. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);

  if (found === undefined) {
    throw new Error(`no ${kind} named ${name} among the rendered objects`);
  }

  return found;
}

/** Every object of the given kind. */
export function objectsOfKind(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** The app's pods: its Deployment or, with a canary rollout, its Rollout. */
export function findAppWorkload(objects: readonly KubeObject[]): KubeObject {
  const workload = objects.find(
    (object) =>
      ['Deployment', 'Rollout'].includes(object.kind) &&
      object.metadata.name === 'notifications-app',
  );

  if (workload === undefined) {
    throw new Error('no Deployment or Rollout named notifications-app among the rendered objects');
  }

  return workload;
}
