import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below `dir`, as sorted paths relative to it with forward slashes; none when the
 * folder does not exist.
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }

  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'));

  return files.sort();
}
