/**
 * Names of a cluster's secrets in its external store, all under one prefix. Each holds a JSON
 * object; the properties each needs are listed in the cluster's README.
 */
export interface StoreKeys {
  /** `token-encryption-key`, `token-encryption-previous-keys` and `session-keys` of the app. */
  readonly app: string;
  /** `password` of the InnoDBCluster's root account. */
  readonly databaseRoot: string;
  /** `password` (in-cluster database) or `host`, `username`, `password` (managed) of the app. */
  readonly databaseApp: string;
  /** `host`, `username`, `password` of the managed database's schema-changing account. */
  readonly databaseMigrator: string;
  /** The registry credentials, a whole Docker config.json. */
  readonly imagePull: string;
  /** `secret` of GitHub's push webhook to Argo CD. */
  readonly argoCdWebhook: string;
}

/** The store keys under a prefix. */
export function storeKeys(prefix: string): StoreKeys {
  return {
    app: `${prefix}-app`,
    databaseRoot: `${prefix}-database-root`,
    databaseApp: `${prefix}-database-app`,
    databaseMigrator: `${prefix}-database-migrator`,
    imagePull: `${prefix}-image-pull`,
    argoCdWebhook: `${prefix}-argocd-webhook`,
  };
}
