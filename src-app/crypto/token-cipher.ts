import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
/** GCM's recommended nonce length (NIST SP 800-38D): 96 bits. */
const NONCE_BYTES = 12;
const AUTH_TAG_BYTES = 16;

/** A token as stored: ciphertext with everything needed to decrypt it but the key itself. */
export interface SealedToken {
  /** Which key sealed it; see {@link keyIdOf}. */
  readonly keyId: string;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly authTag: Buffer;
}

/** Raised when no configured key matches a sealed token, or the token was tampered with. */
export class TokenDecryptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TokenDecryptionError';
  }
}

/**
 * Names a key without revealing it: the first 16 hex digits of its SHA-256. Stored beside each
 * ciphertext so that keys can rotate while older tokens remain readable.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Encrypts GitHub tokens with AES-256-GCM under the current key, and decrypts them under the
 * current or any previous key.
 */
export class TokenCipher {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    this.currentKeyId = keyIdOf(currentKey);
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new RangeError('AES-256 keys are 32 bytes long');
      this.keys.set(keyIdOf(key), key);
    }
  }

  /**
   * Seals `token` with a fresh random nonce. `context` is bound to the ciphertext as additional
   * authenticated data, so a sealed token copied to another row does not decrypt there.
   */
  seal(token: string, context: string): SealedToken {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyFor(this.currentKeyId), nonce, {
      authTagLength: AUTH_TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);

    return { keyId: this.currentKeyId, nonce, ciphertext, authTag: cipher.getAuthTag() };
  }

  /** Opens a sealed token; `context` must be the one it was sealed with. */
  open(sealed: SealedToken, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new TokenDecryptionError(`No configured key has id ${sealed.keyId}`);
    }

    try {
      const decipher = createDecipheriv(ALGORITHM, key, sealed.nonce, {
        authTagLength: AUTH_TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.authTag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new TokenDecryptionError('Sealed token failed authentication', { cause: error });
    }
  }

  private keyFor(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new TokenDecryptionError(`No configured key has id ${keyId}`);
    return key;
  }
}
