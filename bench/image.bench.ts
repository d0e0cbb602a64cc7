import { startAppContainer, uniqueName } from '../test/image/app-container.js';
import { findContainerEngine } from '../test/image/container-engine.js';
import { buildImage } from '../test/image/image-build.js';

/** Starts of the container measured; the median is reported. */
const STARTS = 5;

/** The image's size and how fast a container of it becomes ready. */
export interface ImageFigures {
  readonly scenario: 'image';
  readonly engine: string;
  readonly sizeMiB: number;
  readonly buildSeconds: number;
  /** Median time from `run` to the first 200 from `/readyz`, migrations included. */
  readonly startToReadyMs: number;
  readonly startToReadyAllMs: readonly number[];
}

/**
 * Builds the Dockerfile with the container engine the image tests use and starts it
 * {@link STARTS} times against `databaseUrl`. Throws, saying what to install, without an engine.
 */
export async function benchImage(databaseUrl: string): Promise<ImageFigures> {
  const engine = findContainerEngine();
  const tag = `localhost/${uniqueName('bench')}:latest`;
  const built = await buildImage(engine, tag);
  const starts: number[] = [];

  try {
    for (let run = 0; run < STARTS; run += 1) {
      let name = '';
      try {
        const container = await startAppContainer(
          engine,
          { image: tag, databaseUrl },
          (created) => {
            name = created;
          },
        );
        starts.push(Math.round(container.startToReadyMs));
      } finally {
        if (name) await engine.removeContainer(name);
      }
    }
  } finally {
    await engine.run(['rmi', '-f', tag]);
  }
  const sorted = [...starts].sort((a, b) => a - b);

  return {
    scenario: 'image',
    engine: engine.name,
    sizeMiB: Math.round(built.sizeBytes / 1024 / 1024),
    buildSeconds: Math.round(built.buildMs / 100) / 10,
    startToReadyMs: sorted[Math.floor(STARTS / 2)] ?? 0,
    startToReadyAllMs: starts,
  };
}
