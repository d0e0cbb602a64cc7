import { Construct } from 'constructs';
import type { ImagePullSecretSettings } from '../../settings/secret-settings.js';
import { ECR_AUTHORIZATION_TOKEN_KIND, EcrAuthorizationToken } from './ecr-authorization-token.js';
import { ExternalSecret } from './external-secret.js';
import type { SecretStoreReference } from './secret-store-reference.js';

/** Type of a Secret that holds registry credentials as a Docker config.json. */
export const DOCKER_CONFIG_JSON_TYPE = 'kubernetes.io/dockerconfigjson';

/**
 * How often the ECR token is renewed. ECR tokens expire after 12 hours; renewing every 6 hours
 * leaves a pod that starts just before a refresh at least 6 hours of validity, and a failed
 * refresh another 6 hours to be noticed and fixed.
 */
export const ECR_REFRESH_INTERVAL = '6h';

/**
 * Props of `ImagePullSecret`.
 */
export interface ImagePullSecretProps {
  /**
   * Name of the `kubernetes.io/dockerconfigjson` Secret that ServiceAccounts list in
   * `imagePullSecrets`.
   * @see https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod
   * @default - none; required
   */
  readonly name: string;

  /**
   * Namespace of the Secret.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of the objects.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Where the credentials come from.
   * @default - none; required
   */
  readonly settings: ImagePullSecretSettings;

  /**
   * Store that holds the ready config.json (source `secret-store`).
   * @default - none; required for source `secret-store`
   */
  readonly store?: SecretStoreReference;

  /**
   * Name of the store secret that holds the config.json (source `secret-store`).
   * @default - none; required for source `secret-store`
   */
  readonly remoteKey?: string;
}

/**
 * The registry credentials Secret, written by the External Secrets Operator: copied from the
 * secret store, or generated from Amazon ECR and renewed long before the token expires.
 */
export class ImagePullSecret extends Construct {
  /** Name of the Secret. */
  readonly secretName: string;

  constructor(scope: Construct, id: string, props: ImagePullSecretProps) {
    super(scope, id);

    const common = { name: props.name, namespace: props.namespace, labels: props.labels };
    this.secretName = props.name;

    if (props.settings.source === 'ecr') {
      const generator = new EcrAuthorizationToken(this, 'ecr-token', {
        ...common,
        name: `${props.name}-ecr`,
        region: props.settings.region,
        roleArn: props.settings.roleArn,
      });
      new ExternalSecret(this, 'secret', {
        ...common,
        generator: { kind: ECR_AUTHORIZATION_TOKEN_KIND, name: generator.generatorName },
        refreshInterval: ECR_REFRESH_INTERVAL,
        type: DOCKER_CONFIG_JSON_TYPE,
        // The generator yields username, password and proxy_endpoint (https://<registry>).
        template: {
          '.dockerconfigjson':
            '{"auths":{"{{ .proxy_endpoint }}":{"auth":"{{ printf "%s:%s" .username .password | b64enc }}"}}}',
        },
      });
      return;
    }

    new ExternalSecret(this, 'secret', {
      ...common,
      store: props.store,
      data: [{ secretKey: 'dockerconfigjson', remoteKey: props.remoteKey ?? '' }],
      type: DOCKER_CONFIG_JSON_TYPE,
      template: { '.dockerconfigjson': '{{ .dockerconfigjson }}' },
    });
    this.node.addValidation({
      validate: () =>
        props.store && props.remoteKey ? [] : ['source secret-store needs store and remoteKey'],
    });
  }
}
