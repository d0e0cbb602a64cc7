import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LuaFactory } from 'wasmoon';
import { parse } from 'yaml';
import {
  HEALTH_CHECKS,
  healthCheckKey,
  readHealthCheck,
} from '../../src-k8s/constructs/argo-cd/health-checks.js';
import { DEFAULT_BOOTSTRAP_DIR } from '../../src-k8s/paths.js';
import { CLUSTERS } from '../k8s/synth-cluster.js';

/** What an Argo CD health script returns. */
interface Health {
  status: string;
  message: string;
}

/** One Lua VM build, shared; each run gets a fresh engine, so no state leaks between runs. */
const factory = new LuaFactory();

/**
 * Runs a health script as Argo CD does: the object is the global table `obj` and the script's
 * return value is the health. Objects are copied into plain Lua tables (no JavaScript proxies),
 * as Argo CD hands scripts plain tables decoded from JSON.
 */
async function runHealthCheck(script: string, obj: unknown): Promise<Health> {
  const lua = await factory.createEngine({ enableProxy: false, injectObjects: false });

  try {
    lua.global.set('obj', obj);
    return (await lua.doString(script)) as Health;
  } finally {
    lua.global.close();
  }
}

/** The scripts as the committed argocd-cm of `cluster` ships them, by health check key. */
function shippedScripts(cluster: string): Record<string, string> {
  const file = path.join(DEFAULT_BOOTSTRAP_DIR, cluster, 'argo-cd', 'ConfigMap.argocd-cm.yaml');

  return (parse(readFileSync(file, 'utf8')) as { data: Record<string, string> }).data;
}

/** The script that dev's argocd-cm ships for a kind. */
function scriptFor(group: string, kind: string): string {
  const script = shippedScripts('dev')[healthCheckKey({ group, kind })];

  assert.ok(script, `argocd-cm has no health check for ${group}/${kind}`);
  return script;
}

describe('Argo CD health checks', () => {
  it('ship in every cluster, exactly as the .lua files say', () => {
    for (const cluster of CLUSTERS) {
      const data = shippedScripts(cluster.name);

      for (const check of HEALTH_CHECKS) {
        assert.equal(data[healthCheckKey(check)], readHealthCheck(check), cluster.name);
      }
    }
  });

  describe('mysql.oracle.com/InnoDBCluster', () => {
    const script = scriptFor('mysql.oracle.com', 'InnoDBCluster');
    const cluster = (state: string, online?: number) => ({
      spec: { instances: 3 },
      status: { cluster: { status: state, onlineInstances: online, lastProbeTime: 'now' } },
    });

    it('is Progressing until the operator reports a state', async () => {
      for (const obj of [{ spec: {} }, { status: {} }, { status: { cluster: {} } }]) {
        assert.deepEqual(await runHealthCheck(script, obj), {
          status: 'Progressing',
          message: 'Waiting for the operator to report a state',
        });
      }
    });

    it('is Healthy when ONLINE, and says how many instances are', async () => {
      assert.deepEqual(await runHealthCheck(script, cluster('ONLINE', 3)), {
        status: 'Healthy',
        message: 'ONLINE: every instance is in the group (3 of 3 instances online)',
      });
    });

    const expectations: [string, string, RegExp][] = [
      ['PENDING', 'Progressing', /waiting for them to start/],
      ['INITIALIZING', 'Progressing', /creating the group/],
      ['FINALIZING', 'Progressing', /being deleted/],
      ['ONLINE_PARTIAL', 'Progressing', /serving with quorum; the operator is rejoining/],
      ['ONLINE_UNCERTAIN', 'Degraded', /some instances are unreachable/],
      ['OFFLINE', 'Degraded', /every instance is offline/],
      ['OFFLINE_UNCERTAIN', 'Degraded', /offline, others unreachable/],
      ['NO_QUORUM', 'Degraded', /lost its quorum/],
      ['NO_QUORUM_UNCERTAIN', 'Degraded', /no quorum among the reachable/],
      ['SPLIT_BRAIN', 'Degraded', /more than one group/],
      ['SPLIT_BRAIN_UNCERTAIN', 'Degraded', /split brain, and some/],
      ['UNKNOWN', 'Degraded', /no instance can be reached/],
      ['INVALID', 'Degraded', /rejected the spec/],
      ['ERROR', 'Degraded', /reports an error/],
    ];
    for (const [state, status, message] of expectations) {
      it(`is ${status} when ${state}`, async () => {
        const health = await runHealthCheck(script, cluster(state, 2));

        assert.equal(health.status, status);
        assert.match(health.message, new RegExp(`^${state}: `));
        assert.match(health.message, message);
        assert.match(health.message, /\(2 of 3 instances online\)$/);
      });
    }

    it('counts no online instances and one wanted when the fields are missing', async () => {
      const health = await runHealthCheck(script, { status: { cluster: { status: 'PENDING' } } });

      assert.match(health.message, /\(0 of 1 instances online\)$/);
    });

    it('is Unknown for a state it does not know, naming it', async () => {
      assert.deepEqual(await runHealthCheck(script, cluster('REBOOTING', 0)), {
        status: 'Unknown',
        message: 'Unexpected cluster state REBOOTING',
      });
    });
  });

  describe('mysql.oracle.com/MySQLBackup', () => {
    const script = scriptFor('mysql.oracle.com', 'MySQLBackup');

    it('is Progressing until the operator starts the backup', async () => {
      assert.deepEqual(await runHealthCheck(script, { spec: { clusterName: 'db' } }), {
        status: 'Progressing',
        message: 'Waiting for the operator to start the backup',
      });
    });

    it('is Progressing while Running or Pending, with the start time', async () => {
      for (const state of ['Running', 'Pending']) {
        const obj = { status: { status: state, startTime: '2025-01-01T02:00:00Z' } };

        assert.deepEqual(await runHealthCheck(script, obj), {
          status: 'Progressing',
          message: `Backup ${state} since 2025-01-01T02:00:00Z`,
        });
      }
    });

    it('is Healthy when Completed, naming the dump and how long it took', async () => {
      const obj = {
        status: { status: 'Completed', output: 'db-backup-20250101', elapsedTime: '00:03:12' },
      };

      assert.deepEqual(await runHealthCheck(script, obj), {
        status: 'Healthy',
        message: 'Backup db-backup-20250101 completed in 00:03:12',
      });
    });

    it('is Degraded on Error or Failed, with the operator message', async () => {
      for (const state of ['Error', 'Failed']) {
        const obj = { status: { status: state, message: 'dump failed: disk full' } };

        assert.deepEqual(await runHealthCheck(script, obj), {
          status: 'Degraded',
          message: 'Backup failed: dump failed: disk full',
        });
      }
    });

    it('is Unknown for a state it does not know', async () => {
      const health = await runHealthCheck(script, { status: { status: 'Exploded' } });

      assert.deepEqual(health, { status: 'Unknown', message: 'Unexpected backup state Exploded' });
    });
  });

  describe('argoproj.io/Application', () => {
    const script = scriptFor('argoproj.io', 'Application');

    it('is Progressing until the child reports its health', async () => {
      for (const obj of [{}, { status: {} }, { status: { health: {} } }]) {
        assert.equal((await runHealthCheck(script, obj)).status, 'Progressing');
      }
    });

    it("takes the child's own health and message", async () => {
      for (const status of ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing']) {
        const obj = { status: { health: { status, message: `child is ${status}` } } };

        assert.deepEqual(await runHealthCheck(script, obj), {
          status,
          message: `child is ${status}`,
        });
      }
    });

    it('gives an empty message when the child has none', async () => {
      const obj = { status: { health: { status: 'Healthy' } } };

      assert.deepEqual(await runHealthCheck(script, obj), { status: 'Healthy', message: '' });
    });
  });
});
