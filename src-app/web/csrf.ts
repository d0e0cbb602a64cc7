import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { AppError, ERRORS } from '../errors.js';

/** The form field that carries the token. */
export const CSRF_FIELD = '_csrf';

/**
 * The session's anti-forgery token, made on first use. Every form carries it; a form posted from
 * another site cannot know it.
 */
export function csrfToken(ctx: Context): string {
  const session = ctx.session as { csrf?: string } | null;
  if (!session) return '';
  session.csrf ??= randomBytes(24).toString('base64url');
  return session.csrf;
}

/**
 * Checks a posted token against the session's.
 *
 * @throws AppError 403 when it is missing or differs.
 */
export function verifyCsrf(ctx: Context, posted: unknown): void {
  const expected = (ctx.session as { csrf?: string } | null)?.csrf;
  const given = typeof posted === 'string' ? Buffer.from(posted) : Buffer.alloc(0);
  const wanted = Buffer.from(expected ?? '');

  if (!expected || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new AppError(ERRORS.csrfRejected);
  }
}
