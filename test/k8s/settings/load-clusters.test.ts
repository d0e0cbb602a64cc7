import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_BOOTSTRAP_DIR, REPO_ROOT } from '../../../src-k8s/paths.js';
import {
  CLUSTER_FILE,
  ClusterSettingsError,
  loadClusters,
} from '../../../src-k8s/settings/load-clusters.js';

const VALID = `app:
  image: registry.example/notifications:1.0.0
database:
  mode: operator
`;

describe('loadClusters', () => {
  let scratch: string;

  const writeCluster = (name: string, text: string) => {
    mkdirSync(path.join(scratch, name), { recursive: true });
    writeFileSync(path.join(scratch, name, CLUSTER_FILE), text);
  };
  const problemsOf = (): string[] => {
    try {
      loadClusters(scratch, scratch);
    } catch (error) {
      assert.ok(error instanceof ClusterSettingsError, String(error));
      return [...error.problems];
    }
    assert.fail('the settings were accepted');
  };

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'clusters-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reads every committed cluster, named after its folder, with defaults applied', () => {
    const clusters = loadClusters(DEFAULT_BOOTSTRAP_DIR);

    assert.deepEqual(
      clusters.map((cluster) => cluster.name),
      ['dev', 'prod-eks', 'staging-gke'],
    );
    assert.equal(clusters[0]?.network.ingressNamespace, 'ingress-nginx');
    assert.equal(clusters[0]?.app.resources.memoryLimit, '256Mi');
  });

  it('names the file, line and key of a wrong value', () => {
    writeCluster('broken', VALID.replace('mode: operator', 'mode: operator\n  instances: 12'));

    const problems = problemsOf();

    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^broken\/cluster\.yaml:5 database\.instances: /);
  });

  it('reports every problem of every file at once', () => {
    writeCluster('first', VALID.replace('1.0.0', 'latest'));
    writeCluster('second', `${VALID}colour: blue\n`);
    writeCluster('third', 'app: [unclosed\n');
    mkdirSync(path.join(scratch, 'no-settings'));

    const problems = problemsOf().join('\n');

    assert.match(problems, /first\/cluster\.yaml:2 app\.image: must carry a pinned tag/);
    assert.match(problems, /second\/cluster\.yaml:5 colour: Unrecognized key/);
    assert.match(problems, /third\/cluster\.yaml(:\d+)?: /);
    assert.match(problems, /no-settings\/cluster\.yaml: missing/);
  });

  it('refuses a cluster folder that is a link to another folder, naming it', () => {
    writeCluster('dev', VALID);
    symlinkSync(path.join(scratch, 'dev'), path.join(scratch, 'dev-copy'));
    // A linked file beside the cluster folders, such as the settings schema, is not a cluster.
    writeFileSync(path.join(scratch, 'schema.json'), '{}');
    symlinkSync(path.join(scratch, 'schema.json'), path.join(scratch, 'linked.json'));

    assert.deepEqual(problemsOf(), [
      'dev-copy: a symbolic link to a folder; give each cluster its own folder (copy its cluster.yaml)',
    ]);
  });

  it('names every wrong step of a canary rollout', () => {
    writeCluster(
      'canary',
      VALID.replace(
        '1.0.0\n',
        '1.0.0\n  rollout:\n    strategy: canary\n    steps:\n      - setWeight: 60\n' +
          '      - pause: { duration: 2 days }\n      - setWeight: 30\n',
      ),
    );

    const problems = problemsOf().join('\n');

    assert.match(problems, /canary\/cluster\.yaml:7 app\.rollout\.steps\.1\.pause\.duration: /);
    assert.match(
      problems,
      /canary\/cluster\.yaml:8 app\.rollout\.steps\.2\.setWeight: must not be below/,
    );
  });

  it('fills in the default canary steps', () => {
    writeCluster('canary', VALID.replace('1.0.0\n', '1.0.0\n  rollout:\n    strategy: canary\n'));

    const [cluster] = loadClusters(scratch, scratch);

    assert.deepEqual(
      cluster?.app.rollout?.steps.map((step) => Object.keys(step)[0]),
      ['setWeight', 'pause', 'setWeight', 'pause', 'setWeight'],
    );
  });

  it('checks every field of a sync window at once', () => {
    writeCluster(
      'window',
      `${VALID}argoCd:\n  syncWindow:\n    schedule: fridays\n    duration: 3d\n` +
        '    timeZone: Mars/Olympus\n',
    );

    const problems = problemsOf().join('\n');

    assert.match(
      problems,
      /window\/cluster\.yaml:7 argoCd\.syncWindow\.schedule: must be five cron/,
    );
    assert.match(problems, /window\/cluster\.yaml:8 argoCd\.syncWindow\.duration: must be hours/);
    assert.match(problems, /window\/cluster\.yaml:9 argoCd\.syncWindow\.timeZone: must be an IANA/);
  });

  it('rejects a managed database without a secret store', () => {
    writeCluster('managed', VALID.replace('mode: operator', 'mode: managed\n  cidr: 10.0.0.0/16'));

    assert.match(problemsOf().join('\n'), /database\.mode: managed needs secretStore/);
  });

  it('makes npm run synth fail with the message alone, without a stack trace', function () {
    this.timeout(30_000);
    writeCluster('broken', VALID.replace('mode: operator', 'mode: inside'));

    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'src-k8s', 'main.ts')],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CLUSTERS_DIR: scratch } },
    );

    assert.equal(result.status, 1);
    assert.match(result.stderr, /broken\/cluster\.yaml:4 database\.mode: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('is what every committed settings file points editors at', () => {
    for (const cluster of loadClusters(DEFAULT_BOOTSTRAP_DIR)) {
      const text = readFileSync(
        path.join(DEFAULT_BOOTSTRAP_DIR, cluster.name, CLUSTER_FILE),
        'utf8',
      );

      assert.match(text, /^# yaml-language-server: \$schema=\.\.\/cluster\.schema\.json\n/);
    }
  });
});
