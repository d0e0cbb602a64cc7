import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { type DatabaseConnection, toMysqlUrl } from './database-connection.js';

/** Key of the token encryption key (base64 of 32 random bytes) in the app Secret. */
export const TOKEN_ENCRYPTION_KEY_KEY = 'token-encryption-key';

/** Key of the comma-separated session signing keys in the app Secret. */
export const SESSION_KEYS_KEY = 'session-keys';

/** Levels that the app's `LOG_LEVEL` accepts. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * What the app's environment is made of.
 */
export interface AppEnvironmentOptions {
  /**
   * Value of `PORT`.
   * @default - none; required
   */
  readonly port: number;

  /**
   * Database behind `DATABASE_URL` and `DATABASE_PASSWORD`.
   * @default - none; required
   */
  readonly database: DatabaseConnection;

  /**
   * Secret with the keys `token-encryption-key` and `session-keys`.
   * @default - none; required
   */
  readonly appSecretName: string;

  /**
   * Value of `LOG_LEVEL`.
   * @default 'info'
   */
  readonly logLevel?: LogLevel;

  /**
   * Value of `GITHUB_API_URL`, the base URL of GitHub's REST API.
   * @default 'https://api.github.com'
   */
  readonly githubApiUrl?: string;

  /**
   * Value of `MIGRATE_ON_START`.
   * @default true
   */
  readonly migrateOnStart?: boolean;
}

/**
 * The environment variables that configure the app. Plain settings are literal values; every
 * secret is a reference to a key of a Secret that lives outside git, never a value.
 */
export function appEnvironment(
  scope: Construct,
  options: AppEnvironmentOptions,
): Record<string, kplus.EnvValue> {
  const appSecret = kplus.Secret.fromSecretName(scope, 'app-secret', options.appSecretName);
  const databaseSecret = kplus.Secret.fromSecretName(
    scope,
    'database-secret',
    options.database.passwordSecretName,
  );
  const fromSecret = (secret: kplus.ISecret, key: string) =>
    kplus.EnvValue.fromSecretValue({ secret, key });

  return {
    PORT: kplus.EnvValue.fromValue(String(options.port)),
    // The URL has no password: the app reads it from DATABASE_PASSWORD instead.
    DATABASE_URL: kplus.EnvValue.fromValue(toMysqlUrl(options.database)),
    DATABASE_PASSWORD: fromSecret(databaseSecret, options.database.passwordSecretKey),
    TOKEN_ENCRYPTION_KEY: fromSecret(appSecret, TOKEN_ENCRYPTION_KEY_KEY),
    SESSION_KEYS: fromSecret(appSecret, SESSION_KEYS_KEY),
    LOG_LEVEL: kplus.EnvValue.fromValue(options.logLevel ?? 'info'),
    GITHUB_API_URL: kplus.EnvValue.fromValue(options.githubApiUrl ?? 'https://api.github.com'),
    MIGRATE_ON_START: kplus.EnvValue.fromValue(String(options.migrateOnStart ?? true)),
  };
}
