import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { App, Chart, Names } from 'cdk8s';
import { bootstrapFiles } from './bootstrap/bootstrap-files.js';
import { ClusterChart } from './charts/cluster-chart.js';
import { APPS_DIR, ARGO_CD_DIR, BOOTSTRAP_DIR, KUSTOMIZATION_FILE } from './gitops.js';
import { listFiles } from './list-files.js';
import { objectYaml } from './object-yaml.js';
import { containsRepository } from './paths.js';
import type { ClusterSettings } from './settings/cluster-settings.js';
import { REFERENCE_FILE, renderSettingsReference } from './settings/settings-reference.js';
import { renderSettingsSchema, SCHEMA_FILE } from './settings/settings-schema.js';
import { updateFolder, writeFileIfChanged } from './update-folder.js';

/** Extension of every rendered manifest, as cdk8s's `outputFileExtension`. */
const MANIFEST_EXTENSION = '.yaml';

/**
 * Characters that cdk8s drops from `<Kind>.<name>` to make a file name, verbatim from its
 * `App.synth()`, where `Z-_` is a range that also keeps `[`, `\`, `]` and `^`.
 */
const FILE_NAME_DROPPED = /[^0-9a-zA-Z-_.]/g;

/** A synthesized object, as far as its file name reads it. */
interface NamedObject {
  readonly kind: string;
  readonly metadata: { readonly name: string };
}

/**
 * Synthesizes every cluster's objects in memory, by path relative to the output folder:
 * `<cluster>/<Kind>.<name>.yaml`, one object per file. Paths and bytes are those that cdk8s's
 * `App.synth()` writes for an app of every cluster's chart with
 * `YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE` and the `.yaml` extension: the same objects
 * in the same order (`Chart.toJson()`), the same serializer (`Yaml.stringify`, by way of
 * `objectYaml`), the same names (as there, a later object with the same file name replaces an
 * earlier one).
 *
 * Each cluster's chart gets an app of its own, because `Chart.toJson()` resolves and validates
 * the whole app that holds the chart: with one app for all clusters, the work would grow with the
 * square of their number. The output is the same, since a cluster's chart neither holds nor
 * depends on another chart; cdk8s would number the folders (`0000-dev`) if one did, which is why
 * a nested chart is refused.
 */
export function synthManifests(clusters: readonly ClusterSettings[]): Map<string, string> {
  const charts = clusters.map((cluster) => new ClusterChart(new App(), { cluster }));
  const files = new Map<string, string>();

  validate(charts);

  for (const chart of charts) {
    const folder = Names.toDnsLabel(chart);

    for (const object of chart.toJson() as NamedObject[]) {
      const name = `${object.kind}.${object.metadata.name}`.replace(FILE_NAME_DROPPED, '');
      files.set(`${folder}/${name}${MANIFEST_EXTENSION}`, objectYaml(object));
    }
  }

  return files;
}

/**
 * Renders every cluster's manifests into `outdir` and leaves it as `cdk8s synth` does, which
 * empties the folder and writes every file, but writes only the files whose bytes change and
 * deletes the files that a render no longer produces, such as those of a removed cluster (see
 * `updateFolder`). Refuses a folder that holds the repository, whose every other file would go.
 * Returns the rendered files.
 */
export function renderManifests(clusters: readonly ClusterSettings[], outdir: string): string[] {
  if (containsRepository(outdir)) {
    throw new Error(`Refusing to render into ${path.resolve(outdir)}: it contains the repository`);
  }

  const files = synthManifests(clusters);
  updateFolder(outdir, files);

  return [...files.keys()].sort();
}

/**
 * Writes each cluster's generated bootstrap files (see `bootstrapFiles`) below
 * `<dir>/<cluster>/`, and removes generated files that a render no longer writes, such as those
 * of clusters that no longer exist. Hand-written files (`cluster.yaml`, `README.md`) stay
 * untouched, and so do files whose content has not changed (see `updateFolder`). Returns the
 * rendered files, relative to `dir`.
 */
export function renderBootstrap(clusters: readonly ClusterSettings[], dir: string): string[] {
  const files = new Map<string, string>();

  for (const cluster of clusters) {
    for (const [file, content] of Object.entries(bootstrapFiles(cluster))) {
      files.set(`${cluster.name}/${file}`, content);
    }
  }
  updateFolder(dir, files, { list: listBootstrapFiles });

  return [...files.keys()].sort();
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

/** Writes `generatedFiles()` below `root`, each only when it changed. Returns their paths. */
export function renderGeneratedFiles(root: string): string[] {
  const files = generatedFiles();

  for (const [file, content] of Object.entries(files)) {
    writeFileIfChanged(path.join(root, file), content);
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

/**
 * Runs the validation of every construct of every chart and throws one error that lists all
 * problems, each with its construct path, as `App.synth()` does; also refuses nested charts (see
 * `synthManifests`).
 */
function validate(charts: readonly Chart[]): void {
  const problems = charts.flatMap((chart) =>
    chart.node.findAll().flatMap((construct) => {
      const nested = construct !== chart && construct instanceof Chart;

      return [
        ...(nested ? ['a cluster chart cannot hold another chart'] : []),
        ...construct.node.validate(),
      ].map((problem) => `[${construct.node.path}] ${problem}`);
    }),
  );

  if (problems.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${problems.join('\n  ')}`);
  }
}
