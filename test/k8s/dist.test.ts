import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { POOL_CLOSE_TIMEOUT_MS } from '../../src-app/server.js';
import { InnoDbCluster } from '../../src-k8s/constructs/database/innodb-cluster.js';
import { CLUSTERS } from './synth-cluster.js';
import { distClusters, readDist } from './dist-objects.js';
import { findModel } from './kubernetes-models.js';
import { loadMysqlOperatorSchema } from './schema-dir.js';

/** The app's workload and, with `-config`, its ConfigMap. */
const APP_NAME = 'notifications-app';

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

  it("gives the app's shutdown (delay, drain, pool close) time to finish within the grace period", () => {
    const workloads = objects.filter(
      ({ object }) =>
        ['Deployment', 'Rollout'].includes(object.kind) && object.metadata.name === APP_NAME,
    );
    assert.equal(workloads.length, CLUSTERS.length, 'one app workload per cluster');

    for (const { cluster, object } of workloads) {
      const config = objects.find(
        (entry) =>
          entry.cluster === cluster &&
          entry.object.kind === 'ConfigMap' &&
          entry.object.metadata.name === `${APP_NAME}-config`,
      )?.object as { data?: Record<string, string> } | undefined;
      const spec = (
        object.spec as { template: { spec: { terminationGracePeriodSeconds?: number } } }
      ).template.spec;
      const delayMs = Number(config?.data?.SHUTDOWN_DELAY_MS);
      const timeoutMs = Number(config?.data?.SHUTDOWN_TIMEOUT_MS);
      const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;

      // Without a delay the listener closes while Services still route new requests to the pod.
      assert.ok(
        delayMs >= 1000,
        `${cluster}: SHUTDOWN_DELAY_MS is ${config?.data?.SHUTDOWN_DELAY_MS}`,
      );
      assert.ok(
        timeoutMs > 0,
        `${cluster}: SHUTDOWN_TIMEOUT_MS is ${config?.data?.SHUTDOWN_TIMEOUT_MS}`,
      );
      assert.ok(
        delayMs + timeoutMs + POOL_CLOSE_TIMEOUT_MS < graceMs,
        `${cluster}: ${delayMs} + ${timeoutMs} + ${POOL_CLOSE_TIMEOUT_MS} ms does not fit ${graceMs} ms`,
      );
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
