import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { InnoDbCluster } from '../../src-k8s/constructs/innodb-cluster.js';
import { listFiles } from '../../src-k8s/list-files.js';
import { DEFAULT_MANIFESTS_DIR } from '../../src-k8s/paths.js';
import { findModel } from './kubernetes-models.js';
import { loadMysqlOperatorSchema } from './schema-dir.js';
import type { KubeObject } from './synth-cluster.js';

const DEV_DIR = path.join(DEFAULT_MANIFESTS_DIR, 'dev');

function readObjects(file: string): KubeObject[] {
  const text = readFileSync(path.join(DEV_DIR, file), 'utf8');

  return parseAllDocuments(text).map((document) => document.toJS() as KubeObject);
}

describe('dist/dev', () => {
  const files = listFiles(DEV_DIR);

  it('holds one object per file, named <Kind>.<name>.yaml', () => {
    assert.ok(files.length > 0, 'dist/dev is empty: run npm run synth');

    for (const file of files) {
      const objects = readObjects(file);

      assert.equal(objects.length, 1, `${file} holds ${objects.length} objects`);
      assert.equal(file, `${objects[0]?.kind}.${objects[0]?.metadata.name}.yaml`);
    }
  });

  it('holds the expected objects of the first slice', () => {
    const kinds = files.map((file) => file.split('.')[0]).sort();

    assert.deepEqual(kinds, [
      'Deployment',
      'InnoDBCluster',
      'Namespace',
      'Service',
      'ServiceAccount',
    ]);
  });

  describe('core objects', () => {
    for (const file of files.filter((name) => !name.startsWith(`${InnoDbCluster.KIND}.`))) {
      it(`${file} validates against the Kubernetes schema`, () => {
        const [object] = readObjects(file);
        assert.ok(object);
        const Model = findModel(object.apiVersion, object.kind);

        assert.ok(Model, `kubernetes-models has no ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => new Model(object).validate());
      });
    }
  });

  describe('InnoDBCluster objects', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });

    for (const file of files.filter((name) => name.startsWith(`${InnoDbCluster.KIND}.`))) {
      it(`${file} validates against the MySQL Operator CRD`, () => {
        const [object] = readObjects(file);
        const validate = ajv.compile(loadMysqlOperatorSchema(InnoDbCluster.KIND, 'v2'));

        const valid = validate(object);

        assert.ok(valid, ajv.errorsText(validate.errors));
        assert.equal(object?.apiVersion, InnoDbCluster.API_VERSION);
      });
    }
  });
});
