import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BOOTSTRAP_DIR } from '../../src-k8s/paths.js';
import {
  imageTagProblem,
  PromoteError,
  setImageTag,
  withTag,
} from '../../scripts/cluster-image.js';

/** Lines of `after` that differ from the same line of `before`, as `-old` and `+new`. */
function changedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const now = after.split('\n');

  assert.equal(now.length, old.length, 'the number of lines changed');
  return old.flatMap((line, index) =>
    line === now[index] ? [] : [`-${line.trim()}`, `+${now[index]!.trim()}`],
  );
}

describe('withTag', () => {
  it('replaces the tag and keeps the repository', () => {
    assert.equal(withTag('ghcr.io/example/app:0.1.0', '1.2.3'), 'ghcr.io/example/app:1.2.3');
  });

  it('takes a colon before the last slash for a registry port, not a tag', () => {
    assert.equal(withTag('localhost:5001/app:0.1.0', 'abc1234'), 'localhost:5001/app:abc1234');
    assert.equal(withTag('localhost:5001/app', 'abc1234'), 'localhost:5001/app:abc1234');
  });

  it('drops a digest, which names the old image', () => {
    const digest = `sha256:${'a'.repeat(64)}`;

    assert.equal(withTag(`example/app:0.1.0@${digest}`, '0.2.0'), 'example/app:0.2.0');
    assert.equal(withTag(`example/app@${digest}`, '0.2.0'), 'example/app:0.2.0');
  });
});

describe('imageTagProblem', () => {
  it('accepts versions and short commit SHAs', () => {
    for (const tag of ['1.2.3', '1.2.3-rc.1', 'abc1234', 'v2', 'build_7']) {
      assert.equal(imageTagProblem(tag), undefined, tag);
    }
  });

  it('rejects what a registry would refuse, and latest', () => {
    for (const tag of ['', '1.2 3', '.hidden', '-x', 'a/b', 'a:b', 'x'.repeat(129), 'latest']) {
      assert.notEqual(imageTagProblem(tag), undefined, tag);
    }
  });
});

describe('setImageTag', () => {
  for (const cluster of ['dev', 'prod-eks', 'staging-gke']) {
    it(`changes only the image line of clusters/${cluster}/cluster.yaml`, () => {
      const text = readFileSync(path.join(DEFAULT_BOOTSTRAP_DIR, cluster, 'cluster.yaml'), 'utf8');

      const change = setImageTag(text, `clusters/${cluster}/cluster.yaml`, '9.8.7');

      assert.match(change.after, /:9\.8\.7$/);
      assert.deepEqual(changedLines(text, change.text), [
        `-image: ${change.before}`,
        `+image: ${change.after}`,
      ]);
    });
  }

  it('keeps comments, including one on the image line', () => {
    const text =
      '# settings\napp:\n  # where the app comes from\n  image: example/app:0.1.0 # pinned\n';

    const change = setImageTag(text, 'cluster.yaml', '0.2.0');

    assert.equal(
      change.text,
      '# settings\napp:\n  # where the app comes from\n  image: example/app:0.2.0 # pinned\n',
    );
  });

  it('names the file and key when the tag is malformed', () => {
    assert.throws(
      () => setImageTag('app:\n  image: example/app:0.1.0\n', 'clusters/dev/cluster.yaml', 'a b'),
      (error: Error) =>
        error instanceof PromoteError &&
        error.message.startsWith(
          'clusters/dev/cluster.yaml app.image: "a b" is not an image tag',
        ) &&
        !error.message.includes('\n'),
    );
  });

  it('names the file and key when app.image is missing', () => {
    assert.throws(
      () => setImageTag('app:\n  replicas: 2\n', 'clusters/dev/cluster.yaml', '0.2.0'),
      /^PromoteError: clusters\/dev\/cluster\.yaml app\.image: missing/,
    );
  });

  it('names the file and line when the settings are not YAML', () => {
    assert.throws(
      () => setImageTag('app:\n  image: [unclosed\n', 'clusters/dev/cluster.yaml', '0.2.0'),
      /^PromoteError: clusters\/dev\/cluster\.yaml:\d+: /,
    );
  });
});
