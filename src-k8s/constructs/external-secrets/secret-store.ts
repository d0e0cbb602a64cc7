import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { SecretStoreSettings } from '../../settings/secret-settings.js';
import { customResourceSync, syncWave, SyncWave } from '../argo-cd/sync-order.js';
import {
  EXTERNAL_SECRETS_API_VERSION,
  type SecretStoreReference,
} from './secret-store-reference.js';

/**
 * Props of `SecretStore`.
 */
export interface SecretStoreProps {
  /**
   * Name of the SecretStore and of the ServiceAccount whose identity it uses.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of both; only ExternalSecrets of this namespace can use the store.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of both.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Which store, where, and the cloud identity that reads it.
   * @default - none; required
   */
  readonly settings: SecretStoreSettings;
}

/**
 * A namespaced SecretStore for Google Secret Manager or AWS Secrets Manager, with the
 * ServiceAccount that it authenticates as. The account holds no key: the cloud trusts tokens
 * that the operator requests for it (GKE Workload Identity, or EKS IAM Roles for Service
 * Accounts), so nothing long-lived is stored anywhere. A namespaced store, unlike a
 * ClusterSecretStore, cannot be used from other namespaces.
 */
export class SecretStore extends Construct {
  /** How ExternalSecrets refer to this store. */
  readonly reference: SecretStoreReference;

  constructor(scope: Construct, id: string, props: SecretStoreProps) {
    super(scope, id);

    const { settings } = props;
    const labels = { ...props.labels };

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        annotations: { ...syncWave(SyncWave.SECRET_SOURCES), ...identityAnnotation(settings) },
      },
      // The operator asks the API server for this account's tokens; no pod mounts them.
      automountServiceAccountToken: false,
    });

    new ApiObject(this, 'store', {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'SecretStore',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        annotations: customResourceSync(SyncWave.SECRET_SOURCES),
      },
      spec: { provider: provider(settings, props.name) },
    });

    this.reference = { name: props.name, kind: 'SecretStore' };
  }
}

/** The ServiceAccount annotation that binds it to a cloud identity. */
function identityAnnotation(settings: SecretStoreSettings): Record<string, string> {
  return settings.provider === 'gcp-secret-manager'
    ? // https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
      { 'iam.gke.io/gcp-service-account': settings.googleServiceAccount }
    : // https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
      { 'eks.amazonaws.com/role-arn': settings.roleArn };
}

function provider(settings: SecretStoreSettings, serviceAccount: string): Record<string, unknown> {
  if (settings.provider === 'gcp-secret-manager') {
    return {
      gcpsm: {
        projectID: settings.projectId,
        auth: {
          workloadIdentity: {
            clusterLocation: settings.clusterLocation,
            clusterName: settings.clusterName,
            clusterProjectID: settings.projectId,
            serviceAccountRef: { name: serviceAccount },
          },
        },
      },
    };
  }

  return {
    aws: {
      service: 'SecretsManager',
      region: settings.region,
      auth: { jwt: { serviceAccountRef: { name: serviceAccount } } },
    },
  };
}
