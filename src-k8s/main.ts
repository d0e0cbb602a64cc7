import path from 'node:path';
import { clusters } from './clusters/registry.js';
import { DEFAULT_BOOTSTRAP_DIR, DEFAULT_MANIFESTS_DIR } from './paths.js';
import { renderBootstrap, renderManifests } from './render.js';

/**
 * Renders every cluster into dist/<cluster>/ and its Argo CD Application into
 * clusters/<cluster>/application.yaml. Run as `npm run synth` or through `cdk8s synth`, which sets
 * CDK8S_OUTDIR (relative to the folder of cdk8s.yaml) and empties it first.
 */
function main(): void {
  const outdir = process.env.CDK8S_OUTDIR;
  const manifestsDir = outdir ? path.resolve(outdir) : DEFAULT_MANIFESTS_DIR;

  const manifests = renderManifests(clusters, manifestsDir);
  const applications = renderBootstrap(clusters, DEFAULT_BOOTSTRAP_DIR);

  console.log(
    `Rendered ${manifests.length} manifests into ${path.relative(process.cwd(), manifestsDir)}/` +
      ` and ${applications.length} Argo CD Application(s) into clusters/`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
