import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containsRepository, DEFAULT_MANIFESTS_DIR, REPO_ROOT } from '../../src-k8s/paths.js';

describe('containsRepository', () => {
  it('is true for the repository root and its ancestors', () => {
    assert.equal(containsRepository(REPO_ROOT), true);
    assert.equal(containsRepository(path.dirname(REPO_ROOT)), true);
    assert.equal(containsRepository(path.parse(REPO_ROOT).root), true);
  });

  it('sees through links to the repository and its ancestors', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'contains-repository-'));
    try {
      symlinkSync(REPO_ROOT, path.join(scratch, 'repository'));
      symlinkSync(path.dirname(REPO_ROOT), path.join(scratch, 'parent'));
      symlinkSync(DEFAULT_MANIFESTS_DIR, path.join(scratch, 'manifests'));

      assert.equal(containsRepository(path.join(scratch, 'repository')), true);
      assert.equal(containsRepository(path.join(scratch, 'parent')), true);
      assert.equal(containsRepository(path.join(scratch, 'manifests')), false);
      assert.equal(containsRepository(path.join(scratch, 'repository', 'not-yet')), false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('is false for folders inside or beside the repository', () => {
    assert.equal(containsRepository(DEFAULT_MANIFESTS_DIR), false);
    assert.equal(containsRepository(`${REPO_ROOT}-copy`), false);
  });
});
