/** Where an {@link AppError} is defined: its stable code, HTTP status and whether to show it. */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  /** Whether the message may be shown to the caller; server errors show a generic one. */
  readonly expose: boolean;
  readonly message: string;
}

/**
 * Every error the API answers with. Codes are stable: clients may branch on them.
 */
export const ERRORS = {
  invalidJson: { code: 'invalid_json', status: 400, expose: true, message: 'Body is not JSON' },
  invalidField: {
    code: 'invalid_field',
    status: 400,
    expose: true,
    message: 'A field is missing or invalid',
  },
  unauthenticated: {
    code: 'unauthenticated',
    status: 401,
    expose: true,
    message: 'Sign in first',
  },
  githubTokenRejected: {
    code: 'github_token_rejected',
    status: 401,
    expose: true,
    message: 'GitHub does not accept this token',
  },
  githubTokenRevoked: {
    code: 'github_token_revoked',
    status: 401,
    expose: true,
    message:
      'GitHub no longer accepts your token (revoked or expired); sign in again with a new one',
  },
  csrfRejected: {
    code: 'csrf_token_invalid',
    status: 403,
    expose: true,
    message: 'The form has expired; reload the page and try again',
  },
  githubForbidden: {
    code: 'github_permission_missing',
    status: 403,
    expose: true,
    message: 'GitHub refused: your token lacks a permission this needs',
  },
  githubNotFound: {
    code: 'github_not_found',
    status: 404,
    expose: true,
    message: 'GitHub has no such thread for you',
  },
  tokenScopeMissing: {
    code: 'token_scope_missing',
    status: 422,
    expose: true,
    message: 'The token lacks the notifications scope',
  },
  tokenCannotReadNotifications: {
    code: 'token_cannot_read_notifications',
    status: 422,
    expose: true,
    message:
      'GitHub does not let this token read notifications; use a classic token with the notifications scope',
  },
  tooManySignIns: {
    code: 'too_many_sign_ins',
    status: 429,
    expose: true,
    message: 'Too many sign-in attempts from your address; wait a minute',
  },
  tokenUnreadable: {
    code: 'token_unreadable',
    status: 401,
    expose: true,
    message: 'Your stored GitHub token can no longer be read; sign in again',
  },
  notFound: { code: 'not_found', status: 404, expose: true, message: 'No such resource' },
  methodNotAllowed: {
    code: 'method_not_allowed',
    status: 405,
    expose: true,
    message: 'Method not allowed on this resource',
  },
  payloadTooLarge: {
    code: 'payload_too_large',
    status: 413,
    expose: true,
    message: 'Body is larger than 1 MB',
  },
  unsupportedMediaType: {
    code: 'unsupported_media_type',
    status: 415,
    expose: true,
    message: 'Send the body as application/json',
  },
  internal: {
    code: 'internal_error',
    status: 500,
    expose: false,
    message: 'Something went wrong on our side',
  },
  githubUnavailable: {
    code: 'github_unavailable',
    status: 502,
    expose: true,
    message: 'GitHub did not answer in time or failed; try again shortly',
  },
  githubRateLimited: {
    code: 'github_rate_limited',
    status: 503,
    expose: true,
    message: 'GitHub rate limit reached; try again later',
  },
  databaseUnavailable: {
    code: 'database_unavailable',
    status: 503,
    expose: true,
    message: 'The database is not reachable; try again shortly',
  },
} as const satisfies Record<string, ErrorDefinition>;

/** Options of an {@link AppError} beyond its definition. */
export interface AppErrorOptions {
  /** A message that replaces the definition's, for client errors that say what was wrong. */
  readonly message?: string;
  /** The request field that was wrong, as a dotted path. */
  readonly field?: string;
  /** Extra headers for the answer, such as `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** An error with a stable code and an HTTP status, answered as JSON by the error middleware. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly field: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(definition: ErrorDefinition, options: AppErrorOptions = {}) {
    super(options.message ?? definition.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = definition.code;
    this.status = definition.status;
    this.expose = definition.expose;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
}
