import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs cookie values for Koa (`app.keys`) in Keygrip's format, HMAC-SHA1 in unpadded base64url,
 * so sessions signed before and after a switch between the two stay valid. Signing uses the
 * first key; any key verifies, which lets keys rotate.
 *
 * Given an array, Koa builds a new Keygrip for every request, and Keygrip compares signatures by
 * hashing both again under a random key. Here the keys are set up once and a signature is
 * compared in constant time with `timingSafeEqual`: one HMAC per key tried, instead of three plus
 * a random key.
 */
export class CookieSigner {
  private readonly keys: readonly Buffer[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new RangeError('At least one cookie signing key is needed');
    this.keys = keys.map((key) => Buffer.from(key, 'utf8'));
  }

  sign(data: string): string {
    return signatureOf(data, this.keys[0]!);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** The position of the key that signed `data` as `digest`, or -1. */
  index(data: string, digest: string): number {
    const given = Buffer.from(String(digest), 'utf8');

    return this.keys.findIndex((key) => {
      const expected = Buffer.from(signatureOf(data, key), 'utf8');
      // A signature's length is public (it is fixed); only its bytes must not leak through timing.
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }
}

function signatureOf(data: string, key: Buffer): string {
  return createHmac('sha1', key).update(data).digest('base64url');
}
