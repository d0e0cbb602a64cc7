import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { linkedFolder, listFiles } from './list-files.js';

/**
 * Options of `updateFolder`.
 */
export interface UpdateFolderOptions {
  /**
   * The files below the folder that the update owns, as paths relative to it with forward
   * slashes: each of them that is not rendered any more is deleted. Files outside the list are
   * never touched.
   * @default - every file below the folder
   */
  readonly list?: (dir: string) => readonly string[];
}

/** What `updateFolder` changed, as sorted paths relative to the folder. */
export interface FolderUpdate {
  /** Files created, or rewritten because their bytes differed. */
  readonly written: string[];

  /** Owned files that the render no longer produces. */
  readonly deleted: string[];
}

/**
 * Makes the files below `dir` what `files` (relative path to content) says, as if the folder had
 * been emptied and every file written anew, while touching as little as possible: a file whose
 * bytes are already right is left alone, an owned file that is not rendered any more is deleted,
 * and a folder that such a deletion leaves empty is removed.
 *
 * Files are compared by content, never by modification time, which a checkout, a copy or a clock
 * can set to anything. Leaving equal files alone matters twice: creating a file costs far more
 * than reading one on some file systems (about 50 times in a gVisor sandbox), and a reader
 * running at the same time, such as an editor or `git status`, never sees an unchanged file half
 * written.
 */
export function updateFolder(
  dir: string,
  files: ReadonlyMap<string, string>,
  options: UpdateFolderOptions = {},
): FolderUpdate {
  const list = options.list ?? listFiles;

  // An emptied folder still exists, whether or not anything is rendered into it.
  mkdirSync(dir, { recursive: true });
  const deleted = list(dir).filter((file) => !files.has(file));
  refuseLinkedFolders(dir, [...deleted, ...files.keys()], new Set(deleted));

  // Stale files go first, so that a rendered file can take the place of a stale folder.
  for (const file of deleted) {
    rmSync(path.join(dir, file));
  }
  removeEmptyFolders(dir, deleted);

  const written: string[] = [];
  const folders = new Set([path.resolve(dir)]);
  for (const [file, content] of files) {
    const target = path.join(dir, file);

    if (!hasContent(target, content)) {
      const folder = path.dirname(path.resolve(target));
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeRegularFile(target, content);
      written.push(file);
    }
  }

  return { written: written.sort(), deleted: deleted.sort() };
}

/** Writes `content` to `file` unless the file already holds exactly it. Returns whether it wrote. */
export function writeFileIfChanged(file: string, content: string): boolean {
  if (hasContent(file, content)) {
    return false;
  }

  mkdirSync(path.dirname(file), { recursive: true });
  writeRegularFile(file, content);
  return true;
}

/**
 * Throws when a folder on the way to one of `files` is a symbolic link, unless the link itself is
 * about to be deleted: reading, deleting or writing through it would touch files outside `dir`.
 */
function refuseLinkedFolders(
  dir: string,
  files: readonly string[],
  deleted: ReadonlySet<string>,
): void {
  const linked = new Map<string, boolean>();

  for (const file of files) {
    const folder = linkedFolder(dir, file, linked);
    if (folder !== undefined && !deleted.has(folder)) {
      throw new Error(
        `${path.join(dir, folder)} is a symbolic link; rendered files go only into real ` +
          'folders. Replace it with a folder.',
      );
    }
  }
}

/**
 * True when `file` is a regular file whose bytes are the UTF-8 encoding of `content`. Anything
 * else is never right, whatever a link points to: a render writes plain files. The file is
 * opened without following a link and without waiting, so a named pipe cannot stall the render.
 */
export function hasContent(file: string, content: string): boolean {
  let existing: Buffer;

  try {
    const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
    const descriptor = openSync(file, flags);
    try {
      if (!fstatSync(descriptor).isFile()) {
        return false;
      }
      existing = readFileSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Missing, unreadable or a link: writing it either creates it or reports why it cannot.
    return false;
  }

  return existing.length === Buffer.byteLength(content) && existing.equals(Buffer.from(content));
}

/**
 * Writes `content` to `file` as a plain file. A link, pipe or other special file there is
 * removed first instead of written through, and so is an empty folder.
 */
function writeRegularFile(file: string, content: string): void {
  const existing = lstatSync(file, { throwIfNoEntry: false });

  if (existing?.isDirectory()) {
    if (readdirSync(file).length > 0) {
      throw new Error(`${file} is a folder that is not empty, where a rendered file goes`);
    }
    rmdirSync(file);
  } else if (existing && !existing.isFile()) {
    rmSync(file);
  }
  writeFileSync(file, content);
}

/** Removes each folder below `dir` that held a deleted file and is now empty, deepest first. */
function removeEmptyFolders(dir: string, deleted: readonly string[]): void {
  const folders = new Set<string>();

  for (const file of deleted) {
    for (let folder = path.dirname(file); folder !== '.'; folder = path.dirname(folder)) {
      folders.add(folder);
    }
  }

  const deepestFirst = [...folders].sort((left, right) => depth(right) - depth(left));
  for (const folder of deepestFirst) {
    const absolute = path.join(dir, folder);

    if (readdirSync(absolute).length === 0) {
      rmdirSync(absolute);
    }
  }
}

function depth(file: string): number {
  return file.split('/').length;
}
