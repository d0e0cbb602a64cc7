import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, YamlOutputType } from 'cdk8s';
import { ClusterChart } from '../../src-k8s/charts/cluster-chart.js';
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
import type { ClusterSettings } from '../../src-k8s/settings/cluster-settings.js';
import { CLUSTERS as clusters } from './synth-cluster.js';

/** A time long past, to tell a file that a render left alone from one it wrote again. */
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

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

    it('writes the files that cdk8s itself writes into an emptied folder', () => {
      const reference = path.join(scratch, 'cdk8s');
      const rendered = path.join(scratch, 'rendered');

      synthWithCdk8s(clusters, reference);
      renderManifests(clusters, rendered);

      assert.deepEqual(compareDirectories(reference, rendered), []);
    });

    it('leaves every file alone when rendering into its own output again', () => {
      const written = renderManifests(clusters, scratch);
      for (const file of written) {
        utimesSync(path.join(scratch, file), LONG_AGO, LONG_AGO);
      }

      renderManifests(clusters, scratch);

      const touched = written.filter(
        (file) => statSync(path.join(scratch, file)).mtime.getTime() !== +LONG_AGO,
      );
      assert.deepEqual(touched, []);
      assert.deepEqual(compareDirectories(DEFAULT_MANIFESTS_DIR, scratch), []);
    });

    it('rewrites the objects that a settings change alters, and only those', () => {
      const written = renderManifests(clusters, scratch);
      for (const file of written) {
        utimesSync(path.join(scratch, file), LONG_AGO, LONG_AGO);
      }
      const changed = clusters.map((cluster) =>
        cluster.name === 'dev' ? { ...cluster, app: { ...cluster.app, replicas: 7 } } : cluster,
      );

      renderManifests(changed, scratch);

      const touched = written.filter(
        (file) => statSync(path.join(scratch, file)).mtime.getTime() !== +LONG_AGO,
      );
      assert.deepEqual(touched, ['dev/Deployment.notifications-app.yaml']);
      assert.match(readFileSync(path.join(scratch, touched[0] ?? ''), 'utf8'), /replicas: 7\n/);
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

    it('removes files that a render no longer writes, and the folder of a retired cluster', () => {
      writeTree(scratch, {
        'retired-cluster/Service.old.yaml': 'stale',
        'dev/Service.renamed.yaml': 'stale',
      });

      const written = renderManifests(clusters, scratch);

      assert.deepEqual(listFiles(scratch), written);
      assert.equal(existsSync(path.join(scratch, 'retired-cluster')), false);
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

/** What `cdk8s synth` leaves: cdk8s's own App.synth() of every cluster's chart, into `outdir`. */
function synthWithCdk8s(settings: readonly ClusterSettings[], outdir: string): void {
  const app = new App({
    outdir,
    outputFileExtension: '.yaml',
    yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
    recordConstructMetadata: false,
  });

  for (const cluster of settings) {
    new ClusterChart(app, { cluster });
  }
  app.synth();
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
