import assert from 'node:assert/strict';
import { App } from 'cdk8s';
import { BootstrapChart } from '../../../src-k8s/charts/bootstrap-chart.js';
import { repoURL, targetRevision } from '../../../src-k8s/gitops.js';

/** The fields of a rendered Application that these tests read. */
interface RenderedApplication {
  apiVersion: string;
  kind: string;
  metadata: unknown;
  spec: {
    source: unknown;
    destination: unknown;
    syncPolicy: { automated: unknown; retry: unknown };
  };
}

describe('BootstrapChart', () => {
  let application: RenderedApplication;
  let rest: unknown[];

  before(() => {
    [application, ...rest] = new BootstrapChart(new App(), { cluster: { name: 'dev' } }).toJson();
  });

  it('renders a single Argo CD Application in the argocd namespace', () => {
    assert.deepEqual(rest, []);
    assert.equal(application.apiVersion, 'argoproj.io/v1alpha1');
    assert.equal(application.kind, 'Application');
    assert.deepEqual(application.metadata, { name: 'notifications-dev', namespace: 'argocd' });
  });

  it('syncs dist/dev of this repository from the one repoURL constant', () => {
    assert.deepEqual(application.spec.source, { repoURL, targetRevision, path: 'dist/dev' });
  });

  it('deploys into the notifications namespace of the cluster Argo CD runs in', () => {
    assert.deepEqual(application.spec.destination, {
      server: 'https://kubernetes.default.svc',
      namespace: 'notifications',
    });
  });

  it('syncs automatically, pruning and healing drift, and retries a failed first sync', () => {
    assert.deepEqual(application.spec.syncPolicy.automated, { prune: true, selfHeal: true });
    assert.ok(application.spec.syncPolicy.retry, 'no retry policy');
  });
});
