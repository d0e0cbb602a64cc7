import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Where the database is and how to reach it. */
export interface DatabaseSettings {
  /** `mysql://user[:password]@host[:port]/database` */
  readonly url: string;
  /** Overrides the URL's password, so the URL itself can live in plain config. */
  readonly password?: string | undefined;
  /**
   * TLS with the server's certificate verified against `ca` (PEM), or against Node's bundled
   * roots when `ca` is absent. `undefined`: no TLS.
   */
  readonly tls?: { readonly ca?: string | undefined } | undefined;
}

/** Settings of the app, read once from the environment at start-up. */
export interface Config {
  readonly port: number;
  readonly database: DatabaseSettings;
  /** The current token key: new tokens are encrypted with it. */
  readonly tokenEncryptionKey: Buffer;
  /** Older keys that still decrypt tokens sealed before a rotation. */
  readonly previousTokenEncryptionKeys: readonly Buffer[];
  readonly sessionKeys: readonly string[];
  readonly githubApiUrl: string;
  /** How long one call to GitHub may take before the caller gets a 502. */
  readonly githubTimeoutMs: number;
  readonly logLevel: string;
  readonly migrateOnStart: boolean;
  /** Whether `X-Forwarded-For` and `X-Forwarded-Proto` from a reverse proxy are believed. */
  readonly trustProxy: boolean;
  /** Sign-in attempts allowed per client address and minute. */
  readonly signInRateLimit: number;
  /**
   * How long SIGTERM keeps serving, unready, before closing the listener: time for load balancers
   * and Kubernetes endpoints to stop sending new requests.
   */
  readonly shutdownDelayMs: number;
  /** How long SIGTERM then waits for in-flight requests before closing them. */
  readonly shutdownTimeoutMs: number;
}

/** Raised when a setting is missing or invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Variables that may hold secrets and may therefore be given as a file through `NAME_FILE`. */
const SECRET_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'TOKEN_ENCRYPTION_KEY',
  'TOKEN_ENCRYPTION_PREVIOUS_KEYS',
  'SESSION_KEYS',
] as const;

const booleanString = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const integerString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const encryptionKey = z
  .string({ error: 'is required (base64 of 32 random bytes)' })
  .trim()
  .regex(BASE64, { error: 'must be base64' })
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, { error: 'must decode to exactly 32 bytes' });

const previousKeys = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
  )
  .refine((keys) => keys.every((key) => BASE64.test(key)), {
    error: 'must be comma-separated base64 keys',
  })
  .transform((keys) => keys.map((key) => Buffer.from(key, 'base64')))
  .refine((keys) => keys.every((key) => key.length === 32), {
    error: 'every key must decode to exactly 32 bytes',
  });

const mysqlUrl = z
  .string({ error: 'is required (mysql://user:password@host:port/database)' })
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'mysql:' && url.hostname !== '' && url.pathname.length > 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a URL of the form mysql://user:password@host:port/database' },
  );

const environmentSchema = z.object({
  PORT: integerString(0, 65535).default(8080),
  DATABASE_URL: mysqlUrl,
  DATABASE_PASSWORD: z.string().optional(),
  DATABASE_TLS: z.enum(['off', 'verify'], { error: 'must be off or verify' }).default('off'),
  DATABASE_TLS_CA_FILE: z.string().optional(),
  TOKEN_ENCRYPTION_KEY: encryptionKey,
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: previousKeys.default([]),
  SESSION_KEYS: z
    .string({ error: 'is required (comma-separated keys of at least 32 characters)' })
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    )
    .refine((keys) => keys.length > 0, { error: 'must hold at least one key' })
    .refine((keys) => keys.every((key) => key.length >= 32), {
      error: 'every key must be at least 32 characters long',
    }),
  GITHUB_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://api.github.com')
    .transform((value) => value.replace(/\/+$/, '')),
  GITHUB_TIMEOUT_MS: integerString(100, 120_000).default(10_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  MIGRATE_ON_START: booleanString.default(true),
  TRUST_PROXY: booleanString.default(false),
  SIGN_IN_RATE_LIMIT: integerString(1, 100_000).default(10),
  SHUTDOWN_DELAY_MS: integerString(0, 120_000).default(0),
  SHUTDOWN_TIMEOUT_MS: integerString(0, 300_000).default(20_000),
});

/**
 * Reads `NAME` or, when it is unset, the file named by `NAME_FILE`, so that secrets can come from
 * mounted files instead of the environment. Both set at once is an error: one would be ignored.
 */
function resolveFileVariables(
  env: NodeJS.ProcessEnv,
  problems: string[],
): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };

  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name} and ${name}_FILE are both set; set only one`);
      continue;
    }

    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE: cannot read ${file} (${reason})`);
    }
  }
  for (const [name, value] of Object.entries(resolved)) {
    if (value === '') resolved[name] = undefined;
  }

  return resolved;
}

/** Builds the database settings, reading the CA bundle that verifies the server, if any. */
function databaseSettings(parsed: {
  DATABASE_URL: string;
  DATABASE_PASSWORD?: string | undefined;
  DATABASE_TLS: 'off' | 'verify';
  DATABASE_TLS_CA_FILE?: string | undefined;
}): DatabaseSettings {
  if (parsed.DATABASE_TLS === 'off') {
    if (parsed.DATABASE_TLS_CA_FILE) {
      throw new ConfigError([
        'DATABASE_TLS_CA_FILE is set but DATABASE_TLS is off; set it to verify',
      ]);
    }
    return { url: parsed.DATABASE_URL, password: parsed.DATABASE_PASSWORD };
  }

  let ca: string | undefined;
  if (parsed.DATABASE_TLS_CA_FILE) {
    try {
      ca = readFileSync(parsed.DATABASE_TLS_CA_FILE, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError([
        `DATABASE_TLS_CA_FILE: cannot read ${parsed.DATABASE_TLS_CA_FILE} (${reason})`,
      ]);
    }
  }
  return { url: parsed.DATABASE_URL, password: parsed.DATABASE_PASSWORD, tls: { ca } };
}

/** Resolves `_FILE` variants, validates `env` against `schema`, and reports every problem. */
function parseEnvironment<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const problems: string[] = [];
  const resolved = resolveFileVariables(env, problems);
  const result = schema.safeParse(resolved);

  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join('.')} ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/**
 * Validates the environment and returns the app's settings.
 *
 * @throws ConfigError naming every missing or invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnvironment(environmentSchema, env);

  return {
    port: parsed.PORT,
    database: databaseSettings(parsed),
    tokenEncryptionKey: parsed.TOKEN_ENCRYPTION_KEY,
    previousTokenEncryptionKeys: parsed.TOKEN_ENCRYPTION_PREVIOUS_KEYS,
    sessionKeys: parsed.SESSION_KEYS,
    githubApiUrl: parsed.GITHUB_API_URL,
    githubTimeoutMs: parsed.GITHUB_TIMEOUT_MS,
    logLevel: parsed.LOG_LEVEL,
    migrateOnStart: parsed.MIGRATE_ON_START,
    trustProxy: parsed.TRUST_PROXY,
    signInRateLimit: parsed.SIGN_IN_RATE_LIMIT,
    shutdownDelayMs: parsed.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  };
}

/** The settings that migrating needs: the database and the log level, no other secret. */
export type MigrationConfig = Pick<Config, 'database' | 'logLevel'>;

/**
 * Validates only the variables that migrating needs.
 *
 * @throws ConfigError naming every missing or invalid variable.
 */
export function loadMigrationConfig(env: NodeJS.ProcessEnv = process.env): MigrationConfig {
  const schema = environmentSchema.pick({
    DATABASE_URL: true,
    DATABASE_PASSWORD: true,
    DATABASE_TLS: true,
    DATABASE_TLS_CA_FILE: true,
    LOG_LEVEL: true,
  });
  const parsed = parseEnvironment(schema, env);

  return {
    database: databaseSettings(parsed),
    logLevel: parsed.LOG_LEVEL,
  };
}
