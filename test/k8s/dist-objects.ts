import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_MANIFESTS_DIR } from '../../src-k8s/paths.js';
import type { KubeObject } from './synth-cluster.js';

/** One committed manifest file and the objects in it. */
export interface DistFile {
  /** Cluster folder under dist/. */
  readonly cluster: string;
  /** File name inside it. */
  readonly file: string;
  /** The YAML documents of the file. */
  readonly objects: readonly KubeObject[];
}

/** The cluster folders under dist/. */
export function distClusters(): string[] {
  return readdirSync(DEFAULT_MANIFESTS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every committed manifest file of every cluster, parsed. */
export function readDist(): DistFile[] {
  return listFiles(DEFAULT_MANIFESTS_DIR).map((relative) => {
    const [cluster = '', file = ''] = relative.split('/');
    const text = readFileSync(path.join(DEFAULT_MANIFESTS_DIR, relative), 'utf8');
    const objects = parseAllDocuments(text).map((document) => document.toJS() as KubeObject);

    return { cluster, file, objects };
  });
}

/** A pod template found in a workload, with where it was found. */
export interface PodTemplate {
  /** `<cluster>/<Kind>/<name>` of the workload. */
  readonly owner: string;
  /** Whether its containers run for good (Deployment, Rollout) rather than to completion. */
  readonly longRunning: boolean;
  /** The template's spec. */
  readonly spec: Record<string, unknown>;
}

/** Kinds whose objects carry a pod template; Argo Rollouts' Rollout keeps it where a Deployment does. */
const WORKLOAD_KINDS = [
  'Deployment',
  'Rollout',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
];

/** Kinds whose containers run for good. */
const LONG_RUNNING_KINDS = ['Deployment', 'Rollout', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** Where a workload keeps its pod template. */
interface WorkloadSpec {
  readonly template?: { readonly spec?: Record<string, unknown> };
  readonly jobTemplate?: { readonly spec?: WorkloadSpec };
}

/** The pod templates of every Deployment, Rollout, Job and CronJob in `files`. */
export function podTemplates(files: readonly DistFile[]): PodTemplate[] {
  return files.flatMap(({ cluster, objects }) =>
    objects.flatMap((object) => {
      const spec = object.spec as WorkloadSpec | undefined;
      const owner = `${cluster}/${object.kind}/${object.metadata.name}`;
      const template =
        object.kind === 'CronJob' ? spec?.jobTemplate?.spec?.template : spec?.template;

      if (!WORKLOAD_KINDS.includes(object.kind)) {
        return [];
      }

      return [
        {
          owner,
          longRunning: LONG_RUNNING_KINDS.includes(object.kind),
          spec: template?.spec ?? {},
        },
      ];
    }),
  );
}
