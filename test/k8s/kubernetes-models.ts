import * as argoCdModels from '@kubernetes-models/argo-cd';
import * as argoRolloutsModels from '@kubernetes-models/argo-rollouts';
import * as externalSecretsModels from '@kubernetes-models/external-secrets';
import * as models from 'kubernetes-models';

/** A model class of kubernetes-models: it knows its apiVersion and kind and validates data. */
interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: unknown): { validate(): void };
}

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<ModelClass>).apiVersion === 'string' &&
    typeof (value as Partial<ModelClass>).kind === 'string'
  );
}

/**
 * Every model class of kubernetes-models, @kubernetes-models/argo-cd,
 * @kubernetes-models/argo-rollouts and @kubernetes-models/external-secrets by `apiVersion/kind`. The packages group classes as
 * group → version → kind, except the core group, whose versions sit at the top.
 */
function indexModels(): Map<string, ModelClass> {
  const index = new Map<string, ModelClass>();
  const visit = (namespace: object, depth: number): void => {
    for (const value of Object.values(namespace)) {
      if (isModelClass(value)) {
        index.set(`${value.apiVersion}/${value.kind}`, value);
      } else if (depth < 2 && typeof value === 'object' && value !== null) {
        visit(value, depth + 1);
      }
    }
  };

  visit(models, 0);
  visit(argoCdModels, 0);
  visit(argoRolloutsModels, 0);
  visit(externalSecretsModels, 0);

  return index;
}

const MODELS = indexModels();

/**
 * The model class for an apiVersion and kind, or undefined for kinds that none of the packages
 * knows (such as the MySQL Operator's).
 */
export function findModel(apiVersion: string, kind: string): ModelClass | undefined {
  return MODELS.get(`${apiVersion}/${kind}`);
}
