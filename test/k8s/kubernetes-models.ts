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
 * Every model class of kubernetes-models by `apiVersion/kind`. The package groups classes as
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

  return index;
}

const MODELS = indexModels();

/**
 * The kubernetes-models class for an apiVersion and kind, or undefined for kinds it does not
 * know (custom resources).
 */
export function findModel(apiVersion: string, kind: string): ModelClass | undefined {
  return MODELS.get(`${apiVersion}/${kind}`);
}
