import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changedFields, diffManifests, formatDiff } from '../../src-k8s/manifest-diff.js';
import { REPO_ROOT } from '../../src-k8s/paths.js';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

describe('manifest diff', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'manifest-diff-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('names the changed fields as dotted paths', () => {
    const before = { spec: { replicas: 2, template: { containers: [{ image: 'a:1' }] } } };
    const after = { spec: { replicas: 3, template: { containers: [{ image: 'a:2' }] } }, x: 1 };

    assert.deepEqual(changedFields(before, after), [
      'spec.replicas',
      'spec.template.containers[0].image',
      'x',
    ]);
  });

  it('lists added, removed and changed objects per cluster', () => {
    const rendered = path.join(scratch, 'rendered');
    const committed = path.join(scratch, 'committed');
    writeTree(rendered, {
      'dev/Service.app.yaml': 'kind: Service\nspec:\n  port: 81\n',
      'dev/Job.migrate.yaml': 'kind: Job\n',
      'prod/Service.app.yaml': 'kind: Service\n',
    });
    writeTree(committed, {
      'dev/Service.app.yaml': 'kind: Service\nspec: { port: 80 }\n',
      'dev/CronJob.old.yaml': 'kind: CronJob\n',
      'prod/Service.app.yaml': 'kind: Service\n',
    });

    const lines = formatDiff(diffManifests(rendered, committed));

    assert.deepEqual(lines, [
      'dev: 1 added, 1 removed, 1 changed',
      '  + Job/migrate',
      '  - CronJob/old',
      '  ~ Service/app: spec.port',
      'prod: no change',
    ]);
  });

  it('runs as npm run diff, reports no change for the committed dist/ and exits 0', function () {
    this.timeout(30_000);

    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'src-k8s', 'diff.ts')],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'dev: no change',
      'prod-eks: no change',
      'staging-gke: no change',
    ]);
  });
});
