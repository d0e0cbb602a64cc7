import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, Yaml, YamlOutputType } from 'cdk8s';
import { BootstrapChart } from './charts/bootstrap-chart.js';
import { ClusterChart } from './charts/cluster-chart.js';
import { APPLICATION_FILE, BOOTSTRAP_DIR } from './gitops.js';
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
 * Writes each cluster's Argo CD Application to `<dir>/<cluster>/application.yaml`, and removes
 * that file from folders of clusters that no longer exist. Other files in `dir` stay untouched.
 * Returns the written files.
 */
export function renderBootstrap(
  clusters: readonly Pick<ClusterSettings, 'name'>[],
  dir: string,
): string[] {
  const app = new App({ outdir: dir });
  const names = new Set(clusters.map((cluster) => cluster.name));
  const written: string[] = [];

  for (const cluster of clusters) {
    const chart = new BootstrapChart(app, { cluster });
    const file = path.join(dir, cluster.name, APPLICATION_FILE);

    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Yaml.stringify(...chart.toJson()));
    written.push(`${cluster.name}/${APPLICATION_FILE}`);
  }

  for (const stale of listBootstrapFiles(dir).filter((file) => !names.has(path.dirname(file)))) {
    rmSync(path.join(dir, stale));
  }

  return written;
}

/** The generated Application files below `dir`, relative to it; hand-written files are left out. */
export function listBootstrapFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }

  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${entry.name}/${APPLICATION_FILE}`)
    .filter((file) => existsSync(path.join(dir, file)))
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
