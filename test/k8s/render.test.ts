import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusters } from '../../src-k8s/clusters/registry.js';
import { compareDirectories } from '../../src-k8s/compare-directories.js';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR, DEFAULT_MANIFESTS_DIR } from '../../src-k8s/paths.js';
import { listBootstrapFiles, renderBootstrap, renderManifests } from '../../src-k8s/render.js';

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

      assert.deepEqual(written, [
        'dev/Deployment.notifications-app.yaml',
        'dev/InnoDBCluster.notifications-db.yaml',
        'dev/Namespace.notifications.yaml',
        'dev/Service.notifications-app.yaml',
        'dev/ServiceAccount.notifications-app.yaml',
      ]);
    });

    it('removes files that a render no longer writes', () => {
      mkdirSync(path.join(scratch, 'retired-cluster'));
      writeFileSync(path.join(scratch, 'retired-cluster', 'Service.old.yaml'), 'stale');

      renderManifests(clusters, scratch);

      assert.ok(listFiles(scratch).every((file) => file.startsWith('dev/')));
    });

    it('matches the committed dist/ exactly', () => {
      renderManifests(clusters, scratch);

      const differences = compareDirectories(scratch, DEFAULT_MANIFESTS_DIR);

      assert.deepEqual(differences, [], 'dist/ is out of date: run npm run synth');
    });
  });

  describe('renderBootstrap', () => {
    it('writes each cluster an Application and leaves other files alone', () => {
      writeTree(scratch, { 'dev/README.md': 'by hand', 'retired/application.yaml': 'stale' });

      const written = renderBootstrap(clusters, scratch);

      assert.deepEqual(written, ['dev/application.yaml']);
      assert.deepEqual(listBootstrapFiles(scratch), ['dev/application.yaml']);
      assert.equal(readFileSync(path.join(scratch, 'dev', 'README.md'), 'utf8'), 'by hand');
    });

    it('matches the committed clusters/*/application.yaml exactly', () => {
      renderBootstrap(clusters, scratch);

      const differences = compareDirectories(scratch, DEFAULT_BOOTSTRAP_DIR, {
        list: listBootstrapFiles,
      });

      assert.deepEqual(differences, [], 'clusters/ is out of date: run npm run synth');
    });
  });
});

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
