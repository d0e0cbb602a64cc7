import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_BOOTSTRAP_DIR, REPO_ROOT } from '../../src-k8s/paths.js';
import { PromoteError } from '../../scripts/cluster-image.js';
import { promoteCluster } from '../../scripts/promote-cluster.js';

/** Runs `scripts/promote.ts` as `npm run promote` would, with CLUSTERS_DIR set. */
function promoteCommand(
  clustersDir: string,
  args: string[],
): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/promote.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CLUSTERS_DIR: clustersDir },
    encoding: 'utf8',
    timeout: 60_000,
  });

  return { status: result.status, stderr: result.stderr };
}

describe('promoteCluster', () => {
  let scratch: string;
  let clustersDir: string;
  let scripts: string[];
  let lines: string[];

  beforeEach(() => {
    // A copy of the real settings: the promotion edits it, never clusters/ itself.
    scratch = mkdtempSync(path.join(tmpdir(), 'promote-'));
    clustersDir = path.join(scratch, 'clusters');
    cpSync(DEFAULT_BOOTSTRAP_DIR, clustersDir, { recursive: true });
    scripts = [];
    lines = [];
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const promote = (cluster: string, tag: string, status = 0) =>
    promoteCluster({
      clustersDir,
      cluster,
      tag,
      displayRoot: scratch,
      runScript: (name) => {
        scripts.push(name);
        return name === 'synth' ? status : 0;
      },
      log: (line) => lines.push(line),
    });

  it('sets the tag in the cluster settings, then shows the diff and renders', () => {
    const file = path.join(clustersDir, 'staging-gke', 'cluster.yaml');
    const before = readFileSync(file, 'utf8');

    const promotion = promote('staging-gke', '1.4.0');

    assert.equal(promotion.changed, true);
    assert.equal(readFileSync(file, 'utf8'), before.replace(':0.1.0\n', ':1.4.0\n'));
    assert.deepEqual(scripts, ['diff', 'synth']);
    assert.deepEqual(lines, [
      'clusters/staging-gke/cluster.yaml app.image: ' +
        `${promotion.before} -> ${promotion.before.replace(/0\.1\.0$/, '1.4.0')}`,
    ]);
  });

  it('leaves other clusters alone', () => {
    const dev = readFileSync(path.join(clustersDir, 'dev', 'cluster.yaml'), 'utf8');

    promote('prod-eks', 'abc1234');

    assert.equal(readFileSync(path.join(clustersDir, 'dev', 'cluster.yaml'), 'utf8'), dev);
  });

  it('writes and renders nothing when the cluster already runs the tag', () => {
    const promotion = promote('dev', '0.1.0');

    assert.equal(promotion.changed, false);
    assert.deepEqual(scripts, []);
    assert.match(lines[0] ?? '', /app\.image is already .*:0\.1\.0$/);
  });

  it('names the file and the known clusters for an unknown cluster', () => {
    assert.throws(
      () => promote('qa', '1.4.0'),
      (error: Error) =>
        error instanceof PromoteError &&
        error.message ===
          'clusters/qa/cluster.yaml: no such cluster; known: dev, prod-eks, staging-gke',
    );
    assert.throws(() => promote('../clusters/dev', '1.4.0'), /no such cluster/);
    assert.deepEqual(scripts, []);
  });

  it('writes nothing for a malformed tag', () => {
    const file = path.join(clustersDir, 'dev', 'cluster.yaml');
    const before = readFileSync(file, 'utf8');

    assert.throws(
      () => promote('dev', 'latest'),
      /^PromoteError: clusters\/dev\/cluster\.yaml app\.image: /,
    );
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('says which step failed when rendering fails', () => {
    assert.throws(
      () => promote('dev', '1.4.0', 1),
      /npm run synth failed \(exit 1\) after clusters\/dev\/cluster\.yaml changed/,
    );
  });
});

describe('npm run promote', function () {
  // Each run starts Node.js with tsx, which takes a few seconds on a busy machine.
  this.timeout(120_000);

  let scratch: string;
  let clustersDir: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'promote-cli-'));
    clustersDir = path.join(scratch, 'clusters');
    cpSync(DEFAULT_BOOTSTRAP_DIR, clustersDir, { recursive: true });
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('exits 1 with one line naming the file for an unknown cluster', () => {
    const { status, stderr } = promoteCommand(clustersDir, ['qa', '1.4.0']);

    assert.equal(status, 1);
    assert.match(
      stderr,
      /^\S*clusters\/qa\/cluster\.yaml: no such cluster; known: dev, prod-eks, staging-gke\n$/,
    );
  });

  it('exits 1 with one line naming the file and key for a malformed tag', () => {
    const { status, stderr } = promoteCommand(clustersDir, ['dev', 'not a tag']);

    assert.equal(status, 1);
    assert.match(
      stderr,
      /^\S*clusters\/dev\/cluster\.yaml app\.image: "not a tag" is not an image tag[^\n]*\n$/,
    );
  });

  it('exits 2 with its usage when an argument is missing', () => {
    const { status, stderr } = promoteCommand(clustersDir, ['dev']);

    assert.equal(status, 2);
    assert.equal(stderr, 'usage: npm run promote -- <cluster> <image-tag>\n');
  });
});
