import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../src-k8s/paths.js';

/** Environment variable that points the tests at the third-party schemas. */
export const SCHEMA_DIR_SETTING = 'SCHEMA_DIR';

/** Where the schemas are when SCHEMA_DIR is not set: beside the repository, never inside it. */
export const DEFAULT_SCHEMA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'schemas');

/** The MySQL Operator's CRDs, relative to the schema directory. */
const MYSQL_OPERATOR_CRDS = path.join('mysql-operator', 'deploy-crds.yaml');

/**
 * The schema directory: SCHEMA_DIR (relative paths from the working folder) or the default.
 * Throws an error naming the setting when the directory does not exist.
 */
export function resolveSchemaDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[SCHEMA_DIR_SETTING];
  const dir = configured ? path.resolve(configured) : DEFAULT_SCHEMA_DIR;

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `${SCHEMA_DIR_SETTING}: schema directory ${dir} does not exist; set ${SCHEMA_DIR_SETTING} ` +
        `to the folder that holds ${MYSQL_OPERATOR_CRDS} (default: ../shared/schemas from the ` +
        'repository root)',
    );
  }

  return dir;
}

/**
 * The openAPIV3Schema of one kind and version from the MySQL Operator's CRDs in the schema
 * directory.
 */
export function loadMysqlOperatorSchema(
  kind: string,
  version: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, unknown> {
  const file = path.join(resolveSchemaDir(env), MYSQL_OPERATOR_CRDS);

  if (!existsSync(file)) {
    throw new Error(`${SCHEMA_DIR_SETTING}: ${file} does not exist`);
  }

  const crds = parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS());
  const crd = crds.find((document) => document?.spec?.names?.kind === kind);
  const served = crd?.spec?.versions?.find((entry: { name: string }) => entry.name === version);
  const schema = served?.schema?.openAPIV3Schema;

  if (schema === undefined) {
    throw new Error(`${file} has no openAPIV3Schema for ${kind} ${version}`);
  }

  return schema;
}
