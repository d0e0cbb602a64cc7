import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/** Runs per measurement; the median is reported. */
const RUNS = 5;
const REAL_CLUSTERS = 'clusters';

/** Rendering time of `npm run synth` beside the cdk8s CLI's default TypeScript runner. */
export interface SynthFigures {
  readonly scenario: 'synth';
  /** Median seconds of `npm run synth`, by number of clusters rendered. */
  readonly npmRunSynth: Record<string, number>;
  /**
   * Seconds of the first `npm run synth` into an empty folder, which writes every file; the runs
   * after it find the files already right and write none, as when little has changed.
   */
  readonly npmRunSynthEmptyFolder: Record<string, number>;
  /** Median seconds of `cdk8s synth` running the same entry point through ts-node. */
  readonly cdk8sSynthTsNode: Record<string, number>;
  /** npmRunSynth ÷ cdk8sSynthTsNode for the real clusters; the target is at most 0.25. */
  readonly ratio: number;
  /** npmRunSynth at 30 clusters ÷ at the real 3; "nearly flat" is close to 1. */
  readonly growth3to30: number;
}

/**
 * A folder of `count` clusters made from the real profiles under new names. As in a real fleet,
 * each runs its own image tag and, where it has an ingress, answers its own host name, so their
 * workloads differ while the objects nothing distinguishes (services, policies) stay shared.
 */
function generatedClusters(root: string, count: number): string {
  const dir = join(root, `clusters-${count}`);
  const profiles = readdirSync(REAL_CLUSTERS, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  for (let index = 0; index < count; index += 1) {
    const profile = profiles[index % profiles.length]!.name;
    const name = `${profile}-${String(index).padStart(2, '0')}`;
    const settings = parseDocument(
      readFileSync(join(REAL_CLUSTERS, profile, 'cluster.yaml'), 'utf8'),
    );
    const image = String(settings.getIn(['app', 'image']));
    settings.setIn(['app', 'image'], `${image.replace(/:[^:/]+$/, '')}:1.${index}.0`);
    if (settings.hasIn(['app', 'ingress', 'host'])) {
      settings.setIn(['app', 'ingress', 'host'], `${name}.example.com`);
    }
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'cluster.yaml'), settings.toString());
  }
  cpSync(join(REAL_CLUSTERS, 'cluster.schema.json'), join(dir, 'cluster.schema.json'));
  return dir;
}

/** Wall-clock seconds of a command in each of {@link RUNS} runs, in the order run. */
function timeRuns(command: string, args: string[], env: NodeJS.ProcessEnv): number[] {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
    times.push((performance.now() - started) / 1000);
  }
  return times;
}

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return hundredths(sorted[Math.floor(sorted.length / 2)] ?? 0);
}

function hundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Times both ways of rendering for the real clusters and for 30 generated ones. */
export function benchSynth(): SynthFigures {
  const root = mkdtempSync(join(tmpdir(), 'synth-bench-'));
  try {
    const folders = {
      '3': join(root, 'clusters-3'),
      '30': generatedClusters(root, 30),
    };
    cpSync(REAL_CLUSTERS, folders['3'], { recursive: true });
    const npmRunSynth: Record<string, number> = {};
    const npmRunSynthEmptyFolder: Record<string, number> = {};
    const cdk8sSynthTsNode: Record<string, number> = {};

    for (const [count, clustersDir] of Object.entries(folders)) {
      const out = join(root, `dist-${count}`);
      const synthRuns = timeRuns('npm', ['run', '-s', 'synth'], {
        CLUSTERS_DIR: clustersDir,
        CDK8S_OUTDIR: out,
      });
      npmRunSynth[count] = median(synthRuns);
      npmRunSynthEmptyFolder[count] = hundredths(synthRuns[0] ?? 0);
      cdk8sSynthTsNode[count] = median(
        timeRuns(
          'npx',
          [
            'cdk8s',
            'synth',
            '--no-check-upgrade',
            '--app',
            'node --loader ts-node/esm src-k8s/main.ts',
            '--output',
            out,
          ],
          { CLUSTERS_DIR: clustersDir, NODE_NO_WARNINGS: '1' },
        ),
      );
    }

    return {
      scenario: 'synth',
      npmRunSynth,
      npmRunSynthEmptyFolder,
      cdk8sSynthTsNode,
      ratio: hundredths(npmRunSynth['3']! / cdk8sSynthTsNode['3']!),
      growth3to30: hundredths(npmRunSynth['30']! / npmRunSynth['3']!),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
