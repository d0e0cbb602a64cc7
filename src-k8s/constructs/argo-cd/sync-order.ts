/**
 * The order in which Argo CD applies a cluster's objects. Argo CD applies one sync wave at a
 * time, lowest first, and waits until every object of a wave is healthy before the next.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export const SyncWave = {
  /** The namespace and the operators (their Applications), which install the CRDs below. */
  CLUSTER_ADDONS: -3,
  /** Where secrets come from: SecretStores, generators, their ServiceAccounts; ConfigMaps. */
  SECRET_SOURCES: -2,
  /** ExternalSecrets; Argo CD counts one healthy once its Secret is written. */
  SECRETS: -1,
  /** The database (InnoDBCluster), its network policy and its backups. */
  DATABASE: 0,
  /** The migration Job, a Sync hook: see `MigrationJob` for why it is not PreSync. */
  MIGRATION: 1,
  /** The app: Deployment, Service, autoscaler, disruption budget, Ingress. */
  APP: 2,
} as const;

/** Annotation that puts an object into a sync wave. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** Annotation with per-object sync options. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/** The annotations that place an object in a wave. */
export function syncWave(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}

/**
 * The annotations of a custom resource whose CRD an add-on of the same sync installs: without
 * `SkipDryRunOnMissingResource`, the dry run before the first sync fails on the unknown kind.
 * Further sync options (such as `Delete=false`) are appended.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#skip-dry-run-for-new-custom-resources-types
 */
export function customResourceSync(
  wave: number,
  ...options: readonly string[]
): Record<string, string> {
  return {
    ...syncWave(wave),
    [SYNC_OPTIONS_ANNOTATION]: ['SkipDryRunOnMissingResource=true', ...options].join(','),
  };
}
