import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles } from '../../src-k8s/list-files.js';
import { updateFolder, writeFileIfChanged } from '../../src-k8s/update-folder.js';

/** A time long past, to tell a file that was left alone from one written again. */
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

describe('updateFolder', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'update-folder-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes every file into a folder that does not exist yet', () => {
    const dir = path.join(scratch, 'out');

    const update = updateFolder(dir, files({ 'a/One.x.yaml': 'one\n', 'b/Two.y.yaml': 'two\n' }));

    assert.deepEqual(update, { written: ['a/One.x.yaml', 'b/Two.y.yaml'], deleted: [] });
    assert.equal(readFileSync(path.join(dir, 'b', 'Two.y.yaml'), 'utf8'), 'two\n');
  });

  it('leaves a file alone when its bytes are already right', () => {
    writeTree(scratch, { 'a/One.x.yaml': 'one\n' });
    utimesSync(path.join(scratch, 'a', 'One.x.yaml'), LONG_AGO, LONG_AGO);

    const update = updateFolder(scratch, files({ 'a/One.x.yaml': 'one\n' }));

    assert.deepEqual(update, { written: [], deleted: [] });
    assert.equal(statSync(path.join(scratch, 'a', 'One.x.yaml')).mtime.getTime(), +LONG_AGO);
  });

  it('rewrites a file whose bytes differ, even by a trailing newline', () => {
    writeTree(scratch, { 'a/One.x.yaml': 'one', 'a/Two.x.yaml': 'old\n' });

    const update = updateFolder(
      scratch,
      files({ 'a/One.x.yaml': 'one\n', 'a/Two.x.yaml': 'new\n' }),
    );

    assert.deepEqual(update.written, ['a/One.x.yaml', 'a/Two.x.yaml']);
    assert.equal(readFileSync(path.join(scratch, 'a', 'One.x.yaml'), 'utf8'), 'one\n');
    assert.equal(readFileSync(path.join(scratch, 'a', 'Two.x.yaml'), 'utf8'), 'new\n');
  });

  it('deletes files no longer rendered and the folders that they leave empty', () => {
    writeTree(scratch, {
      'kept/One.x.yaml': 'one\n',
      'kept/Old.x.yaml': 'stale',
      'retired/deep/Old.y.yaml': 'stale',
    });

    const update = updateFolder(scratch, files({ 'kept/One.x.yaml': 'one\n' }));

    assert.deepEqual(update.deleted, ['kept/Old.x.yaml', 'retired/deep/Old.y.yaml']);
    assert.deepEqual(listFiles(scratch), ['kept/One.x.yaml']);
    assert.equal(existsSync(path.join(scratch, 'retired')), false);
  });

  it('puts a rendered file where a stale folder of the same name was', () => {
    writeTree(scratch, { 'a/One.x.yaml/stale.yaml': 'stale' });

    updateFolder(scratch, files({ 'a/One.x.yaml': 'one\n' }));

    assert.equal(readFileSync(path.join(scratch, 'a', 'One.x.yaml'), 'utf8'), 'one\n');
  });

  it('replaces a symbolic link with the rendered file instead of writing through it', () => {
    writeTree(scratch, { 'outside/Target.yaml': 'one\n' });
    const dir = path.join(scratch, 'out');
    mkdirSync(path.join(dir, 'a'), { recursive: true });
    const outsideFile = path.join(scratch, 'outside', 'Target.yaml');
    symlinkSync(outsideFile, path.join(dir, 'a', 'Same.x.yaml'));
    symlinkSync(outsideFile, path.join(dir, 'a', 'Other.x.yaml'));

    const update = updateFolder(
      dir,
      files({ 'a/Same.x.yaml': 'one\n', 'a/Other.x.yaml': 'other\n' }),
    );

    assert.deepEqual(update.written, ['a/Other.x.yaml', 'a/Same.x.yaml']);
    for (const file of ['Same.x.yaml', 'Other.x.yaml']) {
      assert.equal(lstatSync(path.join(dir, 'a', file)).isFile(), true, file);
    }
    assert.equal(readFileSync(path.join(dir, 'a', 'Other.x.yaml'), 'utf8'), 'other\n');
    assert.equal(readFileSync(outsideFile, 'utf8'), 'one\n');
  });

  it('deletes a symbolic link that is not rendered, even a dangling one', () => {
    writeTree(scratch, { 'out/a/One.x.yaml': 'one\n' });
    const dir = path.join(scratch, 'out');
    symlinkSync(path.join(scratch, 'nowhere.yaml'), path.join(dir, 'a', 'Dangling.x.yaml'));

    const update = updateFolder(dir, files({ 'a/One.x.yaml': 'one\n' }));

    assert.deepEqual(update, { written: [], deleted: ['a/Dangling.x.yaml'] });
    assert.deepEqual(listFiles(dir), ['a/One.x.yaml']);
  });

  it('replaces a linked folder that it owns with a real one, leaving its target alone', () => {
    writeTree(scratch, { 'outside/One.x.yaml': 'old\n', 'outside/Stale.x.yaml': 'stale' });
    const dir = path.join(scratch, 'out');
    mkdirSync(dir);
    symlinkSync(path.join(scratch, 'outside'), path.join(dir, 'a'));

    updateFolder(dir, files({ 'a/One.x.yaml': 'one\n' }));

    assert.equal(lstatSync(path.join(dir, 'a')).isDirectory(), true);
    assert.deepEqual(listFiles(dir), ['a/One.x.yaml']);
    assert.deepEqual(listFiles(path.join(scratch, 'outside')), ['One.x.yaml', 'Stale.x.yaml']);
    assert.equal(readFileSync(path.join(scratch, 'outside', 'One.x.yaml'), 'utf8'), 'old\n');
  });

  it('refuses, naming it, a linked folder that the listing reads through', () => {
    writeTree(scratch, { 'outside/One.x.yaml': 'old\n', 'outside/Stale.x.yaml': 'stale' });
    const dir = path.join(scratch, 'out');
    mkdirSync(dir);
    symlinkSync(path.join(scratch, 'outside'), path.join(dir, 'a'));
    // Lists the folder's contents, as the generated folders of a cluster are listed.
    const throughA = (root: string) => listFiles(path.join(root, 'a')).map((file) => `a/${file}`);

    assert.throws(() => updateFolder(dir, files({ 'a/One.x.yaml': 'one\n' }), { list: throughA }), {
      message: `${path.join(dir, 'a')} is a symbolic link; rendered files go only into real folders. Replace it with a folder.`,
    });
    assert.deepEqual(listFiles(path.join(scratch, 'outside')), ['One.x.yaml', 'Stale.x.yaml']);
    assert.equal(readFileSync(path.join(scratch, 'outside', 'One.x.yaml'), 'utf8'), 'old\n');
  });

  it('replaces a named pipe or an empty folder with the rendered file, and deletes a stale pipe', () => {
    mkdirSync(path.join(scratch, 'a', 'Two.x.yaml'), { recursive: true });
    execFileSync('mkfifo', [
      path.join(scratch, 'a', 'One.x.yaml'),
      path.join(scratch, 'a', 'Old.x.yaml'),
    ]);

    const update = updateFolder(
      scratch,
      files({ 'a/One.x.yaml': 'one\n', 'a/Two.x.yaml': 'two\n' }),
    );

    assert.deepEqual(update, {
      written: ['a/One.x.yaml', 'a/Two.x.yaml'],
      deleted: ['a/Old.x.yaml'],
    });
    assert.equal(readFileSync(path.join(scratch, 'a', 'One.x.yaml'), 'utf8'), 'one\n');
    assert.equal(readFileSync(path.join(scratch, 'a', 'Two.x.yaml'), 'utf8'), 'two\n');
  });

  it('touches no file outside the listed ones', () => {
    writeTree(scratch, { 'README.md': 'by hand', 'generated/Old.x.yaml': 'stale' });
    const generatedOnly = (dir: string) =>
      listFiles(dir).filter((file) => file.startsWith('generated/'));

    updateFolder(scratch, files({}), { list: generatedOnly });

    assert.deepEqual(listFiles(scratch), ['README.md']);
  });
});

describe('writeFileIfChanged', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'write-if-changed-'));
  });

  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes only when the content differs', () => {
    const file = path.join(scratch, 'nested', 'file.md');

    assert.equal(writeFileIfChanged(file, 'text\n'), true);
    assert.equal(writeFileIfChanged(file, 'text\n'), false);
    assert.equal(writeFileIfChanged(file, 'other\n'), true);

    assert.equal(readFileSync(file, 'utf8'), 'other\n');
  });
});

function files(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

function writeTree(root: string, entries: Record<string, string>): void {
  for (const [file, content] of Object.entries(entries)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
