import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/** HSTS for a year, sent only over TLS: browsers ignore it on plain HTTP, and so should we. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers for every answer: a strict Content-Security-Policy (no script at all, styles
 * only from our origin, forms only to our origin, no framing), `nosniff`, frame denial, and HSTS
 * when the request came over TLS.
 */
export function securityHeaders(): Middleware[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
        },
      },
      strictTransportSecurity: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
    }) as unknown as Middleware,
    async (ctx, next) => {
      if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
      await next();
    },
  ];
}
