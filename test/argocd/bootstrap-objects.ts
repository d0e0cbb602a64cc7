import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR } from '../../src-k8s/paths.js';
import { CLUSTER_FILE } from '../../src-k8s/settings/load-clusters.js';
import { readDist } from '../k8s/dist-objects.js';
import type { KubeObject } from '../k8s/synth-cluster.js';

/** A kustomization file, as far as these checks read it. */
export interface Kustomization {
  apiVersion: string;
  kind: string;
  namespace?: string;
  resources: string[];
  patches?: { path: string }[];
}

/** The parts of an Application that these checks read. */
export interface ApplicationSpec {
  project: string;
  source: { repoURL: string; path?: string; chart?: string; targetRevision: string };
  destination: { server: string; namespace: string };
  revisionHistoryLimit?: number;
  syncPolicy: {
    automated?: { prune?: boolean; selfHeal?: boolean };
    syncOptions?: string[];
    retry?: { limit: number; backoff: { duration: string; factor: number; maxDuration: string } };
  };
}

/** The parts of an AppProject that these checks read. */
export interface ProjectSpec {
  sourceRepos: string[];
  destinations: { server: string; namespace: string }[];
  clusterResourceWhitelist: { group: string; kind: string }[];
  syncWindows?: { kind: string; schedule: string; duration: string; manualSync?: boolean }[];
}

/** The cluster-scoped kinds among the objects that these clusters render. */
export const CLUSTER_SCOPED_KINDS = ['Namespace', 'CustomResourceDefinition', 'ClusterRole'];

/** Every YAML file of a cluster's folder but its settings, parsed, by path inside the folder. */
export function bootstrapYaml(cluster: string): Map<string, unknown[]> {
  const dir = path.join(DEFAULT_BOOTSTRAP_DIR, cluster);
  const files = listFiles(dir).filter((file) => file.endsWith('.yaml') && file !== CLUSTER_FILE);

  return new Map(
    files.map((file) => {
      const documents = parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'));

      for (const document of documents) {
        assert.deepEqual(document.errors, [], `${cluster}/${file}`);
      }
      return [file, documents.map((document) => document.toJS())];
    }),
  );
}

/** The Kubernetes objects of a cluster's generated folders (kustomizations left out). */
export function bootstrapObjects(cluster: string): KubeObject[] {
  return [...bootstrapYaml(cluster).entries()]
    .filter(([file]) => !file.endsWith('kustomization.yaml'))
    .flatMap(([, documents]) => documents as KubeObject[]);
}

/** The kustomization in `folder` of a cluster's folder. */
export function kustomizationAt(cluster: string, folder: string): Kustomization {
  const file = path.join(DEFAULT_BOOTSTRAP_DIR, cluster, folder, 'kustomization.yaml');

  return parse(readFileSync(file, 'utf8')) as Kustomization;
}

/** The one AppProject of a cluster; fails when there is not exactly one. */
export function projectOf(cluster: string): KubeObject & { spec: ProjectSpec } {
  const projects = bootstrapObjects(cluster).filter((object) => object.kind === 'AppProject');

  assert.equal(projects.length, 1, `${cluster} has ${projects.length} projects`);
  return projects[0] as KubeObject & { spec: ProjectSpec };
}

/** Every Application that Argo CD will hold for a cluster: its apps/ folder and its dist/. */
export function applicationsOf(cluster: string): (KubeObject & { spec: ApplicationSpec })[] {
  const fromDist = readDist()
    .filter((file) => file.cluster === cluster)
    .flatMap((file) => file.objects);

  return [...bootstrapObjects(cluster), ...fromDist].filter(
    (object) => object.kind === 'Application',
  ) as (KubeObject & { spec: ApplicationSpec })[];
}
