import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareDirectories } from '../../src-k8s/compare-directories.js';
import { DEFAULT_MANIFESTS_DIR, REPO_ROOT } from '../../src-k8s/paths.js';

describe('cdk8s synth', () => {
  it('writes the same files as npm run synth', function () {
    this.timeout(60_000);
    const scratch = mkdtempSync(path.join(tmpdir(), 'cdk8s-cli-'));
    const output = path.join(scratch, 'dist');

    try {
      const result = spawnSync(
        path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s'),
        ['synth', '--output', output, '--no-check-upgrade'],
        { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } },
      );

      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(compareDirectories(output, DEFAULT_MANIFESTS_DIR), []);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
