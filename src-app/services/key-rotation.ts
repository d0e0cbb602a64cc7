import { TokenDecryptionError, type TokenCipher } from '../crypto/token-cipher.js';
import type { UserRepository } from '../db/user-repository.js';
import type { Logger } from '../logger.js';
import { sealingContext } from './account-service.js';

/** What a rotation pass did. */
export interface RotationReport {
  /** Tokens now sealed under the current key. */
  readonly reencrypted: number;
  /** Tokens whose key is not configured: they stay as they are and their users must sign in. */
  readonly unreadable: number;
  /** Tokens replaced meanwhile by a sign-in, which already used the current key. */
  readonly skipped: number;
}

/** Options of {@link rotateTokenKeys}. */
export interface RotationOptions {
  /** Tokens read and rewritten per round trip. @default 200 */
  readonly batchSize?: number;
}

/**
 * Re-encrypts every stored token that is not sealed under the current key. Each token is
 * rewritten on its own, only if unchanged since it was read, so the pass is idempotent and can be
 * stopped and run again at any point.
 */
export async function rotateTokenKeys(
  users: UserRepository,
  cipher: TokenCipher,
  logger: Logger,
  options: RotationOptions = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  let reencrypted = 0;
  let unreadable = 0;
  let skipped = 0;
  let afterUserId = 0;

  for (;;) {
    const batch = await users.findTokensNotUnder(cipher.currentKeyId, afterUserId, batchSize);
    if (batch.length === 0) break;

    for (const { userId, githubId, sealed } of batch) {
      afterUserId = userId;
      let token: string;
      try {
        token = cipher.open(sealed, sealingContext(githubId));
      } catch (error) {
        if (!(error instanceof TokenDecryptionError)) throw error;
        unreadable += 1;
        logger.warn({ userId, keyId: sealed.keyId }, 'token key is not configured');
        continue;
      }

      const fresh = cipher.seal(token, sealingContext(githubId));
      if (await users.replaceToken(userId, sealed.keyId, fresh)) reencrypted += 1;
      else skipped += 1;
    }
  }

  return { reencrypted, unreadable, skipped };
}
