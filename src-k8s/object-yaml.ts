import { Yaml } from 'cdk8s';

/**
 * The YAML text of each distinct object serialized so far, by the object's JSON text. Clusters
 * share most of their objects (the app's Service and ServiceAccount, most network policies), and
 * serializing YAML is the bulk of a render's CPU time: about a hundred times as slow as JSON.
 */
const serialized = new Map<string, string>();

/**
 * cdk8s's `Yaml.stringify(object)`: the bytes that its `App.synth()` writes for one object,
 * computed once per distinct object.
 *
 * Objects count as the same when their JSON text is, which holds only when the JSON says all that
 * the YAML depends on (see `isPlainData`); any other object is serialized every time.
 */
export function objectYaml(object: unknown): string {
  if (!isPlainData(object, new Set())) {
    return Yaml.stringify(object);
  }

  const key = JSON.stringify(object);
  let text = serialized.get(key);
  if (text === undefined) {
    text = Yaml.stringify(object);
    serialized.set(key, text);
  }

  return text;
}

/**
 * True when `value` is made only of plain objects, arrays without holes, strings, booleans, null
 * and finite numbers other than -0, with no object or array reached twice. Anything else can
 * part JSON from YAML: JSON drops `undefined` and writes NaN as null where cdk8s's YAML keeps
 * them, calls `toJSON()` (a Date) where YAML reads the fields, and repeats an object reached
 * twice where YAML writes an anchor and an alias.
 */
function isPlainData(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }

  if (value === null) {
    return true;
  }
  if (seen.has(value)) {
    return false;
  }
  seen.add(value);

  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Array.prototype) {
    const array = value as unknown[];

    for (let index = 0; index < array.length; index += 1) {
      if (!(index in array) || !isPlainData(array[index], seen)) {
        return false;
      }
    }
    return true;
  }
  if (prototype !== Object.prototype && prototype !== null) {
    return false;
  }

  return Object.values(value).every((field) => isPlainData(field, seen));
}
