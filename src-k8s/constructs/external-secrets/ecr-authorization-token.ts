import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { customResourceSync, syncWave, SyncWave } from '../argo-cd/sync-order.js';
import { GENERATORS_API_VERSION } from './secret-store-reference.js';

/** Kind of the generator, as an ExternalSecret's `generatorRef` names it. */
export const ECR_AUTHORIZATION_TOKEN_KIND = 'ECRAuthorizationToken';

/**
 * Props of `EcrAuthorizationToken`.
 * @see https://external-secrets.io/latest/api/generator/ecr/
 */
export interface EcrAuthorizationTokenProps {
  /**
   * Name of the generator and of the ServiceAccount it authenticates as.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of both.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of both.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * AWS region of the registry (`spec.region`).
   * @default - none; required
   */
  readonly region: string;

  /**
   * IAM role allowed `ecr:GetAuthorizationToken` (and pulls), bound to the ServiceAccount
   * through IAM Roles for Service Accounts.
   * @default - none; required
   */
  readonly roleArn: string;
}

/**
 * An ECRAuthorizationToken generator of the External Secrets Operator, with its own
 * ServiceAccount bound to an IAM role. An ExternalSecret that reads it gets a fresh registry
 * token (valid 12 hours) at every refresh, so no long-lived AWS key exists anywhere.
 */
export class EcrAuthorizationToken extends Construct {
  /** Name of the generator. */
  readonly generatorName: string;

  constructor(scope: Construct, id: string, props: EcrAuthorizationTokenProps) {
    super(scope, id);

    const labels = { ...props.labels };

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        annotations: {
          ...syncWave(SyncWave.SECRET_SOURCES),
          'eks.amazonaws.com/role-arn': props.roleArn,
        },
      },
      automountServiceAccountToken: false,
    });

    new ApiObject(this, 'generator', {
      apiVersion: GENERATORS_API_VERSION,
      kind: ECR_AUTHORIZATION_TOKEN_KIND,
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        annotations: customResourceSync(SyncWave.SECRET_SOURCES),
      },
      spec: {
        region: props.region,
        auth: { jwt: { serviceAccountRef: { name: props.name } } },
      },
    });

    this.generatorName = props.name;
  }
}
