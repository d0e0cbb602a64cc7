import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDocument, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ClusterSettings, clusterSettingsSchema } from './cluster-settings.js';

/** Name of the settings file inside each cluster folder. */
export const CLUSTER_FILE = 'cluster.yaml';

/** Folder names that can serve as a cluster name, a label value and part of object names. */
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$/;

/**
 * Raised when one or more cluster settings files are missing or invalid. Its message lists
 * every problem as `<file>:<line> <key>: <what is wrong>`, one per line.
 */
export class ClusterSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid cluster settings:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ClusterSettingsError';
  }
}

/**
 * Reads and validates `<dir>/<cluster>/cluster.yaml` for every folder in `dir`, sorted by name.
 * Every problem in every file is collected before anything fails; file names in messages are
 * relative to `displayRoot`.
 */
export function loadClusters(dir: string, displayRoot = process.cwd()): ClusterSettings[] {
  const problems: string[] = [];
  const clusters: ClusterSettings[] = [];

  if (!existsSync(dir)) {
    throw new ClusterSettingsError([`${dir}: the clusters folder does not exist`]);
  }

  const entries = readdirSync(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  // The render writes generated files into each cluster's folder; through a link they would land
  // in another cluster's folder, or outside the repository.
  for (const entry of entries) {
    const linked = path.join(dir, entry.name);
    if (entry.isSymbolicLink() && statSync(linked, { throwIfNoEntry: false })?.isDirectory()) {
      const shown = path.relative(displayRoot, linked) || linked;
      problems.push(
        `${shown}: a symbolic link to a folder; give each cluster its own folder (copy its ` +
          `${CLUSTER_FILE})`,
      );
    }
  }

  for (const name of names) {
    const file = path.join(dir, name, CLUSTER_FILE);
    const shown = path.relative(displayRoot, file) || file;

    if (!CLUSTER_NAME.test(name)) {
      problems.push(`${shown}: folder name "${name}" must be a DNS label of at most 30 characters`);
    }
    if (!existsSync(file)) {
      problems.push(`${shown}: missing; every folder under clusters/ is a cluster`);
      continue;
    }

    const settings = parseClusterFile(readFileSync(file, 'utf8'), shown, problems);
    if (settings !== undefined) {
      clusters.push({ name, ...settings });
    }
  }

  if (problems.length > 0) {
    throw new ClusterSettingsError(problems);
  }

  return clusters;
}

/**
 * Parses one settings file; pushes its problems (YAML errors or schema violations, each with
 * the line and dotted key) and returns undefined when there are any.
 */
export function parseClusterFile(
  text: string,
  file: string,
  problems: string[],
): z.output<typeof clusterSettingsSchema> | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = error.linePos?.[0]?.line;
      problems.push(`${file}${line ? `:${line}` : ''}: ${error.message.split('\n')[0]}`);
    }
    return undefined;
  }

  const result = clusterSettingsSchema.safeParse(document.toJS() ?? {});
  if (result.success) {
    return result.data;
  }

  for (const issue of result.error.issues) {
    const keys = issue.path.map(String);
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where = unknown.length > 0 ? [...keys, unknown[0] ?? ''] : keys;
    const line = lineOf(document, where, lineCounter);
    const key = where.length > 0 ? where.join('.') : '(top level)';

    problems.push(`${file}${line ? `:${line}` : ''} ${key}: ${issue.message}`);
  }

  return undefined;
}

/** The line of the deepest node on `keys` that exists in the document, if any. */
function lineOf(
  document: ReturnType<typeof parseDocument>,
  keys: readonly string[],
  lineCounter: LineCounter,
): number | undefined {
  if (!isDocument(document)) {
    return undefined;
  }

  for (let depth = keys.length; depth > 0; depth -= 1) {
    const node = document.getIn(keys.slice(0, depth), true) as { range?: [number] } | undefined;
    const offset = node?.range?.[0];

    if (offset !== undefined) {
      return lineCounter.linePos(offset).line;
    }
  }

  return undefined;
}
