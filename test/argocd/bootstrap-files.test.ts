import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoURL } from '../../src-k8s/gitops.js';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR, REPO_ROOT } from '../../src-k8s/paths.js';
import { findModel } from '../k8s/kubernetes-models.js';
import { CLUSTERS, type KubeObject } from '../k8s/synth-cluster.js';
import { bootstrapObjects, type Kustomization, kustomizationAt } from './bootstrap-objects.js';

describe('bootstrap files in clusters/', () => {
  for (const { name } of CLUSTERS) {
    describe(name, () => {
      it('holds only YAML that parses, and objects that validate against their models', () => {
        const objects = bootstrapObjects(name);

        assert.ok(objects.length >= 6, `${objects.length} objects`);
        for (const object of objects) {
          const Model = findModel(object.apiVersion, object.kind);

          assert.ok(Model, `no model package knows ${object.apiVersion} ${object.kind}`);
          assert.doesNotThrow(() => new Model(object).validate(), object.metadata.name);
        }
      });

      it('bootstraps with one kustomization: Argo CD, the project and the root Application', () => {
        const root = kustomizationAt(name, '.');
        const dir = path.join(DEFAULT_BOOTSTRAP_DIR, name);

        assert.equal(root.apiVersion, 'kustomize.config.k8s.io/v1beta1');
        assert.equal(root.kind, 'Kustomization');
        assert.deepEqual(root.resources, [
          'argo-cd',
          `apps/AppProject.notifications-${name}.yaml`,
          `apps/Application.notifications-${name}-root.yaml`,
        ]);
        for (const resource of root.resources) {
          assert.ok(existsSync(path.join(dir, resource)), resource);
        }
      });

      it('installs Argo CD from the upstream manifests at a release tag, patched here', () => {
        const argoCd = kustomizationAt(name, 'argo-cd');
        const dir = path.join(DEFAULT_BOOTSTRAP_DIR, name, 'argo-cd');
        const remote = argoCd.resources.filter((resource) => /^https?:/.test(resource));
        const local = argoCd.resources.filter((resource) => !remote.includes(resource));

        assert.equal(argoCd.namespace, 'argocd');
        assert.equal(remote.length, 1);
        assert.match(
          remote[0] ?? '',
          /^https:\/\/raw\.githubusercontent\.com\/argoproj\/argo-cd\/v\d+\.\d+\.\d+\/manifests\/(ha\/)?install\.yaml$/,
        );
        for (const file of [...local, ...(argoCd.patches ?? []).map((patch) => patch.path)]) {
          assert.ok(existsSync(path.join(dir, file)), file);
        }
      });

      it('configures Argo CD: polling every 180 s as a webhook fallback, annotation tracking', () => {
        const config = bootstrapObjects(name).find((object) => object.kind === 'ConfigMap');
        const data = (config?.data ?? {}) as Record<string, string>;

        assert.equal(config?.metadata.name, 'argocd-cm');
        assert.equal(config?.metadata.namespace, undefined, 'a patch must not name a namespace');
        assert.equal(data['timeout.reconciliation'], '180s');
        assert.equal(data['application.resourceTrackingMethod'], 'annotation');
      });
    });
  }

  it('exposes only /api/webhook of Argo CD, in the clusters that GitHub can reach', () => {
    const ingresses = (name: string) =>
      bootstrapObjects(name).filter((object) => object.kind === 'Ingress');

    for (const name of ['staging-gke', 'prod-eks']) {
      const [ingress, ...others] = ingresses(name);
      const rules = (ingress?.spec as { rules: { http: { paths: unknown[] } }[] }).rules;

      assert.deepEqual(others, []);
      assert.deepEqual(
        rules.flatMap((rule) => rule.http.paths),
        [
          {
            path: '/api/webhook',
            pathType: 'Exact',
            backend: { service: { name: 'argocd-server', port: { number: 443 } } },
          },
        ],
      );
    }
    assert.deepEqual(ingresses('dev'), []);
  });

  it('names the repository address in src-k8s/gitops.ts and nowhere else in the sources', () => {
    const sources = listFiles(path.join(REPO_ROOT, 'src-k8s')).filter((file) =>
      /\.(ts|lua)$/.test(file),
    );
    const naming = sources.filter((file) =>
      readFileSync(path.join(REPO_ROOT, 'src-k8s', file), 'utf8').includes(repoURL),
    );

    assert.deepEqual(naming, ['gitops.ts']);
  });

  describe('kubectl kustomize', () => {
    let scratch: string;

    beforeEach(function () {
      const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });

      if (probe.status !== 0) {
        // The structure checks above still run; this one needs kubectl's built-in kustomize.
        this.skip();
      }
      scratch = mkdtempSync(path.join(tmpdir(), 'kustomize-'));
    });

    afterEach(() => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    for (const { name } of CLUSTERS) {
      it(`${name}: builds, with a local stand-in for the upstream install`, function () {
        this.timeout(60_000);
        const copy = path.join(scratch, name);
        cpSync(path.join(DEFAULT_BOOTSTRAP_DIR, name), copy, { recursive: true });
        standInForUpstream(path.join(copy, 'argo-cd'));

        const result = spawnSync('kubectl', ['kustomize', copy], { encoding: 'utf8' });
        const built = parseAllDocuments(result.stdout).map((doc) => doc.toJS() as KubeObject);
        const config = built.find((object) => object.metadata.name === 'argocd-cm');

        assert.equal(result.status, 0, result.stderr);
        assert.equal(config?.metadata.namespace, 'argocd');
        assert.equal(config?.metadata.labels?.['app.kubernetes.io/part-of'], 'argocd');
        assert.ok(
          Object.keys(config?.data ?? {}).some((key) =>
            key.startsWith('resource.customizations.health.'),
          ),
        );
        assert.deepEqual(
          built
            .filter((object) => ['AppProject', 'Application'].includes(object.kind))
            .map((object) => `${object.kind}/${object.metadata.name}`),
          [`AppProject/notifications-${name}`, `Application/notifications-${name}-root`],
        );
      });
    }
  });
});

/**
 * Replaces the upstream install's address in a copied argo-cd/kustomization.yaml with a local
 * file holding the objects this repository patches, as the upstream install names them, so that
 * the build needs no network and still fails when a patch finds no target.
 */
function standInForUpstream(dir: string): void {
  const file = path.join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8')) as Kustomization;

  kustomization.resources = kustomization.resources.map((resource) =>
    /^https?:/.test(resource) ? 'upstream-install.yaml' : resource,
  );
  writeFileSync(file, JSON.stringify(kustomization));
  writeFileSync(
    path.join(dir, 'upstream-install.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: argocd-cm',
      '  labels: { app.kubernetes.io/name: argocd-cm, app.kubernetes.io/part-of: argocd }',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: argocd-secret',
      '',
    ].join('\n'),
  );
}
