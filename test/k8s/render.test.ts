import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareDirectories } from '../../src-k8s/compare-directories.js';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR, DEFAULT_MANIFESTS_DIR, REPO_ROOT } from '../../src-k8s/paths.js';
import {
  generatedFiles,
  listBootstrapFiles,
  renderBootstrap,
  renderManifests,
  summarizeManifests,
} from '../../src-k8s/render.js';
import { CLUSTERS as clusters } from './synth-cluster.js';

describe('render', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'render-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  describe('renderManifests', () => {
    it('writes the same bytes when run twice', () => {
      const first = path.join(scratch, 'first');
      const second = path.join(scratch, 'second');

      const written = renderManifests(clusters, first);
      renderManifests(clusters, second);

      assert.ok(written.length > 0);
      assert.deepEqual(compareDirectories(first, second), []);
    });

    it('lays out one folder per cluster with file names free of hashes', () => {
      const written = renderManifests(clusters, scratch);

      assert.deepEqual(
        [...new Set(written.map((file) => file.split('/')[0]))],
        ['dev', 'prod-eks', 'staging-gke'],
      );
      for (const file of written) {
        assert.doesNotMatch(file, /-[0-9a-f]{8}\.yaml$/, file);
      }
    });

    it('summarizes each cluster by kind', () => {
      const summary = summarizeManifests([
        'dev/Service.a.yaml',
        'dev/Deployment.a.yaml',
        'dev/Service.b.yaml',
        'prod/Job.m.yaml',
      ]);

      assert.deepEqual(summary, [
        'dev: 3 objects (Deployment 1, Service 2)',
        'prod: 1 objects (Job 1)',
      ]);
    });

    it('removes files that a render no longer writes', () => {
      mkdirSync(path.join(scratch, 'retired-cluster'));
      writeFileSync(path.join(scratch, 'retired-cluster', 'Service.old.yaml'), 'stale');

      renderManifests(clusters, scratch);

      assert.ok(listFiles(scratch).every((file) => !file.startsWith('retired-cluster/')));
    });

    it('matches the committed dist/ exactly', () => {
      renderManifests(clusters, scratch);

      const differences = compareDirectories(scratch, DEFAULT_MANIFESTS_DIR);

      assert.deepEqual(differences, [], 'dist/ is out of date: run npm run synth');
    });
  });

  describe('renderBootstrap', () => {
    it('writes each cluster its bootstrap files and leaves hand-written files alone', () => {
      writeTree(scratch, {
        'dev/README.md': 'by hand',
        'dev/cluster.yaml': 'by hand',
        'dev/apps/Application.renamed.yaml': 'stale',
        'retired/kustomization.yaml': 'stale',
        'retired/argo-cd/kustomization.yaml': 'stale',
      });

      const written = renderBootstrap(clusters, scratch);

      assert.deepEqual(
        written.filter((file) => file.startsWith('dev/')),
        [
          'dev/apps/AppProject.notifications-dev.yaml',
          'dev/apps/Application.notifications-dev-argo-cd.yaml',
          'dev/apps/Application.notifications-dev-root.yaml',
          'dev/apps/Application.notifications-dev.yaml',
          'dev/argo-cd/ConfigMap.argocd-cm.yaml',
          'dev/argo-cd/Namespace.argocd.yaml',
          'dev/argo-cd/kustomization.yaml',
          'dev/kustomization.yaml',
        ],
      );
      assert.deepEqual(listBootstrapFiles(scratch), written);
      assert.equal(readFileSync(path.join(scratch, 'dev', 'README.md'), 'utf8'), 'by hand');
      assert.equal(readFileSync(path.join(scratch, 'dev', 'cluster.yaml'), 'utf8'), 'by hand');
    });

    it('matches the committed bootstrap files of clusters/ exactly', () => {
      renderBootstrap(clusters, scratch);

      const differences = compareDirectories(scratch, DEFAULT_BOOTSTRAP_DIR, {
        list: listBootstrapFiles,
      });

      assert.deepEqual(differences, [], 'clusters/ is out of date: run npm run synth');
    });
  });

  describe('generatedFiles', () => {
    it('match the committed schema and settings reference exactly', () => {
      for (const [file, content] of Object.entries(generatedFiles())) {
        assert.equal(readFileSync(path.join(REPO_ROOT, file), 'utf8'), content, `${file} is stale`);
      }
    });
  });
});

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
