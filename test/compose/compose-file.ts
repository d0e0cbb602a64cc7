import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src-k8s/paths.js';
import { resolveSchemaDir, SCHEMA_DIR_SETTING } from '../k8s/schema-dir.js';

/** The Compose file of the local stack. */
export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yaml');

/** The Compose Specification's JSON schema, relative to the schema directory. */
const COMPOSE_SCHEMA = path.join('compose-spec', 'compose-spec.json');

/** The parts of a service that the tests read. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string> | string[];
  secrets?: (string | { source: string })[];
  ports?: unknown[];
  expose?: unknown[];
  networks?: string[] | Record<string, unknown>;
  network_mode?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  user?: string;
  read_only?: boolean;
  tmpfs?: string | string[];
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  volumes?: (string | { source?: string; target?: string })[];
  configs?: (string | { source: string; target?: string })[];
  entrypoint?: string | string[];
}

/** The parts of a Compose file that the tests read. */
export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { file?: string }>;
  secrets?: Record<string, { file?: string; environment?: string; external?: boolean }>;
}

/** Reads and parses the repository's Compose file. */
export function readComposeFile(file = COMPOSE_FILE): ComposeFile {
  return parse(readFileSync(file, 'utf8')) as ComposeFile;
}

/**
 * A validator for the Compose Specification, from the schema directory (SCHEMA_DIR or
 * ../shared/schemas): it returns the schema's complaints, each as `<path> <message>`.
 */
export function composeValidator(
  env: NodeJS.ProcessEnv = process.env,
): (document: unknown) => string[] {
  const file = path.join(resolveSchemaDir(env), COMPOSE_SCHEMA);

  if (!existsSync(file)) {
    throw new Error(`${SCHEMA_DIR_SETTING}: ${file} does not exist`);
  }

  // The schema is draft-07 but names its meta-schema by an https address that ajv does not
  // know, and uses keywords that ajv's strict mode refuses; it uses no formats.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);

  return (document) =>
    validate(document) ? [] : (validate.errors ?? []).map((error) => describeError(error));
}

function describeError(error: ErrorObject): string {
  const extra = error.params as { additionalProperty?: string };
  const where = error.instancePath || '(top level)';

  return extra.additionalProperty
    ? `${where} ${error.message}: ${extra.additionalProperty}`
    : `${where} ${error.message}`;
}

/** The names of the networks a service joins, from either of Compose's two forms. */
export function networksOf(service: ComposeService): string[] {
  const { networks } = service;

  if (networks === undefined) {
    return service.network_mode === undefined ? ['default'] : [];
  }

  return Array.isArray(networks) ? networks : Object.keys(networks);
}

/** A service's environment as name and value pairs, from either of Compose's two forms. */
export function environmentOf(service: ComposeService): [string, string | undefined][] {
  const { environment } = service;

  if (environment === undefined) {
    return [];
  }
  if (!Array.isArray(environment)) {
    return Object.entries(environment).map(([name, value]) => [name, value ?? undefined]);
  }

  return environment.map((entry) => {
    const equals = entry.indexOf('=');
    return equals === -1 ? [entry, undefined] : [entry.slice(0, equals), entry.slice(equals + 1)];
  });
}

/** The health check's command as one string, whether Compose got it as a string or a list. */
export function healthCommandOf(service: ComposeService): string {
  const test = service.healthcheck?.test;

  if (test === undefined) {
    return '';
  }

  return Array.isArray(test) ? test.slice(1).join(' ') : test;
}
