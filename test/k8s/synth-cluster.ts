import { App } from 'cdk8s';
import { ClusterChart } from '../../src-k8s/charts/cluster-chart.js';
import type { ClusterSettings } from '../../src-k8s/cluster-settings.js';
import { dev } from '../../src-k8s/clusters/dev.js';

/** A rendered Kubernetes object, as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** Synthesizes one cluster's chart in memory, without writing files. */
export function synthCluster(cluster: ClusterSettings = dev): KubeObject[] {
  const app = new App();
  const chart = new ClusterChart(app, { cluster });

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
