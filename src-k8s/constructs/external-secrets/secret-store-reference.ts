/**
 * How an ExternalSecret names the store it reads from.
 * @see https://external-secrets.io/latest/api/secretstore/
 */
export interface SecretStoreReference {
  /** Name of the store. */
  readonly name: string;
  /** `SecretStore` (in the ExternalSecret's namespace) or `ClusterSecretStore`. */
  readonly kind: 'SecretStore' | 'ClusterSecretStore';
}

/** API version of the External Secrets Operator's stores and ExternalSecrets used here. */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1beta1';

/** API version of the External Secrets Operator's generators. */
export const GENERATORS_API_VERSION = 'generators.external-secrets.io/v1alpha1';
