import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { listFiles } from './list-files.js';

/** What a fresh render would do to one cluster's folder. */
export interface ClusterDiff {
  /** Name of the cluster (its folder). */
  readonly cluster: string;
  /** Objects only the fresh render has, as `Kind/name`. */
  readonly added: readonly string[];
  /** Objects only the committed folder has. */
  readonly removed: readonly string[];
  /** Objects in both that differ, with the dotted paths of the fields that differ. */
  readonly changed: readonly { readonly object: string; readonly fields: readonly string[] }[];
}

/**
 * Compares a fresh render (`renderedDir`) with the committed manifests (`committedDir`), object
 * by object, for every cluster folder in either. Objects are matched by their
 * `<Kind>.<name>.yaml` file; fields are compared after parsing, so formatting does not count.
 */
export function diffManifests(renderedDir: string, committedDir: string): ClusterDiff[] {
  const rendered = groupByCluster(listFiles(renderedDir));
  const committed = groupByCluster(listFiles(committedDir));
  const clusters = [...new Set([...rendered.keys(), ...committed.keys()])].sort();

  return clusters.map((cluster) => {
    const fresh = rendered.get(cluster) ?? new Set<string>();
    const old = committed.get(cluster) ?? new Set<string>();
    const changed = [...fresh]
      .filter((file) => old.has(file))
      .map((file) => ({
        object: objectName(file),
        fields: changedFields(
          readObject(path.join(committedDir, cluster, file)),
          readObject(path.join(renderedDir, cluster, file)),
        ),
      }))
      .filter((entry) => entry.fields.length > 0);

    return {
      cluster,
      added: [...fresh].filter((file) => !old.has(file)).map(objectName),
      removed: [...old].filter((file) => !fresh.has(file)).map(objectName),
      changed,
    };
  });
}

/**
 * The dotted paths at which two JSON values differ, sorted; array elements are `[index]`. A
 * field present on one side only counts as changed at its own path.
 */
export function changedFields(before: unknown, after: unknown, prefix = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedFields(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) =>
      changedFields(before[index], after[index], `${prefix}[${index}]`),
    ).flat();
  }

  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix === '' ? '.' : prefix];
}

/** The diff as text for a reviewer: a headline per cluster, then one line per object. */
export function formatDiff(diffs: readonly ClusterDiff[]): string[] {
  return diffs.flatMap((diff) => {
    const total = diff.added.length + diff.removed.length + diff.changed.length;
    const headline =
      total === 0
        ? `${diff.cluster}: no change`
        : `${diff.cluster}: ${diff.added.length} added, ${diff.removed.length} removed, ` +
          `${diff.changed.length} changed`;

    return [
      headline,
      ...diff.added.map((object) => `  + ${object}`),
      ...diff.removed.map((object) => `  - ${object}`),
      ...diff.changed.map(({ object, fields }) => `  ~ ${object}: ${fields.join(', ')}`),
    ];
  });
}

function groupByCluster(files: readonly string[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();

  for (const file of files) {
    const [cluster = '', ...rest] = file.split('/');
    const group = groups.get(cluster) ?? new Set<string>();

    group.add(rest.join('/'));
    groups.set(cluster, group);
  }

  return groups;
}

function objectName(file: string): string {
  const base = file.replace(/\.yaml$/, '');
  const dot = base.indexOf('.');

  return `${base.slice(0, dot)}/${base.slice(dot + 1)}`;
}

function readObject(file: string): unknown {
  return parse(readFileSync(file, 'utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
