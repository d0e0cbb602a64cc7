import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below `dir`, as sorted paths relative to it with forward slashes; none when the
 * folder does not exist. Symbolic links count as files and are not followed: a render never
 * makes one, so one found in an output folder is something to replace or delete.
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }

  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'));

  return files.sort();
}
