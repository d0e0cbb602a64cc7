import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { linkedFolder, listFiles } from './list-files.js';

/** How a committed file departs from a fresh render. */
export type FileDifferenceKind = 'differs' | 'missing' | 'extra';

/**
 * One file that is not as a fresh render would leave it.
 */
export interface FileDifference {
  /** Path relative to the compared folders, with forward slashes. */
  readonly file: string;

  /**
   * `differs`: both have the file with other bytes; `missing`: only the fresh render has it;
   * `extra`: only the committed folder has it.
   */
  readonly kind: FileDifferenceKind;
}

/**
 * Options of `compareDirectories`.
 */
export interface CompareOptions {
  /**
   * Relative paths to compare in each folder.
   * @default - every file below the folder
   */
  readonly list?: (dir: string) => readonly string[];
}

/**
 * Compares a fresh render (`expectedDir`) with the committed files (`actualDir`) byte for byte
 * and returns every difference, sorted by path; none means the folders are identical.
 */
export function compareDirectories(
  expectedDir: string,
  actualDir: string,
  options: CompareOptions = {},
): FileDifference[] {
  const list = options.list ?? listFiles;
  const expected = new Set(list(expectedDir));
  const actual = new Set(list(actualDir));
  const differences: FileDifference[] = [];
  // A committed file reached through a linked folder is not the plain file a render writes.
  const linked = new Map<string, boolean>();

  for (const file of [...new Set([...expected, ...actual])].sort()) {
    if (!actual.has(file)) {
      differences.push({ file, kind: 'missing' });
    } else if (!expected.has(file)) {
      differences.push({ file, kind: 'extra' });
    } else if (
      linkedFolder(actualDir, file, linked) !== undefined ||
      !sameBytes(path.join(expectedDir, file), path.join(actualDir, file))
    ) {
      differences.push({ file, kind: 'differs' });
    }
  }

  return differences;
}

/** Whether both are regular files with the same bytes; a symbolic link is never the same. */
function sameBytes(left: string, right: string): boolean {
  if (!isRegularFile(left) || !isRegularFile(right)) {
    return false;
  }
  return readFileSync(left).equals(readFileSync(right));
}

function isRegularFile(file: string): boolean {
  return lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
