import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { App, Chart, Size } from 'cdk8s';
import {
  InnoDbCluster,
  type InnoDbClusterProps,
} from '../../../src-k8s/constructs/innodb-cluster.js';
import { loadMysqlOperatorSchema } from '../schema-dir.js';
import { findObject, synthCluster } from '../synth-cluster.js';

const VALID_PROPS: InnoDbClusterProps = {
  metadata: { name: 'orders-db', namespace: 'shop' },
  secretName: 'orders-db-credentials',
};

function createCluster(props: Partial<InnoDbClusterProps> = {}): InnoDbCluster {
  const chart = new Chart(new App(), 'test');

  return new InnoDbCluster(chart, 'database', { ...VALID_PROPS, ...props });
}

describe('InnoDbCluster', () => {
  it('renders the dev cluster with one server, one router and self-signed TLS', () => {
    const object = findObject(synthCluster(), 'InnoDBCluster', 'notifications-db');

    assert.equal(object.apiVersion, 'mysql.oracle.com/v2');
    assert.equal(object.metadata.namespace, 'notifications');
    assert.deepEqual(object.spec, {
      secretName: 'notifications-db-credentials',
      instances: 1,
      router: { instances: 1 },
      tlsUseSelfSigned: true,
      datadirVolumeClaimTemplate: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '2Gi' } },
      },
    });
  });

  it('renders a spec that the CRD accepts, with every option set', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(loadMysqlOperatorSchema('InnoDBCluster', 'v2'));
    const cluster = createCluster({
      instances: 3,
      routerInstances: 2,
      tlsUseSelfSigned: true,
      version: '9.1.0',
      datadir: { storage: Size.mebibytes(1536), storageClassName: 'fast' },
    });

    const object = cluster.toJson() as { spec: { datadirVolumeClaimTemplate: unknown } };

    assert.ok(validate(object), ajv.errorsText(validate.errors));
    assert.deepEqual(object.spec.datadirVolumeClaimTemplate, {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1536Mi' } },
      storageClassName: 'fast',
    });
  });

  it('points clients at the router Service named after the cluster', () => {
    const cluster = createCluster({ rootUser: 'admin' });

    const connection = cluster.connectionFor('orders');

    assert.deepEqual(connection, {
      host: 'orders-db.shop.svc.cluster.local',
      port: 3306,
      database: 'orders',
      user: 'admin',
      passwordSecretName: 'orders-db-credentials',
      passwordSecretKey: 'rootPassword',
    });
  });

  it('accepts valid props', () => {
    assert.deepEqual(createCluster().node.validate(), []);
  });

  it('reports every invalid prop at once', () => {
    const cluster = createCluster({
      metadata: { name: 'a'.repeat(41) },
      instances: 10,
      routerInstances: -1,
      version: 'latest',
    });

    const errors = cluster.node.validate();

    assert.equal(errors.length, 5, errors.join('\n'));
    assert.match(errors.join('\n'), /longer than 40/);
    assert.match(errors.join('\n'), /metadata\.namespace is required/);
    assert.match(errors.join('\n'), /instances must be a whole number from 1 to 9/);
    assert.match(errors.join('\n'), /routerInstances/);
    assert.match(errors.join('\n'), /version "latest"/);
  });
});
