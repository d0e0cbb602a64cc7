import assert from 'node:assert/strict';
import { readDist } from './dist-objects.js';
import type { KubeObject } from './synth-cluster.js';

/** Kinds that hold state or that other objects refer to by name. */
const NAMED_KINDS = [
  'PersistentVolumeClaim',
  'InnoDBCluster',
  'Service',
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'ExternalSecret',
  'SecretStore',
];

/** The names each construct chose explicitly, by cluster and kind. */
const EXPECTED_NAMES: Record<string, Record<string, string[]>> = {
  dev: {
    ConfigMap: ['notifications-app-config', 'notifications-db-accounts'],
    InnoDBCluster: ['notifications-db'],
    Service: ['notifications-app'],
    ServiceAccount: ['notifications-app', 'notifications-migrate'],
  },
  'staging-gke': {
    ConfigMap: ['notifications-app-config', 'notifications-db-accounts'],
    ExternalSecret: [
      'argocd-webhook-secret',
      'notifications-app-secrets',
      'notifications-db-app',
      'notifications-db-credentials',
      'notifications-image-pull',
    ],
    InnoDBCluster: ['notifications-db'],
    PersistentVolumeClaim: ['notifications-db-backup'],
    SecretStore: ['argocd-store', 'notifications-store'],
    Service: ['notifications-app'],
    ServiceAccount: [
      'argocd-store',
      'notifications-app',
      'notifications-migrate',
      'notifications-store',
    ],
  },
  'prod-eks': {
    ConfigMap: ['notifications-app-config'],
    ExternalSecret: [
      'argocd-webhook-secret',
      'notifications-app-secrets',
      'notifications-db-app',
      'notifications-db-migrator',
      'notifications-image-pull',
    ],
    SecretStore: ['argocd-store', 'notifications-store'],
    Service: ['notifications-app'],
    ServiceAccount: [
      'argocd-store',
      'notifications-app',
      'notifications-image-pull-ecr',
      'notifications-migrate',
      'notifications-store',
    ],
  },
};

/**
 * Secrets and ConfigMaps that are made outside git, per cluster (see its README): by hand in
 * dev, by cert-manager for the Ingress, and the RDS CA bundle.
 */
const MADE_OUTSIDE_GIT: Record<string, string[]> = {
  dev: ['notifications-app-secrets', 'notifications-db-app', 'notifications-db-credentials'],
  'staging-gke': ['notifications-tls'],
  'prod-eks': ['notifications-tls', 'rds-ca-bundle'],
};

/** Every `name` that pods and CRs use to point at a Secret, ConfigMap or ServiceAccount. */
function references(object: KubeObject): { kind: string; name: string }[] {
  const found: { kind: string; name: string }[] = [];
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, key));
      return;
    }
    if (typeof value !== 'object' || value === null) {
      return;
    }

    const record = value as Record<string, unknown>;
    const name = typeof record.name === 'string' ? record.name : undefined;
    if (name && ['secretKeyRef', 'imagePullSecrets'].includes(key))
      found.push({ kind: 'Secret', name });
    if (name && ['configMap', 'configMapRef'].includes(key))
      found.push({ kind: 'ConfigMap', name });
    if (typeof record.secretName === 'string') {
      found.push({ kind: 'Secret', name: record.secretName });
    }
    if (typeof record.serviceAccountName === 'string') {
      found.push({ kind: 'ServiceAccount', name: record.serviceAccountName });
    }
    for (const [child, nested] of Object.entries(record)) visit(nested, child);
  };

  visit(object, '');
  return found;
}

describe('names in dist/', () => {
  const files = readDist();
  const clusters = [...new Set(files.map((file) => file.cluster))];

  for (const cluster of clusters) {
    const objects = files
      .filter((file) => file.cluster === cluster)
      .flatMap((file) => file.objects);

    it(`${cluster}: stateful and referenced objects carry the names the constructs chose`, () => {
      const actual: Record<string, string[]> = {};

      for (const object of objects.filter((entry) => NAMED_KINDS.includes(entry.kind))) {
        (actual[object.kind] ??= []).push(object.metadata.name ?? '');
      }
      for (const names of Object.values(actual)) names.sort();

      assert.deepEqual(actual, EXPECTED_NAMES[cluster]);
    });

    it(`${cluster}: every Secret, ConfigMap and ServiceAccount that is referenced exists`, () => {
      const provided = new Set([
        ...objects
          .filter((o) => ['ConfigMap', 'ServiceAccount'].includes(o.kind))
          .map((o) => `${o.kind}/${o.metadata.name}`),
        ...objects
          .filter((o) => o.kind === 'ExternalSecret')
          .map((o) => `Secret/${o.metadata.name}`),
        ...(MADE_OUTSIDE_GIT[cluster] ?? []).map((name) =>
          name.startsWith('rds') ? `ConfigMap/${name}` : `Secret/${name}`,
        ),
      ]);
      const referenced = objects
        .filter((o) => o.kind !== 'ExternalSecret')
        .flatMap(references)
        .map(({ kind, name }) => `${kind}/${name}`);

      assert.ok(referenced.length > 0);
      assert.deepEqual([...new Set(referenced.filter((ref) => !provided.has(ref)))], []);
    });
  }
});
