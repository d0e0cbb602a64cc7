import assert from 'node:assert/strict';
import path from 'node:path';
import { containsRepository, DEFAULT_MANIFESTS_DIR, REPO_ROOT } from '../../src-k8s/paths.js';

describe('containsRepository', () => {
  it('is true for the repository root and its ancestors', () => {
    assert.equal(containsRepository(REPO_ROOT), true);
    assert.equal(containsRepository(path.dirname(REPO_ROOT)), true);
    assert.equal(containsRepository(path.parse(REPO_ROOT).root), true);
  });

  it('is false for folders inside or beside the repository', () => {
    assert.equal(containsRepository(DEFAULT_MANIFESTS_DIR), false);
    assert.equal(containsRepository(`${REPO_ROOT}-copy`), false);
  });
});
