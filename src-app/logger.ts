import { pino, type Logger } from 'pino';
import { requestScope } from './request-scope.js';

/**
 * Paths whose values never reach a log line. Every logger of the app is made here, so this list is
 * the one place that decides what is secret.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.token',
  '*.password',
  '*.databaseUrl',
  '*.tokenEncryptionKey',
  '*.sessionKeys',
  'token',
  'password',
  'err.request.headers.authorization',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @default 'info' */
  readonly level?: string;
  /** Where lines go. @default standard output */
  readonly destination?: pino.DestinationStream;
}

/** Makes the app's JSON logger: one event per line, secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: 'github-notifications' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    // A fresh object each time: pino merges the line's fields into what mixin returns.
    mixin: () => ({ ...requestScope.getStore() }),
  };

  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export type { Logger };
