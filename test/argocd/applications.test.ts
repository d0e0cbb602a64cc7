import assert from 'node:assert/strict';
import { repoURL } from '../../src-k8s/gitops.js';
import { readDist } from '../k8s/dist-objects.js';
import { CLUSTERS } from '../k8s/synth-cluster.js';
import {
  applicationsOf,
  bootstrapObjects,
  CLUSTER_SCOPED_KINDS,
  projectOf,
} from './bootstrap-objects.js';

describe('Argo CD Applications and projects', () => {
  for (const { name } of CLUSTERS) {
    describe(name, () => {
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
});
