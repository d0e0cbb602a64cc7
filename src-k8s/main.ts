import path from 'node:path';
import { DEFAULT_MANIFESTS_DIR, REPO_ROOT, resolveClustersDir } from './paths.js';
import {
  renderBootstrap,
  renderGeneratedFiles,
  renderManifests,
  summarizeManifests,
} from './render.js';
import { loadClusters } from './settings/load-clusters.js';

/**
 * Reads every clusters/<cluster>/cluster.yaml, renders each cluster into dist/<cluster>/ and its
 * Argo CD bootstrap (kustomization.yaml, argo-cd/, apps/) into clusters/<cluster>/, and
 * regenerates the settings schema and reference. Run as `npm run synth` or through `cdk8s synth`, which sets
 * CDK8S_OUTDIR (relative to the folder of cdk8s.yaml) and empties it first. CLUSTERS_DIR
 * points it at another folder of cluster settings.
 */
function main(): void {
  const outdir = process.env.CDK8S_OUTDIR;
  const manifestsDir = outdir ? path.resolve(outdir) : DEFAULT_MANIFESTS_DIR;
  const clustersDir = resolveClustersDir();
  const clusters = loadClusters(clustersDir);

  const manifests = renderManifests(clusters, manifestsDir);
  renderBootstrap(clusters, clustersDir);
  renderGeneratedFiles(REPO_ROOT);

  for (const line of summarizeManifests(manifests)) {
    console.log(line);
  }
}

try {
  main();
} catch (error) {
  // Settings errors already name the file, line and key; a stack trace would only bury them.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
