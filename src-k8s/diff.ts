import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffManifests, formatDiff } from './manifest-diff.js';
import { DEFAULT_MANIFESTS_DIR, resolveClustersDir } from './paths.js';
import { renderManifests } from './render.js';
import { loadClusters } from './settings/load-clusters.js';

/**
 * `npm run diff`: renders every cluster into a temporary folder and shows, per cluster, which
 * objects a `npm run synth` would add to, remove from or change in dist/, with the changed
 * fields as dotted paths. It writes nothing and exits 0 whatever it finds; synth:check is the
 * gate.
 */
function main(): void {
  const clusters = loadClusters(resolveClustersDir());
  const scratch = mkdtempSync(path.join(tmpdir(), 'synth-diff-'));

  try {
    renderManifests(clusters, scratch);
    for (const line of formatDiff(diffManifests(scratch, DEFAULT_MANIFESTS_DIR))) {
      console.log(line);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
