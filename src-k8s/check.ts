import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareDirectories, type FileDifference } from './compare-directories.js';
import { BOOTSTRAP_DIR, MANIFESTS_DIR } from './gitops.js';
import { DEFAULT_BOOTSTRAP_DIR, DEFAULT_MANIFESTS_DIR, REPO_ROOT } from './paths.js';
import { generatedFiles, listBootstrapFiles, renderBootstrap, renderManifests } from './render.js';
import { loadClusters } from './settings/load-clusters.js';
import { hasContent } from './update-folder.js';

const EXPLANATIONS: Record<FileDifference['kind'], string> = {
  differs: 'differs from a fresh render',
  missing: 'is missing (a fresh render writes it)',
  extra: 'is extra (a fresh render does not write it)',
};

/**
 * Renders every cluster into a temporary folder and compares the result with the committed
 * dist/, the generated files of clusters/<cluster>/ (kustomization.yaml, argo-cd/, apps/) and
 * the files generated from the settings schema.
 * Lists every difference and exits non-zero when there is one, so CI can tell that someone
 * forgot `npm run synth` or edited output by hand.
 */
function main(): void {
  const clusters = loadClusters(DEFAULT_BOOTSTRAP_DIR);
  const scratch = mkdtempSync(path.join(tmpdir(), 'synth-check-'));
  let differences: string[];

  try {
    const manifestsDir = path.join(scratch, MANIFESTS_DIR);
    const bootstrapDir = path.join(scratch, BOOTSTRAP_DIR);

    renderManifests(clusters, manifestsDir);
    renderBootstrap(clusters, bootstrapDir);
    differences = [
      ...describe(MANIFESTS_DIR, compareDirectories(manifestsDir, DEFAULT_MANIFESTS_DIR)),
      ...describe(
        BOOTSTRAP_DIR,
        compareDirectories(bootstrapDir, DEFAULT_BOOTSTRAP_DIR, { list: listBootstrapFiles }),
      ),
      ...staleGeneratedFiles(),
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  if (differences.length > 0) {
    for (const line of differences) {
      console.error(line);
    }
    console.error(`${differences.length} file(s) out of date: run npm run synth and commit.`);
    process.exitCode = 1;
    return;
  }

  console.log(
    `${MANIFESTS_DIR}/, the generated files of ${BOOTSTRAP_DIR}/*/ and the generated settings ` +
      'files match a fresh render.',
  );
}

function describe(folder: string, differences: readonly FileDifference[]): string[] {
  return differences.map(({ file, kind }) => `${folder}/${file} ${EXPLANATIONS[kind]}`);
}

function staleGeneratedFiles(): string[] {
  return Object.entries(generatedFiles())
    .filter(([file, content]) => {
      const committed = path.join(REPO_ROOT, file);
      return !hasContent(committed, content);
    })
    .map(([file]) => `${file} ${EXPLANATIONS.differs}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
