/**
 * How Argo CD keeps every Application of this repository in sync: automatically, pruning what
 * left git and healing drift, deleting only after everything else is applied, and retrying a
 * failed sync with back-off.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */

/** Past syncs that Argo CD keeps per Application (`spec.revisionHistoryLimit`), to roll back to. */
export const APPLICATION_HISTORY_LIMIT = 10;

/**
 * Retries of a failed sync: 15 s, 30 s, 1 min, … up to 10 min apart, ten times, about 55 minutes
 * in all. A first sync fails while freshly installed operators register their CRDs or while an
 * external store has not yet written a Secret; the retries carry it through.
 */
export const SYNC_RETRY = {
  limit: 10,
  backoff: { duration: '15s', factor: 2, maxDuration: '10m' },
} as const;

/** Sync options that this repository sets, by their effect. */
export const SyncOption = {
  /** Deletes objects that left git only after every other object of the sync is applied. */
  PRUNE_LAST: 'PruneLast=true',
  /** Creates the destination namespace when it is missing. */
  CREATE_NAMESPACE: 'CreateNamespace=true',
  /**
   * Applies server-side: large CRDs exceed the 256 KiB annotation that client-side apply keeps
   * its last state in, and fields owned by controllers stop showing as drift.
   */
  SERVER_SIDE_APPLY: 'ServerSideApply=true',
  /** Makes a sync leave alone the fields that `ignoreDifferences` names, not only the diff. */
  RESPECT_IGNORE_DIFFERENCES: 'RespectIgnoreDifferences=true',
} as const;

/**
 * Fields of live objects that Argo CD neither reports as drift nor overwrites (with
 * `SyncOption.RESPECT_IGNORE_DIFFERENCES`), because a controller writes them.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
 */
export interface IgnoredDifference {
  /** API group of the objects; empty for the core group. */
  readonly group?: string;
  /** Kind of the objects. */
  readonly kind: string;
  /** Name of the one object; every object of the kind when unset. */
  readonly name?: string;
  /** JSON pointers (RFC 6901) of the fields. */
  readonly jsonPointers?: readonly string[];
  /** jq path expressions of the fields, for fields inside lists. */
  readonly jqPathExpressions?: readonly string[];
}

/**
 * Options of `automatedSyncPolicy`.
 */
export interface AutomatedSyncOptions {
  /**
   * Whether Argo CD deletes live objects that are no longer in git (`automated.prune`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/#automatic-pruning
   * @default true
   */
  readonly prune?: boolean;

  /**
   * Whether Argo CD reverts changes made to live objects outside git (`automated.selfHeal`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/#automatic-self-healing
   * @default true
   */
  readonly selfHeal?: boolean;

  /**
   * Sync options besides `PruneLast=true`, which every Application gets (`syncOptions`).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
   * @default []
   */
  readonly syncOptions?: readonly string[];
}

/** The `spec.syncPolicy` of an Application that syncs on its own. */
export function automatedSyncPolicy(options: AutomatedSyncOptions = {}): Record<string, unknown> {
  return {
    automated: { prune: options.prune ?? true, selfHeal: options.selfHeal ?? true },
    syncOptions: [SyncOption.PRUNE_LAST, ...(options.syncOptions ?? [])],
    retry: { limit: SYNC_RETRY.limit, backoff: { ...SYNC_RETRY.backoff } },
  };
}

/** `ignoreDifferences` as the Application spec takes it; none when the list is empty. */
export function renderIgnoreDifferences(
  differences: readonly IgnoredDifference[] = [],
): Record<string, unknown>[] | undefined {
  if (differences.length === 0) {
    return undefined;
  }

  return differences.map((difference) => ({
    group: difference.group,
    kind: difference.kind,
    name: difference.name,
    jsonPointers: difference.jsonPointers && [...difference.jsonPointers],
    jqPathExpressions: difference.jqPathExpressions && [...difference.jqPathExpressions],
  }));
}
