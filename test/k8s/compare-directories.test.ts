import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareDirectories } from '../../src-k8s/compare-directories.js';
import { listFiles } from '../../src-k8s/list-files.js';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

describe('compareDirectories', () => {
  let scratch: string;
  let expected: string;
  let actual: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'compare-directories-'));
    expected = path.join(scratch, 'expected');
    actual = path.join(scratch, 'actual');
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds no difference between identical trees', () => {
    writeTree(expected, { 'dev/a.yaml': 'a\n', 'dev/b.yaml': 'b\n' });
    writeTree(actual, { 'dev/a.yaml': 'a\n', 'dev/b.yaml': 'b\n' });

    assert.deepEqual(compareDirectories(expected, actual), []);
  });

  it('names every file that differs, is missing or is extra', () => {
    writeTree(expected, { 'dev/same.yaml': 's', 'dev/changed.yaml': 'new', 'prod/new.yaml': 'n' });
    writeTree(actual, { 'dev/same.yaml': 's', 'dev/changed.yaml': 'old', 'dev/stale.yaml': 'x' });

    const differences = compareDirectories(expected, actual);

    assert.deepEqual(differences, [
      { file: 'dev/changed.yaml', kind: 'differs' },
      { file: 'dev/stale.yaml', kind: 'extra' },
      { file: 'prod/new.yaml', kind: 'missing' },
    ]);
  });

  it('counts a symbolic link as differing from the file a render writes', () => {
    writeTree(expected, { 'dev/a.yaml': 'a\n', 'dev/b.yaml': 'b\n' });
    writeTree(actual, { 'dev/a.yaml': 'a\n' });
    symlinkSync(path.join(actual, 'dev', 'a.yaml'), path.join(actual, 'dev', 'b.yaml'));
    symlinkSync(path.join(scratch, 'nowhere.yaml'), path.join(actual, 'dev', 'c.yaml'));

    assert.deepEqual(compareDirectories(expected, actual), [
      { file: 'dev/b.yaml', kind: 'differs' },
      { file: 'dev/c.yaml', kind: 'extra' },
    ]);
  });

  it('counts a file reached through a linked folder as differing', () => {
    writeTree(expected, { 'dev/generated/a.yaml': 'a\n' });
    writeTree(scratch, { 'elsewhere/a.yaml': 'a\n' });
    mkdirSync(path.join(actual, 'dev'), { recursive: true });
    symlinkSync(path.join(scratch, 'elsewhere'), path.join(actual, 'dev', 'generated'));
    const throughGenerated = (root: string) =>
      listFiles(path.join(root, 'dev', 'generated')).map((file) => `dev/generated/${file}`);

    assert.deepEqual(compareDirectories(expected, actual, { list: throughGenerated }), [
      { file: 'dev/generated/a.yaml', kind: 'differs' },
    ]);
  });

  it('treats a missing folder as empty', () => {
    writeTree(expected, { 'dev/a.yaml': 'a' });

    assert.deepEqual(compareDirectories(expected, actual), [
      { file: 'dev/a.yaml', kind: 'missing' },
    ]);
  });

  it('compares only the files that the list option names', () => {
    writeTree(expected, { 'dev/application.yaml': 'a' });
    writeTree(actual, { 'dev/application.yaml': 'a', 'dev/README.md': 'hand-written' });

    const differences = compareDirectories(expected, actual, {
      list: () => ['dev/application.yaml'],
    });

    assert.deepEqual(differences, []);
  });
});
