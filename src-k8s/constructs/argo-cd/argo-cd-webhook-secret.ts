import { Construct } from 'constructs';
import type { SecretStoreSettings } from '../../settings/secret-settings.js';
import { ExternalSecret } from '../external-secrets/external-secret.js';
import { SecretStore } from '../external-secrets/secret-store.js';
import { ARGO_CD_NAMESPACE } from './argo-cd-application.js';

/** Argo CD's own Secret, which the upstream install creates and Argo CD reads settings from. */
export const ARGO_CD_SECRET = 'argocd-secret';

/** Key of `ARGO_CD_SECRET` that holds the shared secret of GitHub's push webhook. */
export const GITHUB_WEBHOOK_SECRET_KEY = 'webhook.github.secret';

/** JSON property of the store secret that holds the webhook secret. */
export const WEBHOOK_SECRET_PROPERTY = 'secret';

/**
 * Props of `ArgoCdWebhookSecret`.
 */
export interface ArgoCdWebhookSecretProps {
  /**
   * The external store and the cloud identity that reads it.
   * @default - none; required
   */
  readonly settings: SecretStoreSettings;

  /**
   * Name of the store secret, a JSON object whose `secret` property is the webhook secret.
   * @default - none; required
   */
  readonly remoteKey: string;

  /**
   * Namespace Argo CD runs in.
   * @default ARGO_CD_NAMESPACE
   */
  readonly namespace?: string;

  /**
   * Name of the SecretStore in Argo CD's namespace and of its ServiceAccount.
   * @default 'argocd-store'
   */
  readonly storeName?: string;

  /**
   * Labels of every object.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The shared secret of GitHub's push webhook, copied from the external store into the key
 * `webhook.github.secret` of `argocd-secret`, so it is never in git. The ExternalSecret merges
 * its one key into the Secret that the Argo CD install owns (creation policy `Merge`), leaving
 * Argo CD's other keys alone. A SecretStore of its own in Argo CD's namespace reads the store,
 * since a namespaced store serves only its namespace; its ServiceAccount needs the same cloud
 * permissions as the app's store (see the cluster's README).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/webhook/
 */
export class ArgoCdWebhookSecret extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdWebhookSecretProps) {
    super(scope, id);

    const namespace = props.namespace ?? ARGO_CD_NAMESPACE;
    const labels = { ...props.labels };
    const store = new SecretStore(this, 'store', {
      name: props.storeName ?? 'argocd-store',
      namespace,
      labels,
      settings: props.settings,
    });

    new ExternalSecret(this, 'secret', {
      name: 'argocd-webhook-secret',
      namespace,
      labels,
      store: store.reference,
      targetName: ARGO_CD_SECRET,
      creationPolicy: 'Merge',
      data: [
        {
          secretKey: GITHUB_WEBHOOK_SECRET_KEY,
          remoteKey: props.remoteKey,
          property: WEBHOOK_SECRET_PROPERTY,
        },
      ],
    });
  }
}
