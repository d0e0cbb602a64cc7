import assert from 'node:assert/strict';
import { Yaml } from 'cdk8s';
import { NAMESPACE } from '../../../src-k8s/charts/cluster-chart.js';
import { dev } from '../../../src-k8s/clusters/dev.js';
import { findObject, type KubeObject, synthCluster } from '../synth-cluster.js';

/** The suffix cdk8s appends to names and label values it derives from a construct path. */
const PATH_HASH = /-[0-9a-f]{8}\b/;

describe('ClusterChart', () => {
  let objects: KubeObject[];

  before(() => {
    objects = synthCluster(dev);
  });

  it('renders the namespace and puts every other object in it', () => {
    const namespace = findObject(objects, 'Namespace', NAMESPACE);
    const others = objects.filter((object) => object !== namespace);

    assert.equal(namespace.metadata.namespace, undefined);
    for (const object of others) {
      assert.equal(object.metadata.namespace, NAMESPACE, `${object.kind} ${object.metadata.name}`);
    }
  });

  it('points DATABASE_URL at the router Service of the InnoDBCluster', () => {
    const database = findObject(objects, 'InnoDBCluster', 'notifications-db');
    const text = Yaml.stringify(findObject(objects, 'Deployment', 'notifications-app'));
    const value = /DATABASE_URL\n\s+value: (\S+)/.exec(text)?.[1];
    assert.ok(value, 'DATABASE_URL is not set');

    const url = new URL(value);

    assert.equal(url.protocol, 'mysql:');
    assert.equal(url.hostname, `${database.metadata.name}.${NAMESPACE}.svc.cluster.local`);
    assert.equal(url.port, '3306');
    assert.equal(url.password, '', 'DATABASE_URL must not carry a password');
  });

  it('renders no Secret: they are created outside git', () => {
    const secrets = objects.filter((object) => object.kind === 'Secret');

    assert.deepEqual(secrets, []);
    assert.doesNotMatch(Yaml.stringify(...objects), /\n\s*(data|stringData):/);
  });

  it('names every object explicitly, without construct-path hashes or labels', () => {
    for (const object of objects) {
      const text = Yaml.stringify(object);

      assert.doesNotMatch(text, PATH_HASH, `${object.kind} ${object.metadata.name}`);
      assert.doesNotMatch(text, /cdk8s\.io\//, `${object.kind} ${object.metadata.name}`);
    }
  });

  it('gives every object the part-of label', () => {
    for (const object of objects) {
      assert.equal(object.metadata.labels?.['app.kubernetes.io/part-of'], 'github-notifications');
    }
  });
});
