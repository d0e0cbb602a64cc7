import assert from 'node:assert/strict';
import { findAppWorkload, findObject, objectsOfKind, synthCluster } from '../synth-cluster.js';

describe('ClusterChart for Argo CD', () => {
  const rendered = {
    dev: synthCluster('dev'),
    staging: synthCluster('staging-gke'),
    prod: synthCluster('prod-eks'),
  };

  it('rolls prod out as a canary by steps and keeps a Deployment in dev', () => {
    const rollout = findObject(rendered.prod, 'Rollout', 'notifications-app');
    const canary = (rollout.spec as { strategy: { canary: { steps: unknown[] } } }).strategy.canary;

    assert.deepEqual(canary.steps, [
      { setWeight: 20 },
      { pause: { duration: '2m' } },
      { setWeight: 50 },
      { pause: { duration: '2m' } },
      { setWeight: 100 },
    ]);
    assert.match(
      rollout.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '',
      /SkipDryRunOnMissingResource=true/,
    );
    assert.deepEqual(objectsOfKind(rendered.prod, 'Deployment'), []);
    assert.deepEqual(objectsOfKind(rendered.dev, 'Rollout'), []);
    findObject(rendered.dev, 'Deployment', 'notifications-app');
  });

  it('keeps old ReplicaSets of the app for undo and abort', () => {
    for (const objects of Object.values(rendered)) {
      const spec = findAppWorkload(objects).spec as { revisionHistoryLimit?: number };

      assert.equal(spec.revisionHistoryLimit, 5);
    }
  });

  it('merges the webhook secret into argocd-secret where there is a store, and only there', () => {
    for (const objects of [rendered.staging, rendered.prod]) {
      const secret = findObject(objects, 'ExternalSecret', 'argocd-webhook-secret');
      const spec = secret.spec as {
        target: { name: string; creationPolicy: string };
        secretStoreRef: { name: string };
        data: { secretKey: string }[];
      };

      assert.deepEqual(spec.target, { name: 'argocd-secret', creationPolicy: 'Merge' });
      assert.equal(spec.secretStoreRef.name, 'argocd-store');
      assert.deepEqual(
        spec.data.map((entry) => entry.secretKey),
        ['webhook.github.secret'],
      );
      assert.equal(findObject(objects, 'SecretStore', 'argocd-store').metadata.namespace, 'argocd');
    }
    assert.equal(
      rendered.dev.some(
        (object) => object.metadata.namespace === 'argocd' && object.kind !== 'Application',
      ),
      false,
    );
  });

  it('puts every add-on into the cluster project, with its CRDs applied server-side', () => {
    for (const [cluster, objects] of Object.entries(rendered)) {
      for (const addon of objectsOfKind(objects, 'Application')) {
        const spec = addon.spec as { project: string; syncPolicy: { syncOptions: string[] } };

        assert.match(spec.project, /^notifications-(dev|staging-gke|prod-eks)$/, cluster);
        assert.ok(spec.syncPolicy.syncOptions.includes('ServerSideApply=true'));
        assert.ok(spec.syncPolicy.syncOptions.includes('PruneLast=true'));
      }
    }
  });
});
