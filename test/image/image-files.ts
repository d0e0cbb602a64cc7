import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { uniqueName } from './app-container.js';
import type { ContainerEngine } from './container-engine.js';

const execFileAsync = promisify(execFile);

/** The file system of an image, unpacked where the test can read it. */
export interface ImageFiles {
  /** Every path in the image, relative to its root, as `tar` lists them (`app/build/…`). */
  readonly paths: readonly string[];
  /** The image's /app, unpacked with its owners and modes. */
  readonly appDirectory: string;
  /** Deletes what was unpacked. */
  remove(): Promise<void>;
}

/**
 * Exports a container of `image` (created, never started) and unpacks its /app. Unpacking as root
 * keeps the owners and modes the image gives its files.
 */
export async function exportImageFiles(
  engine: ContainerEngine,
  image: string,
): Promise<ImageFiles> {
  const directory = await mkdtemp(join(tmpdir(), 'notifications-image-'));
  const archive = join(directory, 'image.tar');
  const container = uniqueName('export');

  try {
    await engine.output(['create', '--name', container, image]);
    await engine.output(['export', '--output', archive, container]);
  } finally {
    await engine.removeContainer(container);
  }
  const listing = await execFileAsync('tar', ['-tf', archive], { maxBuffer: 256 * 1024 * 1024 });
  await execFileAsync('tar', ['-xf', archive, '-C', directory, '--numeric-owner', 'app']);
  await rm(archive);

  return {
    paths: listing.stdout.split('\n').filter((line) => line !== ''),
    appDirectory: join(directory, 'app'),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** Regular files under `directory`, and its folders too when asked, as absolute paths. */
export async function listFiles(directory: string, withFolders = false): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || (withFolders && entry.isDirectory()))
    .map((entry) => join(entry.parentPath, entry.name));
}
