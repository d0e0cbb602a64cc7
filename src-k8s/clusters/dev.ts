import { Size } from 'cdk8s';
import type { ClusterSettings } from '../cluster-settings.js';

/**
 * A local kind or k3d cluster with a local registry on localhost:5001, so the image needs no
 * pull secret. One of each, sized for a laptop.
 */
export const dev: ClusterSettings = {
  name: 'dev',
  image: 'localhost:5001/github-notifications:0.1.0',
  replicas: 1,
  logLevel: 'info',
  database: {
    instances: 1,
    routerInstances: 1,
    storage: Size.gibibytes(2),
  },
};
