import assert from 'node:assert/strict';
import { App } from 'cdk8s';
import { AppsChart } from '../../../src-k8s/charts/apps-chart.js';
import { clusterProject } from '../../../src-k8s/charts/cluster-project.js';
import { repoURL, targetRevision } from '../../../src-k8s/gitops.js';
import { clusterNamed, findObject, type KubeObject } from '../synth-cluster.js';

/** The fields of a rendered Application that these tests read. */
interface ApplicationSpec {
  project: string;
  source: { repoURL: string; targetRevision: string; path: string };
  destination: { namespace: string };
  syncPolicy: { syncOptions: string[] };
  ignoreDifferences?: { kind: string; name: string }[];
}

function render(cluster: string): KubeObject[] {
  return new AppsChart(new App(), { cluster: clusterNamed(cluster) }).toJson() as KubeObject[];
}

function specOf(objects: readonly KubeObject[], name: string): ApplicationSpec {
  return findObject(objects, 'Application', name).spec as ApplicationSpec;
}

describe('AppsChart', () => {
  const dev = render('dev');

  it('renders the project and three Applications in the argocd namespace', () => {
    assert.deepEqual(
      dev.map((object) => `${object.kind}/${object.metadata.name}/${object.metadata.namespace}`),
      [
        'AppProject/notifications-dev/argocd',
        'Application/notifications-dev-root/argocd',
        'Application/notifications-dev-argo-cd/argocd',
        'Application/notifications-dev/argocd',
      ],
    );
  });

  it('points the root at its own folder, so it manages itself and its children', () => {
    const root = specOf(dev, 'notifications-dev-root');

    assert.deepEqual(root.source, { repoURL, targetRevision, path: 'clusters/dev/apps' });
    assert.equal(root.project, 'notifications-dev');
  });

  it('syncs the project first, then Argo CD, then the cluster', () => {
    const wave = (kind: string, name: string) =>
      Number(findObject(dev, kind, name).metadata.annotations?.['argocd.argoproj.io/sync-wave']);

    assert.ok(
      wave('AppProject', 'notifications-dev') < wave('Application', 'notifications-dev-argo-cd'),
    );
    assert.ok(
      wave('Application', 'notifications-dev-argo-cd') < wave('Application', 'notifications-dev'),
    );
  });

  it("keeps argocd-secret's data, merged from outside git, through Argo CD's own syncs", () => {
    const argoCd = specOf(dev, 'notifications-dev-argo-cd');

    assert.deepEqual(argoCd.ignoreDifferences, [
      { kind: 'Secret', name: 'argocd-secret', jsonPointers: ['/data'] },
    ]);
    assert.ok(argoCd.syncPolicy.syncOptions.includes('RespectIgnoreDifferences=true'));
  });

  it('syncs dist/<cluster>/ into the app namespace', () => {
    const cluster = specOf(dev, 'notifications-dev');

    assert.equal(cluster.source.path, 'dist/dev');
    assert.equal(cluster.destination.namespace, 'notifications');
  });
});

describe('clusterProject', () => {
  it('allows only the repositories, namespaces and kinds of the add-ons a cluster runs', () => {
    const dev = clusterProject(clusterNamed('dev'));
    const prod = clusterProject(clusterNamed('prod-eks'));
    const kinds = (project: typeof dev) => project.clusterResources.map((entry) => entry.kind);

    assert.deepEqual([...dev.sourceRepos].sort(), [
      'https://github.com/example-org/github-notifications-gitops.git',
      'https://mysql.github.io/mysql-operator/',
    ]);
    assert.deepEqual([...prod.destinationNamespaces].sort(), [
      'argo-rollouts',
      'argocd',
      'external-secrets',
      'notifications',
    ]);
    assert.ok(kinds(dev).includes('ClusterKopfPeering'));
    assert.ok(!kinds(prod).includes('ClusterKopfPeering'));
    assert.ok(kinds(prod).includes('ValidatingWebhookConfiguration'));
    assert.ok(!kinds(dev).includes('ValidatingWebhookConfiguration'));
  });

  it("turns a cluster's sync window into a deny window", () => {
    assert.deepEqual(clusterProject(clusterNamed('prod-eks')).denyWindows, [
      { schedule: '0 16 * * 5', duration: '64h', timeZone: 'Europe/Dublin' },
    ]);
    assert.deepEqual(clusterProject(clusterNamed('dev')).denyWindows, []);
  });
});
