import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { customResourceSync, SyncWave } from '../argo-cd/sync-order.js';
import {
  EXTERNAL_SECRETS_API_VERSION,
  GENERATORS_API_VERSION,
  type SecretStoreReference,
} from './secret-store-reference.js';

/** One key of the Secret, read from one secret (and optionally one JSON property) in the store. */
export interface ExternalSecretEntry {
  /** Key in the Kubernetes Secret (or, with a template, the name the template reads it by). */
  readonly secretKey: string;
  /** Name of the secret in the store. */
  readonly remoteKey: string;
  /** JSON property inside the stored value; the whole value when unset. */
  readonly property?: string;
}

/**
 * Props of `ExternalSecret`.
 * @see https://external-secrets.io/latest/api/externalsecret/
 */
export interface ExternalSecretProps {
  /**
   * Name of the ExternalSecret and, unless `targetName` is set, of the Secret it writes, which
   * pods reference.
   * @default - none; required
   */
  readonly name: string;

  /**
   * Name of the Secret it writes (`spec.target.name`).
   * @default - `name`
   */
  readonly targetName?: string;

  /**
   * Whether the operator creates and owns the Secret (`Owner`) or adds its keys to a Secret that
   * exists already and belongs to someone else (`Merge`) (`spec.target.creationPolicy`).
   * @see https://external-secrets.io/latest/guides/ownership-deletion-policy/
   * @default 'Owner'
   */
  readonly creationPolicy?: 'Owner' | 'Merge';

  /**
   * Namespace of both.
   * @default - none; required
   */
  readonly namespace: string;

  /**
   * Labels of the ExternalSecret.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Store that `data` is read from (`spec.secretStoreRef`).
   * @default - none; required with `data`
   */
  readonly store?: SecretStoreReference;

  /**
   * Keys read from the store (`spec.data`).
   * @default []
   */
  readonly data?: readonly ExternalSecretEntry[];

  /**
   * Generator whose output becomes the Secret's data (`spec.dataFrom[].sourceRef.generatorRef`).
   * @default - none
   */
  readonly generator?: { readonly kind: string; readonly name: string };

  /**
   * How often the operator reads the store again (`spec.refreshInterval`).
   * @default '1h'
   */
  readonly refreshInterval?: string;

  /**
   * Type of the written Secret (`spec.target.template.type`).
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
   * @default 'Opaque'
   */
  readonly type?: string;

  /**
   * Templates of the written keys (`spec.target.template.data`), in the operator's template
   * language (v2); the values they read are the `secretKey`s of `data` or the generator's keys.
   * @default - the keys of `data` as they are
   */
  readonly template?: Readonly<Record<string, string>>;
}

/**
 * An ExternalSecret of the External Secrets Operator: it writes (and owns) a Secret from an
 * external store or a generator, so that no secret value is ever rendered into git.
 */
export class ExternalSecret extends ApiObject {
  /** Name of the Secret that the operator writes. */
  readonly secretName: string;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id, {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ExternalSecret',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...props.labels },
        annotations: customResourceSync(SyncWave.SECRETS),
      },
      spec: renderSpec(props),
    });

    this.secretName = props.targetName ?? props.name;
    this.node.addValidation({ validate: () => validateProps(props) });
  }
}

function renderSpec(props: ExternalSecretProps): Record<string, unknown> {
  const template =
    props.type !== undefined || props.template !== undefined
      ? { engineVersion: 'v2', type: props.type, data: props.template }
      : undefined;

  return {
    refreshInterval: props.refreshInterval ?? '1h',
    secretStoreRef: props.store ? { name: props.store.name, kind: props.store.kind } : undefined,
    target: {
      name: props.targetName ?? props.name,
      creationPolicy: props.creationPolicy ?? 'Owner',
      template,
    },
    data: props.data?.map((entry) => ({
      secretKey: entry.secretKey,
      remoteRef: { key: entry.remoteKey, property: entry.property },
    })),
    dataFrom: props.generator
      ? [
          {
            sourceRef: { generatorRef: { apiVersion: GENERATORS_API_VERSION, ...props.generator } },
          },
        ]
      : undefined,
  };
}

function validateProps(props: ExternalSecretProps): string[] {
  const problems: string[] = [];
  const hasData = (props.data?.length ?? 0) > 0;

  if (!hasData && props.generator === undefined) {
    problems.push('needs data or a generator: otherwise the Secret would be empty');
  }
  if (hasData && props.store === undefined) {
    problems.push('data needs a store to read from');
  }

  return problems;
}
