import assert from 'node:assert/strict';
import { NAMESPACE } from '../../../src-k8s/charts/cluster-chart.js';
import { SYNC_WAVE_ANNOTATION } from '../../../src-k8s/constructs/argo-cd/sync-order.js';
import {
  findAppWorkload,
  findObject,
  type KubeObject,
  objectsOfKind,
  synthCluster,
} from '../synth-cluster.js';

/** Parts of rendered objects that these tests read. */
interface PodTemplate {
  metadata: { annotations?: Record<string, string> };
  spec: {
    hostUsers?: boolean;
    topologySpreadConstraints?: {
      topologyKey: string;
      whenUnsatisfiable: string;
      matchLabelKeys?: string[];
    }[];
    volumes: { name: string; configMap?: { name: string } }[];
    containers: { env?: { name: string; valueFrom?: unknown }[]; volumeMounts?: unknown[] }[];
  };
}

function waveOf(object: KubeObject): number {
  return Number(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0);
}

function podTemplateOf(objects: readonly KubeObject[]): PodTemplate {
  return (findAppWorkload(objects).spec as { template: PodTemplate }).template;
}

/** Objects that live in Argo CD's namespace rather than the app's. */
const ARGO_CD_OBJECTS = [
  'ExternalSecret/argocd-webhook-secret',
  'SecretStore/argocd-store',
  'ServiceAccount/argocd-store',
];

function configOf(objects: readonly KubeObject[]): Record<string, string> {
  return findObject(objects, 'ConfigMap', 'notifications-app-config').data as Record<
    string,
    string
  >;
}

describe('ClusterChart', () => {
  const rendered = {
    dev: synthCluster('dev'),
    staging: synthCluster('staging-gke'),
    prod: synthCluster('prod-eks'),
  };

  it("puts every object in the namespace but the Namespace and Argo CD's own objects", () => {
    for (const objects of Object.values(rendered)) {
      for (const object of objects) {
        const id = `${object.kind}/${object.metadata.name}`;
        const inArgoCd = object.kind === 'Application' || ARGO_CD_OBJECTS.includes(id);
        const expected = object.kind === 'Namespace' ? undefined : inArgoCd ? 'argocd' : NAMESPACE;

        assert.equal(object.metadata.namespace, expected, id);
      }
    }
  });

  it('orders the sync: add-ons, secret sources, secrets, database, migration, app', () => {
    for (const objects of Object.values(rendered)) {
      const wave = (kind: string, name: string) => waveOf(findObject(objects, kind, name));
      const migration = wave('Job', 'notifications-migrate');

      assert.ok(wave('Namespace', NAMESPACE) < migration);
      assert.ok(migration < waveOf(findAppWorkload(objects)));
      for (const secret of objectsOfKind(objects, 'ExternalSecret')) {
        assert.ok(waveOf(secret) < migration, `${secret.metadata.name} after migration`);
      }
      for (const store of [
        ...objectsOfKind(objects, 'SecretStore'),
        ...objectsOfKind(objects, 'ECRAuthorizationToken'),
      ]) {
        for (const secret of objectsOfKind(objects, 'ExternalSecret')) {
          assert.ok(waveOf(store) < waveOf(secret));
        }
      }
      for (const database of objectsOfKind(objects, 'InnoDBCluster')) {
        assert.ok(waveOf(database) < migration);
      }
      for (const addon of objectsOfKind(objects, 'Application')) {
        assert.ok(
          waveOf(addon) <
            Math.min(
              ...objects
                .filter((o) => o.kind !== 'Application' && o.kind !== 'Namespace')
                .map(waveOf),
            ),
        );
      }
    }
  });

  it('runs the migration as a Sync hook that replaces the previous Job', () => {
    const job = findObject(rendered.dev, 'Job', 'notifications-migrate');

    assert.equal(job.metadata.annotations?.['argocd.argoproj.io/hook'], 'Sync');
    assert.equal(
      job.metadata.annotations?.['argocd.argoproj.io/hook-delete-policy'],
      'BeforeHookCreation',
    );
    assert.equal(configOf(rendered.dev).MIGRATE_ON_START, 'false');
  });

  it('installs the operators each cluster needs, pinned to exact chart versions', () => {
    const addons = (objects: readonly KubeObject[]) =>
      objectsOfKind(objects, 'Application').map((application) => {
        const source = (application.spec as { source: { chart: string; targetRevision: string } })
          .source;
        assert.match(source.targetRevision, /^\d+\.\d+\.\d+$/);
        return source.chart;
      });

    assert.deepEqual(addons(rendered.dev), ['mysql-operator']);
    assert.deepEqual(addons(rendered.staging).sort(), ['external-secrets', 'mysql-operator']);
    assert.deepEqual(addons(rendered.prod).sort(), ['argo-rollouts', 'external-secrets']);
  });

  it('makes no Secret with data in any cluster: Secrets come from stores or by hand', () => {
    for (const objects of Object.values(rendered)) {
      assert.deepEqual(objectsOfKind(objects, 'Secret'), []);
    }
    assert.deepEqual(objectsOfKind(rendered.dev, 'ExternalSecret'), []);
  });

  it('gives the operator exactly the root Secret keys it requires', () => {
    const secret = findObject(rendered.staging, 'ExternalSecret', 'notifications-db-credentials');
    const template = (secret.spec as { target: { template: { data: Record<string, string> } } })
      .target.template.data;

    assert.deepEqual(Object.keys(template).sort(), ['rootHost', 'rootPassword', 'rootUser']);
  });

  it('connects the app as its own account, never root', () => {
    for (const objects of [rendered.dev, rendered.staging]) {
      const url = new URL(configOf(objects).DATABASE_URL ?? '');

      assert.equal(url.username, 'notifications_app');
      assert.equal(url.hostname, `notifications-db.${NAMESPACE}.svc.cluster.local`);
      assert.equal(url.password, '');
    }
  });

  it('verifies the managed database over TLS with a CA bundle from a ConfigMap', () => {
    const config = configOf(rendered.prod);
    const pod = podTemplateOf(rendered.prod);
    const env = pod.spec.containers[0]?.env ?? [];

    assert.equal(config.DATABASE_TLS, 'verify');
    assert.equal(config.DATABASE_TLS_CA_FILE, '/etc/database-ca/global-bundle.pem');
    assert.equal(config.DATABASE_URL, undefined, 'the host must come from the store');
    assert.ok(env.some((entry) => entry.name === 'DATABASE_URL' && entry.valueFrom));
    assert.ok(pod.spec.volumes.some((volume) => volume.configMap?.name === 'rds-ca-bundle'));
  });

  it('scales prod with an autoscaler from 3 pods, spread over zones and nodes', () => {
    const rollout = findAppWorkload(rendered.prod);
    const autoscaler = findObject(rendered.prod, 'HorizontalPodAutoscaler', 'notifications-app');
    const spec = autoscaler.spec as { minReplicas: number; scaleTargetRef: unknown };
    const spread = podTemplateOf(rendered.prod).spec.topologySpreadConstraints ?? [];

    assert.equal((rollout.spec as { replicas?: number }).replicas, undefined);
    assert.equal(spec.minReplicas, 3);
    assert.equal(autoscaler.apiVersion, 'autoscaling/v2');
    assert.deepEqual(spec.scaleTargetRef, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'notifications-app',
    });
    assert.deepEqual(
      spread.map((constraint) => [constraint.topologyKey, constraint.matchLabelKeys]),
      [
        ['topology.kubernetes.io/zone', ['rollouts-pod-template-hash']],
        ['kubernetes.io/hostname', ['rollouts-pod-template-hash']],
      ],
    );
    findObject(rendered.prod, 'PodDisruptionBudget', 'notifications-app');
  });

  it('runs staging app pods in user namespaces', () => {
    assert.equal(podTemplateOf(rendered.staging).spec.hostUsers, false);
    assert.equal(podTemplateOf(rendered.dev).spec.hostUsers, undefined);
  });

  it('rolls the pods when the configuration changes', () => {
    const checksum = (objects: readonly KubeObject[]) =>
      podTemplateOf(objects).metadata.annotations?.['checksum/config'];

    assert.match(checksum(rendered.dev) ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(checksum(rendered.dev), checksum(rendered.staging));
  });

  it('renews the ECR pull token well before its 12 hours run out', () => {
    const secret = findObject(rendered.prod, 'ExternalSecret', 'notifications-image-pull');
    const spec = secret.spec as {
      refreshInterval: string;
      target: { template: { type: string } };
      dataFrom: { sourceRef: { generatorRef: { kind: string } } }[];
    };

    assert.equal(spec.target.template.type, 'kubernetes.io/dockerconfigjson');
    assert.equal(spec.dataFrom[0]?.sourceRef.generatorRef.kind, 'ECRAuthorizationToken');
    assert.ok(Number.parseInt(spec.refreshInterval, 10) <= 6, spec.refreshInterval);
    assert.match(spec.refreshInterval, /^\d+h$/);
  });

  it('backs staging up daily to a PVC and prunes old dumps', () => {
    const cluster = findObject(rendered.staging, 'InnoDBCluster', 'notifications-db');
    const spec = cluster.spec as {
      backupSchedules: { schedule: string; backupProfileName: string }[];
      backupProfiles: { name: string; dumpInstance: { storage: unknown } }[];
    };
    const pruner = findObject(rendered.staging, 'CronJob', 'notifications-db-backup-pruner');

    assert.equal(spec.backupSchedules[0]?.schedule, '0 2 * * *');
    assert.deepEqual(spec.backupProfiles[0]?.dumpInstance.storage, {
      persistentVolumeClaim: { claimName: 'notifications-db-backup' },
    });
    assert.match(JSON.stringify(pruner.spec), /"-mmin","\+10080"/);
  });

  it('pulls the mirrored MySQL images with the pull secret', () => {
    const spec = findObject(rendered.staging, 'InnoDBCluster', 'notifications-db').spec as {
      imagePullSecrets: { name: string }[];
      imageRepository: string;
    };

    assert.deepEqual(spec.imagePullSecrets, [{ name: 'notifications-image-pull' }]);
    assert.match(spec.imageRepository, /docker\.pkg\.dev/);
  });

  it('enforces Pod Security "restricted" where no operator pods run in the namespace', () => {
    const level = (objects: readonly KubeObject[]) =>
      findObject(objects, 'Namespace', NAMESPACE).metadata.labels?.[
        'pod-security.kubernetes.io/enforce'
      ];

    assert.equal(level(rendered.prod), 'restricted');
    assert.equal(level(rendered.dev), 'baseline');
  });
});
