import { Yaml } from 'cdk8s';

/**
 * What a generated kustomization says.
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
export interface KustomizationOptions {
  /**
   * Namespace set on every namespaced object (`namespace`).
   * @default - objects keep their own
   */
  readonly namespace?: string;

  /**
   * Files, folders and addresses of manifests (`resources`), in order.
   * @default - none; required
   */
  readonly resources: readonly string[];

  /**
   * Strategic merge patches, by file (`patches[].path`).
   * @default []
   */
  readonly patches?: readonly string[];

  /**
   * Comment lines written above the kustomization, without the `# `.
   * @default []
   */
  readonly comment?: readonly string[];
}

/** API version and kind of a kustomization file. */
const KUSTOMIZATION_TYPE = {
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
} as const;

/** The text of a `kustomization.yaml`, with a comment saying what it is for. */
export function renderKustomization(options: KustomizationOptions): string {
  const patches = options.patches ?? [];
  const document = {
    ...KUSTOMIZATION_TYPE,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    resources: [...options.resources],
    ...(patches.length === 0 ? {} : { patches: patches.map((path) => ({ path })) }),
  };
  const comment = (options.comment ?? []).map((line) => (line === '' ? '#' : `# ${line}`));

  return [...comment, Yaml.stringify(document)].join('\n');
}
