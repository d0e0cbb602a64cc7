import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoURL } from '../../src-k8s/gitops.js';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_BOOTSTRAP_DIR, REPO_ROOT } from '../../src-k8s/paths.js';
import { CLUSTER_FILE } from '../../src-k8s/settings/load-clusters.js';
import { readDist } from '../k8s/dist-objects.js';
import { findModel } from '../k8s/kubernetes-models.js';
import { CLUSTERS, type KubeObject } from '../k8s/synth-cluster.js';

/** A kustomization file, as far as these checks read it. */
interface Kustomization {
  apiVersion: string;
  kind: string;
  namespace?: string;
  resources: string[];
  patches?: { path: string }[];
}

/** The parts of an Application that these checks read. */
interface ApplicationSpec {
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
interface ProjectSpec {
  sourceRepos: string[];
  destinations: { server: string; namespace: string }[];
  clusterResourceWhitelist: { group: string; kind: string }[];
  syncWindows?: { kind: string; schedule: string; duration: string; manualSync?: boolean }[];
}

/** The cluster-scoped kinds among the objects that these clusters render. */
const CLUSTER_SCOPED_KINDS = ['Namespace', 'CustomResourceDefinition', 'ClusterRole'];

/** Every YAML file of a cluster's folder but its settings, parsed, by path inside the folder. */
function bootstrapYaml(cluster: string): Map<string, unknown[]> {
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
function bootstrapObjects(cluster: string): KubeObject[] {
  return [...bootstrapYaml(cluster).entries()]
    .filter(([file]) => !file.endsWith('kustomization.yaml'))
    .flatMap(([, documents]) => documents as KubeObject[]);
}

function kustomizationAt(cluster: string, folder: string): Kustomization {
  const file = path.join(DEFAULT_BOOTSTRAP_DIR, cluster, folder, 'kustomization.yaml');

  return parse(readFileSync(file, 'utf8')) as Kustomization;
}

function projectOf(cluster: string): KubeObject & { spec: ProjectSpec } {
  const projects = bootstrapObjects(cluster).filter((object) => object.kind === 'AppProject');

  assert.equal(projects.length, 1, `${cluster} has ${projects.length} projects`);
  return projects[0] as KubeObject & { spec: ProjectSpec };
}

/** Every Application that Argo CD will hold for a cluster: its apps/ folder and its dist/. */
function applicationsOf(cluster: string): (KubeObject & { spec: ApplicationSpec })[] {
  const fromDist = readDist()
    .filter((file) => file.cluster === cluster)
    .flatMap((file) => file.objects);

  return [...bootstrapObjects(cluster), ...fromDist].filter(
    (object) => object.kind === 'Application',
  ) as (KubeObject & { spec: ApplicationSpec })[];
}

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

      it('syncs every Application automatically, pruning last, retrying, keeping history', () => {
        const applications = applicationsOf(name);

        assert.ok(applications.length >= 4);
        for (const { metadata, spec } of applications) {
          const policy = spec.syncPolicy;

          assert.deepEqual(policy.automated, { prune: true, selfHeal: true }, metadata.name);
          assert.ok(policy.syncOptions?.includes('PruneLast=true'), metadata.name);
          assert.ok((policy.retry?.limit ?? 0) >= 5, metadata.name);
          assert.match(policy.retry?.backoff.maxDuration ?? '', /^\d+m$/);
          assert.equal(spec.revisionHistoryLimit, 10, metadata.name);
        }
      });

      it('marks each git Application with the one folder whose commits refresh it', () => {
        const fromGit = applicationsOf(name).filter((app) => app.spec.source.path !== undefined);

        assert.deepEqual(fromGit.map((app) => app.spec.source.path).sort(), [
          `clusters/${name}/apps`,
          `clusters/${name}/argo-cd`,
          `dist/${name}`,
        ]);
        for (const { metadata, spec } of fromGit) {
          assert.equal(
            metadata.annotations?.['argocd.argoproj.io/manifest-generate-paths'],
            `/${spec.source.path}`,
          );
          assert.equal(spec.source.repoURL, repoURL);
        }
      });

      it('lets Argo CD manage itself, applying its large CRDs server-side', () => {
        const argoCd = applicationsOf(name).find(
          (app) => app.spec.source.path === `clusters/${name}/argo-cd`,
        );

        assert.ok(argoCd?.spec.syncPolicy.syncOptions?.includes('ServerSideApply=true'));
        assert.equal(argoCd?.spec.destination.namespace, 'argocd');
      });

      it('fences every Application into the one project of the cluster', () => {
        const { metadata, spec } = projectOf(name);
        const destinations = new Set(spec.destinations.map((entry) => entry.namespace));

        for (const app of applicationsOf(name)) {
          assert.equal(app.spec.project, metadata.name, app.metadata.name);
          assert.ok(spec.sourceRepos.includes(app.spec.source.repoURL), app.spec.source.repoURL);
          assert.ok(destinations.has(app.spec.destination.namespace), app.metadata.name);
        }
        assert.ok(!spec.sourceRepos.some((repo) => repo.includes('*')));
        assert.ok(![...destinations].some((namespace) => namespace.includes('*')));
        assert.ok(!spec.clusterResourceWhitelist.some((entry) => entry.kind.includes('*')));
      });

      it('allows the namespaces and cluster-scoped kinds that the cluster uses, no more', () => {
        const { spec } = projectOf(name);
        const destinations = new Set(spec.destinations.map((entry) => entry.namespace));
        const allowed = spec.clusterResourceWhitelist.map((entry) => entry.kind);
        const objects = [
          ...readDist()
            .filter((file) => file.cluster === name)
            .flatMap((file) => file.objects),
          ...bootstrapObjects(name),
        ];

        for (const object of objects) {
          if (CLUSTER_SCOPED_KINDS.includes(object.kind)) {
            assert.ok(allowed.includes(object.kind), object.kind);
          } else if (object.metadata.namespace !== undefined) {
            assert.ok(destinations.has(object.metadata.namespace), object.metadata.name);
          }
        }
        assert.ok(allowed.includes('CustomResourceDefinition'));
        assert.ok(!allowed.includes('PersistentVolume'));
        assert.ok(!allowed.includes('StorageClass'));
      });
    });
  }

  it('closes prod-eks to automated syncs in its sync window, manual syncs allowed', () => {
    const windows = (name: string) => projectOf(name).spec.syncWindows ?? [];

    assert.deepEqual(windows('prod-eks'), [
      {
        kind: 'deny',
        schedule: '0 16 * * 5',
        duration: '64h',
        timeZone: 'Europe/Dublin',
        applications: ['*'],
        manualSync: true,
      },
    ]);
    assert.deepEqual(windows('dev'), []);
    assert.deepEqual(windows('staging-gke'), []);
  });

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
