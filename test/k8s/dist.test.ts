import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { InnoDbCluster } from '../../src-k8s/constructs/database/innodb-cluster.js';
import { CLUSTERS } from './synth-cluster.js';
import { distClusters, readDist } from './dist-objects.js';
import { findModel } from './kubernetes-models.js';
import { loadMysqlOperatorSchema } from './schema-dir.js';

describe('dist/', () => {
  const files = readDist();
  const objects = files.flatMap(({ cluster, file, objects: parsed }) =>
    parsed.map((object) => ({ cluster, file, object })),
  );

  it('has one folder per cluster folder under clusters/', () => {
    assert.deepEqual(
      distClusters(),
      CLUSTERS.map((cluster) => cluster.name),
    );
  });

  it('holds one object per file, named <Kind>.<name>.yaml', () => {
    assert.ok(files.length > 0, 'dist/ is empty: run npm run synth');

    for (const { cluster, file, objects: parsed } of files) {
      assert.equal(parsed.length, 1, `${cluster}/${file} holds ${parsed.length} objects`);
      assert.equal(file, `${parsed[0]?.kind}.${parsed[0]?.metadata.name}.yaml`);
    }
  });

  describe('objects with a model package', () => {
    for (const { cluster, file, object } of objects) {
      if (object.kind === InnoDbCluster.KIND) {
        continue;
      }

      it(`${cluster}/${file} validates against its model`, () => {
        const Model = findModel(object.apiVersion, object.kind);

        assert.ok(Model, `no model package knows ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => new Model(object).validate());
      });
    }
  });

  describe('InnoDBCluster objects', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(loadMysqlOperatorSchema(InnoDbCluster.KIND, 'v2'));

    for (const { cluster, file, object } of objects) {
      if (object.kind !== InnoDbCluster.KIND) {
        continue;
      }

      it(`${cluster}/${file} validates against the MySQL Operator CRD`, () => {
        const valid = validate(object);

        assert.ok(valid, ajv.errorsText(validate.errors));
        assert.equal(object.apiVersion, InnoDbCluster.API_VERSION);
      });
    }
  });
});
