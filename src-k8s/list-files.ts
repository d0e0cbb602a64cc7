import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below `dir`, as sorted paths relative to it with forward slashes; none when the
 * folder does not exist. Whatever is not a folder counts as a file, symbolic links and pipes
 * included, and links are not followed: a render makes only plain files, so anything else found
 * in an output folder is something to replace or delete.
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }

  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'));

  return files.sort();
}

/**
 * The first folder on the way from `dir` to `file` (a path relative to it) that is a symbolic
 * link, relative to `dir`; undefined when there is none. Following such a link would read or
 * write outside `dir`. `linked` caches answers by folder for a series of calls.
 */
export function linkedFolder(
  dir: string,
  file: string,
  linked: Map<string, boolean> = new Map(),
): string | undefined {
  const parts = file.split('/').slice(0, -1);

  for (let count = 1; count <= parts.length; count += 1) {
    const folder = parts.slice(0, count).join('/');
    let isLink = linked.get(folder);
    if (isLink === undefined) {
      isLink = lstatSync(path.join(dir, folder), { throwIfNoEntry: false })?.isSymbolicLink();
      linked.set(folder, isLink ?? false);
    }
    if (isLink) {
      return folder;
    }
  }

  return undefined;
}
