import assert from 'node:assert/strict';
import { Yaml } from 'cdk8s';
import { objectYaml } from '../../src-k8s/object-yaml.js';
import { synthCluster } from './synth-cluster.js';

describe('objectYaml', () => {
  it('writes what cdk8s writes for every object of a cluster, first and again', () => {
    for (const object of [...synthCluster('staging-gke'), ...synthCluster('staging-gke')]) {
      assert.equal(objectYaml(object), Yaml.stringify(object));
    }
  });

  it('tells apart objects whose JSON is the same but whose YAML is not', () => {
    const shared = { port: 8080 };
    const pairs: Array<[string, unknown, unknown]> = [
      ['an undefined field', { replicas: 1 }, { replicas: 1, paused: undefined }],
      [
        'an object reached twice',
        { a: { port: 8080 }, b: { port: 8080 } },
        { a: shared, b: shared },
      ],
      ['minus zero', { weight: 0 }, { weight: -0 }],
      ['NaN', { ratio: null }, { ratio: Number.NaN }],
      ['a Date', { at: '2026-01-01T00:00:00.000Z' }, { at: new Date('2026-01-01T00:00:00Z') }],
    ];

    for (const [what, plain, other] of pairs) {
      assert.equal(JSON.stringify(plain), JSON.stringify(other), what);

      const first = objectYaml(plain);
      const second = objectYaml(other);

      assert.equal(first, Yaml.stringify(plain), what);
      assert.equal(second, Yaml.stringify(other), what);
      assert.notEqual(second, first, what);
    }
  });
});
