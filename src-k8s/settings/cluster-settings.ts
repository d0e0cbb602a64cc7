import { z } from 'zod';
import { appSettings } from './app-settings.js';
import { argoCdSettings } from './argo-cd-settings.js';
import { databaseSettings } from './database-settings.js';
import { dnsLabel } from './quantities.js';
import { imagePullSecretSettings, secretStoreSettings } from './secret-settings.js';

const networkSettings = z
  .strictObject({
    ingressNamespace: dnsLabel
      .default('ingress-nginx')
      .describe('Namespace of the ingress controller, the only source of traffic to the app.'),
    metricsNamespace: dnsLabel
      .optional()
      .describe('Namespace of the Prometheus that scrapes /metrics; unset: nothing scrapes.'),
    apiServerCidr: z
      .cidrv4()
      .default('0.0.0.0/0')
      .describe(
        "Addresses of the Kubernetes API server, which the MySQL Operator's sidecars call. " +
          'Narrow it to the control plane where the address is known.',
      ),
  })
  .describe('Network policy settings: the namespace denies all traffic that these do not allow.');

const addonSettings = z
  .strictObject({
    mysqlOperator: z
      .boolean()
      .default(true)
      .describe(
        'Install the MySQL Operator (with `database.mode: operator`); false when the cluster ' +
          'already runs it.',
      ),
    externalSecrets: z
      .boolean()
      .default(true)
      .describe(
        'Install the External Secrets Operator (when a secret store or ECR pulls are set); ' +
          'false when the cluster already runs it.',
      ),
    argoRollouts: z
      .boolean()
      .default(true)
      .describe(
        'Install the Argo Rollouts controller (with `app.rollout`); false when the cluster ' +
          'already runs it.',
      ),
  })
  .describe('Cluster add-ons rendered as Argo CD Applications of their Helm charts.');

/** The schema of `clusters/<cluster>/cluster.yaml`. */
export const clusterSettingsSchema = z
  .strictObject({
    app: appSettings,
    database: databaseSettings,
    secretStore: secretStoreSettings.optional(),
    imagePullSecret: imagePullSecretSettings.optional(),
    network: networkSettings.prefault({}),
    addons: addonSettings.prefault({}),
    argoCd: argoCdSettings.prefault({}),
  })
  .superRefine((settings, context) => {
    if (settings.database.mode === 'managed' && settings.secretStore === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['database', 'mode'],
        message: 'managed needs secretStore: its endpoint and accounts come from the store',
      });
    }
    if (settings.imagePullSecret?.source === 'secret-store' && !settings.secretStore) {
      context.addIssue({
        code: 'custom',
        path: ['imagePullSecret', 'source'],
        message: 'secret-store needs secretStore to be set',
      });
    }
  })
  .describe('Settings of one cluster; the folder name is the cluster name.');

/** What `clusters/<cluster>/cluster.yaml` holds, with defaults applied. */
export type ClusterFileSettings = z.output<typeof clusterSettingsSchema>;

/**
 * Everything that differs between clusters: the settings file plus the cluster's name, which is
 * its folder's name. The constructs turn these values into objects.
 */
export interface ClusterSettings extends ClusterFileSettings {
  /** Name of the cluster: its folder under `clusters/` and `dist/`. */
  readonly name: string;
}
