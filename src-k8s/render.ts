import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, YamlOutputType } from 'cdk8s';
import { bootstrapFiles } from './bootstrap/bootstrap-files.js';
import { ClusterChart } from './charts/cluster-chart.js';
import { APPS_DIR, ARGO_CD_DIR, BOOTSTRAP_DIR, KUSTOMIZATION_FILE } from './gitops.js';
import { listFiles } from './list-files.js';
import { containsRepository } from './paths.js';
import type { ClusterSettings } from './settings/cluster-settings.js';
import { REFERENCE_FILE, renderSettingsReference } from './settings/settings-reference.js';
import { renderSettingsSchema, SCHEMA_FILE } from './settings/settings-schema.js';

/**
 * Builds the app that renders every cluster's objects into `<outdir>/<cluster>/`, one file per
 * object named `<Kind>.<name>.yaml`. Nothing is written until `synth()` is called.
 */
export function buildManifestsApp(clusters: readonly ClusterSettings[], outdir: string): App {
  const app = new App({
    outdir,
    outputFileExtension: '.yaml',
    yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
    // The metadata file holds construct paths; the cdk8s CLI asks for it only for validations.
    recordConstructMetadata: false,
  });

  for (const cluster of clusters) {
    new ClusterChart(app, { cluster });
  }

  return app;
}

/**
 * Renders every cluster's manifests into `outdir`, after deleting whatever was there, as
 * `cdk8s synth` does, so both ways leave the same files. Returns the written files.
 */
export function renderManifests(clusters: readonly ClusterSettings[], outdir: string): string[] {
  const app = buildManifestsApp(clusters, outdir);

  clearDirectory(outdir);
  app.synth();

  return listFiles(outdir);
}

/**
 * Writes each cluster's generated bootstrap files (see `bootstrapFiles`) below
 * `<dir>/<cluster>/`, and removes generated files that a render no longer writes, such as those
 * of clusters that no longer exist. Hand-written files (`cluster.yaml`, `README.md`) stay
 * untouched, and so do files whose content has not changed, which keeps a reader running at the
 * same time from seeing a file half written. Returns the rendered files, relative to `dir`.
 */
export function renderBootstrap(clusters: readonly ClusterSettings[], dir: string): string[] {
  const written: string[] = [];

  for (const cluster of clusters) {
    for (const [file, content] of Object.entries(bootstrapFiles(cluster))) {
      const target = path.join(dir, cluster.name, file);

      if (!existsSync(target) || readFileSync(target, 'utf8') !== content) {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      written.push(`${cluster.name}/${file}`);
    }
  }

  const kept = new Set(written);
  for (const stale of listBootstrapFiles(dir).filter((file) => !kept.has(file))) {
    rmSync(path.join(dir, stale));
  }

  return written.sort();
}

/**
 * The generated files below `dir`, relative to it: each cluster folder's `kustomization.yaml`
 * and everything in its `argo-cd/` and `apps/` folders, which are generated as a whole.
 */
export function listBootstrapFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }

  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const kustomization = existsSync(path.join(dir, entry.name, KUSTOMIZATION_FILE))
        ? [KUSTOMIZATION_FILE]
        : [];
      const generated = [ARGO_CD_DIR, APPS_DIR].flatMap((folder) =>
        listFiles(path.join(dir, entry.name, folder)).map((file) => `${folder}/${file}`),
      );

      return [...kustomization, ...generated].map((file) => `${entry.name}/${file}`);
    })
    .sort();
}

/**
 * The files generated from the settings schema, by path relative to the repository root: the
 * JSON Schema that editors check cluster.yaml files with, and the settings reference.
 */
export function generatedFiles(): Record<string, string> {
  return {
    [`${BOOTSTRAP_DIR}/${SCHEMA_FILE}`]: renderSettingsSchema(),
    [REFERENCE_FILE]: renderSettingsReference(),
  };
}

/** Writes `generatedFiles()` below `root`. Returns the written paths. */
export function renderGeneratedFiles(root: string): string[] {
  const files = generatedFiles();

  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }

  return Object.keys(files);
}

/**
 * One line per cluster folder of rendered files: how many objects of each kind, read from the
 * `<Kind>.<name>.yaml` file names.
 */
export function summarizeManifests(files: readonly string[]): string[] {
  const byCluster = new Map<string, Map<string, number>>();

  for (const file of files) {
    const [cluster = '', name = ''] = file.split('/');
    const kind = name.split('.')[0] ?? '';
    const kinds = byCluster.get(cluster) ?? new Map<string, number>();

    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    byCluster.set(cluster, kinds);
  }

  return [...byCluster.entries()].map(([cluster, kinds]) => {
    const total = [...kinds.values()].reduce((sum, count) => sum + count, 0);
    const counts = [...kinds.entries()]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([kind, count]) => `${kind} ${count}`);

    return `${cluster}: ${total} objects (${counts.join(', ')})`;
  });
}

/** Deletes `dir` with its contents, refusing anything that holds the repository itself. */
function clearDirectory(dir: string): void {
  if (containsRepository(dir)) {
    throw new Error(`Refusing to clear ${path.resolve(dir)}: it contains the repository`);
  }
  rmSync(dir, { recursive: true, force: true });
}
