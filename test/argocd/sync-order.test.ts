import assert from 'node:assert/strict';
import { selectAddons } from '../../src-k8s/charts/addon-selection.js';
import { readDist } from '../k8s/dist-objects.js';
import { CLUSTERS } from '../k8s/synth-cluster.js';
import type { ClusterSettings } from '../../src-k8s/settings/cluster-settings.js';
import {
  checkSyncOrder,
  describeObject,
  type OrderRule,
  type SyncObject,
  syncOrder,
} from '../support/argocd-sync-order.js';

/** The API groups of the custom resources that each operator's chart defines. */
const OPERATOR_GROUPS: Record<string, readonly string[]> = {
  'mysql-operator': ['mysql.oracle.com'],
  'external-secrets': ['external-secrets.io', 'generators.external-secrets.io'],
  'argo-rollouts': ['argoproj.io'],
};

/** Kinds of the argoproj.io group that Argo Rollouts defines (Applications are Argo CD's). */
const ROLLOUTS_KINDS = ['Rollout', 'AnalysisTemplate', 'AnalysisRun', 'Experiment'];

const groupOf = (object: SyncObject) => object.apiVersion.split('/').slice(0, -1).join('/');
const isKind =
  (...kinds: string[]) =>
  (object: SyncObject) =>
    kinds.includes(object.kind);
const chartOf = (object: SyncObject) =>
  object.kind === 'Application'
    ? (object.spec as { source?: { chart?: string } }).source?.chart
    : undefined;

/** Custom resources whose CRD comes with the chart of `operator`. */
function providedBy(operator: string): (object: SyncObject) => boolean {
  const groups = OPERATOR_GROUPS[operator] ?? [];

  return (object) =>
    groups.includes(groupOf(object)) &&
    (groupOf(object) !== 'argoproj.io' || ROLLOUTS_KINDS.includes(object.kind));
}

const isMigration = (object: SyncObject) =>
  object.kind === 'Job' && object.metadata.labels?.['app.kubernetes.io/component'] === 'migration';
const isAppWorkload = (object: SyncObject) =>
  ['Deployment', 'Rollout'].includes(object.kind) && object.metadata.name === 'notifications-app';
const isDatabase = isKind('InnoDBCluster');
const isSecretSource = isKind('SecretStore', 'ECRAuthorizationToken');
const isSecret = isKind('SecretStore', 'ECRAuthorizationToken', 'ExternalSecret', 'Secret');

/**
 * What must be ready before what on an empty cluster, for one cluster's settings. Each rule is
 * chosen from the settings, not from the rendered objects, so that an object that goes missing
 * makes its rule fail instead of vanish.
 */
function rulesFor(cluster: ClusterSettings): OrderRule[] {
  const addons = selectAddons(cluster);
  const operators = [
    ...(addons.mysqlOperator ? ['mysql-operator'] : []),
    ...(addons.externalSecrets ? ['external-secrets'] : []),
    ...(addons.argoRollouts ? ['argo-rollouts'] : []),
  ];
  const hasExternalSecrets = addons.externalSecrets;
  const hasDatabase = cluster.database.mode === 'operator';

  return [
    ...operators.map((operator): OrderRule => ({
      description: `the ${operator} Application before its custom resources`,
      before: (object) => chartOf(object) === operator,
      after: providedBy(operator),
      needs: 'ready',
    })),
    {
      description: 'the app namespace before the objects in it',
      before: (object) => object.kind === 'Namespace' && object.metadata.name === 'notifications',
      after: (object) => object.metadata.namespace === 'notifications',
      needs: 'applied',
    },
    ...(hasExternalSecrets
      ? [
          {
            description: 'secret stores and generators before the ExternalSecrets',
            before: isSecretSource,
            after: isKind('ExternalSecret'),
            needs: 'ready',
          } satisfies OrderRule,
          {
            description: 'secrets and their sources before the migration',
            before: isSecret,
            after: isMigration,
            needs: 'ready',
          } satisfies OrderRule,
        ]
      : []),
    ...(hasExternalSecrets && hasDatabase
      ? [
          {
            description: 'secrets and their sources before the database',
            before: isSecret,
            after: isDatabase,
            needs: 'ready',
          } satisfies OrderRule,
        ]
      : []),
    ...(hasDatabase
      ? [
          {
            description: 'the database before the migration',
            before: isDatabase,
            after: isMigration,
            needs: 'ready',
          } satisfies OrderRule,
        ]
      : []),
    {
      description: "the migration before the app's pods",
      before: isMigration,
      after: isAppWorkload,
      needs: 'ready',
    },
  ];
}

/** The committed objects of one cluster's folder under dist/. */
function distObjects(cluster: string): SyncObject[] {
  return readDist()
    .filter((file) => file.cluster === cluster)
    .flatMap((file) => file.objects);
}

/** A deep copy of `objects` with the sync-wave annotation of one object removed. */
function withoutWave(objects: readonly SyncObject[], kind: string, name: string): SyncObject[] {
  const copy = structuredClone(objects) as SyncObject[];
  const target = copy.find((object) => object.kind === kind && object.metadata.name === name);

  assert.ok(target?.metadata.annotations?.['argocd.argoproj.io/sync-wave'], `${kind}/${name}`);
  delete (target.metadata.annotations as Record<string, string>)['argocd.argoproj.io/sync-wave'];

  return copy;
}

function clusterNamed(name: string): ClusterSettings {
  const cluster = CLUSTERS.find((entry) => entry.name === name);

  assert.ok(cluster, `no cluster ${name}`);
  return cluster;
}

describe('sync order on an empty cluster', () => {
  describe('syncOrder', () => {
    const object = (kind: string, name: string, annotations: Record<string, string> = {}) => ({
      apiVersion: 'v1',
      kind,
      metadata: { name, annotations },
    });

    it('sorts by phase, then wave, then kind, then name', () => {
      const objects = [
        object('Deployment', 'b'),
        object('Deployment', 'a'),
        object('InnoDBCluster', 'db', { 'argocd.argoproj.io/sync-wave': '-1' }),
        object('Job', 'late', { 'argocd.argoproj.io/hook': 'PostSync' }),
        object('Job', 'early', {
          'argocd.argoproj.io/hook': 'PreSync',
          'argocd.argoproj.io/sync-wave': '5',
        }),
        object('Namespace', 'ns'),
        object('Widget', 'custom'),
      ];

      const ordered = syncOrder(objects).map(describeObject);

      assert.deepEqual(ordered, [
        'Job/early',
        'InnoDBCluster/db',
        'Namespace/ns',
        'Deployment/a',
        'Deployment/b',
        'Widget/custom',
        'Job/late',
      ]);
    });

    it('counts a Sync hook and an object without a wave as Sync phase, wave 0', () => {
      const ordered = syncOrder([
        object('Job', 'hook', { 'argocd.argoproj.io/hook': 'Sync' }),
        object('Service', 'plain'),
        object('ConfigMap', 'later', { 'argocd.argoproj.io/sync-wave': '1' }),
      ]).map(describeObject);

      assert.deepEqual(ordered, ['Service/plain', 'Job/hook', 'ConfigMap/later']);
    });
  });

  for (const cluster of CLUSTERS) {
    it(`${cluster.name}: operators, secrets, database, migration and app come in order`, () => {
      const violations = checkSyncOrder(distObjects(cluster.name), rulesFor(cluster));

      assert.deepEqual(violations, []);
    });
  }

  describe('the check itself', () => {
    it('reports a migration that lost its wave: it would run beside the database', () => {
      const objects = withoutWave(distObjects('dev'), 'Job', 'notifications-migrate');

      const violations = checkSyncOrder(objects, rulesFor(clusterNamed('dev')));

      assert.deepEqual(violations, [
        'the database before the migration: InnoDBCluster/notifications-db (Sync wave 0) is not ' +
          'before Job/notifications-migrate (Sync wave 0)',
      ]);
    });

    it('reports a Rollout that lost its wave: it would start before the migration', () => {
      const objects = withoutWave(distObjects('prod-eks'), 'Rollout', 'notifications-app');

      const violations = checkSyncOrder(objects, rulesFor(clusterNamed('prod-eks')));

      assert.deepEqual(violations, [
        "the migration before the app's pods: Job/notifications-migrate (Sync wave 1) is not " +
          'before Rollout/notifications-app (Sync wave 0)',
      ]);
    });

    it('reports an operator Application that lost its wave: its CRDs would come too late', () => {
      const objects = withoutWave(
        distObjects('staging-gke'),
        'Application',
        'notifications-staging-gke-mysql-operator',
      );

      const violations = checkSyncOrder(objects, rulesFor(clusterNamed('staging-gke')));

      assert.ok(violations.length > 0);
      assert.match(violations.join('\n'), /the mysql-operator Application before its custom/);
      assert.match(violations.join('\n'), /is not before InnoDBCluster\/notifications-db/);
    });

    it('reports an ExternalSecret that lost its wave: the database would start without it', () => {
      const objects = withoutWave(
        distObjects('staging-gke'),
        'ExternalSecret',
        'notifications-db-credentials',
      );

      const violations = checkSyncOrder(objects, rulesFor(clusterNamed('staging-gke')));

      assert.deepEqual(violations, [
        'secrets and their sources before the database: ExternalSecret/' +
          'notifications-db-credentials (Sync wave 0) is not before InnoDBCluster/notifications-db ' +
          '(Sync wave 0)',
      ]);
    });

    it('reports a rule that matches nothing, such as a missing database', () => {
      const objects = distObjects('dev').filter((object) => object.kind !== 'InnoDBCluster');

      const violations = checkSyncOrder(objects, rulesFor(clusterNamed('dev')));

      assert.deepEqual(violations, [
        'the mysql-operator Application before its custom resources: the rule matches no pair ' +
          'of objects',
        'the database before the migration: the rule matches no pair of objects',
      ]);
    });
  });
});
