import type { k8s } from 'cdk8s-plus-27';

/** A key of a Secret that lives outside git. */
export interface SecretKeyReference {
  /** Name of the Secret. */
  readonly secretName: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** How a client checks the database server's identity. */
export type DatabaseTls =
  | {
      /** No TLS: only for a database inside the cluster, behind its network policy. */
      readonly mode: 'off';
    }
  | {
      /** TLS, with the server certificate verified against the CA bundle. */
      readonly mode: 'verify';
      /** ConfigMap (not a Secret: certificates are public) holding the PEM bundle. */
      readonly caBundle: { readonly configMapName: string; readonly key: string };
    };

/**
 * Where and as whom a client reaches the database, in the terms of the app's settings
 * (DATABASE_URL without a password, DATABASE_PASSWORD, DATABASE_TLS*). The password is never
 * part of it, only the Secret key that holds it; so is the URL when the host is secret too.
 */
export interface DatabaseConnection {
  /** `mysql://user@host:port/database`, literal or from a Secret. */
  readonly url: { readonly value: string } | { readonly secret: SecretKeyReference };

  /** The account's password. */
  readonly password: SecretKeyReference;

  /** Whether and how TLS verifies the server. */
  readonly tls: DatabaseTls;
}

/** Where a CA bundle is mounted in the containers that verify the database server. */
const CA_DIR = '/etc/database-ca';

/** Name of the volume that holds the CA bundle. */
const CA_VOLUME = 'database-ca';

/**
 * What a container needs to connect: plain settings (for a ConfigMap or literal env), env vars
 * read from Secrets, and the CA bundle's volume and mount.
 */
export interface ConnectionEnvironment {
  /** Settings that are not secret, by variable name. */
  readonly plain: Readonly<Record<string, string>>;
  /** Variables that read a Secret key. */
  readonly fromSecrets: readonly k8s.EnvVar[];
  /** Volumes the pod needs. */
  readonly volumes: readonly k8s.Volume[];
  /** Mounts the container needs. */
  readonly mounts: readonly k8s.VolumeMount[];
}

/** Turns a connection into the app's DATABASE_* variables, volumes and mounts. */
export function connectionEnvironment(connection: DatabaseConnection): ConnectionEnvironment {
  const plain: Record<string, string> = {};
  const fromSecrets: k8s.EnvVar[] = [];

  if ('value' in connection.url) {
    plain.DATABASE_URL = connection.url.value;
  } else {
    fromSecrets.push(secretEnv('DATABASE_URL', connection.url.secret));
  }
  fromSecrets.push(secretEnv('DATABASE_PASSWORD', connection.password));
  plain.DATABASE_TLS = connection.tls.mode;

  if (connection.tls.mode === 'off') {
    return { plain, fromSecrets, volumes: [], mounts: [] };
  }

  const { configMapName, key } = connection.tls.caBundle;
  plain.DATABASE_TLS_CA_FILE = `${CA_DIR}/${key}`;

  return {
    plain,
    fromSecrets,
    volumes: [{ name: CA_VOLUME, configMap: { name: configMapName, items: [{ key, path: key }] } }],
    mounts: [{ name: CA_VOLUME, mountPath: CA_DIR, readOnly: true }],
  };
}

/** An env var that reads a Secret key; the pod does not start while the key is missing. */
export function secretEnv(name: string, reference: SecretKeyReference): k8s.EnvVar {
  return {
    name,
    valueFrom: { secretKeyRef: { name: reference.secretName, key: reference.key } },
  };
}

/**
 * Formats a `mysql://user@host:port/database` URL without a password, so that it can live in
 * plain configuration while the password comes from a Secret.
 */
export function toMysqlUrl(user: string, host: string, port: number, database: string): string {
  return `mysql://${encodeURIComponent(user)}@${host}:${port}/` + encodeURIComponent(database);
}
