import type { ClusterSettings } from '../cluster-settings.js';
import { dev } from './dev.js';

/** Every cluster that this repository renders manifests for, in the order they are rendered. */
export const clusters: readonly ClusterSettings[] = [dev];
