import { TokenDecryptionError, type TokenCipher } from '../crypto/token-cipher.js';
import { AppError, ERRORS } from '../errors.js';
import type { GitHubClient } from '../github/github-client.js';
import type { User, UserRepository } from '../db/user-repository.js';

/** What a sign-in produced. */
export interface SignInResult {
  readonly user: User;
  readonly created: boolean;
}

/**
 * Classic-token scopes that let GitHub's notifications API answer, as GitHub documents:
 * `notifications`, or `repo`, which includes it.
 */
const NOTIFICATION_SCOPES = ['notifications', 'repo'];

/**
 * Binds a sealed token to the GitHub account it belongs to: a ciphertext moved to another row no
 * longer authenticates.
 */
export function sealingContext(githubId: number): string {
  return `github-token:v1:${githubId}`;
}

/** Signs people in with a GitHub token and hands their token back, decrypted, when needed. */
export class AccountService {
  constructor(
    private readonly users: UserRepository,
    private readonly cipher: TokenCipher,
    private readonly github: GitHubClient,
  ) {}

  /**
   * Asks GitHub who owns `token` and whether it can read notifications (from a classic token's
   * scopes, or else by reading one thread), then creates or updates that user with the token
   * sealed. The login always comes from GitHub, never from the caller.
   *
   * @throws AppError 401 for a token GitHub refuses, 422 for one that cannot read notifications.
   */
  async signIn(token: string, email: string | null | undefined): Promise<SignInResult> {
    const account = await this.github.getAccount(token).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ERRORS.githubTokenRevoked.code) {
        throw new AppError(ERRORS.githubTokenRejected, { cause: error });
      }
      throw error;
    });
    if (account.scopes && !account.scopes.some((scope) => NOTIFICATION_SCOPES.includes(scope))) {
      const has = account.scopes.length > 0 ? account.scopes.join(', ') : 'no scopes';
      throw new AppError(ERRORS.tokenScopeMissing, {
        field: 'token',
        message: `The token has ${has}; it needs the notifications scope (or repo)`,
      });
    }
    // A classic token's scopes already answer the question; other tokens (fine-grained ones have
    // no scopes) can only be asked by reading one thread.
    const refused = account.scopes ? null : await this.github.probeNotifications(token);
    if (refused !== null) {
      throw new AppError(ERRORS.tokenCannotReadNotifications, {
        field: 'token',
        message: `${ERRORS.tokenCannotReadNotifications.message} (GitHub answered ${refused})`,
      });
    }

    const sealed = this.cipher.seal(token, sealingContext(account.id));
    return this.users.saveSignIn({ githubId: account.id, login: account.login, email }, sealed);
  }

  /** The user behind a session, or `undefined` when the account no longer exists. */
  async findUser(userId: number): Promise<User | undefined> {
    return this.users.findById(userId);
  }

  /** Deletes a user with their token and cached notifications. */
  async deleteUser(user: User): Promise<void> {
    await this.users.delete(user.id);
  }

  /**
   * Decrypts the stored GitHub token of `user`.
   *
   * @throws AppError 401 when none is stored or its key is no longer configured.
   */
  async tokenOf(user: User): Promise<string> {
    const sealed = await this.users.findSealedToken(user.id);
    if (!sealed) throw new AppError(ERRORS.unauthenticated, { message: 'Sign in again' });

    try {
      return this.cipher.open(sealed, sealingContext(user.githubId));
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      throw new AppError(ERRORS.tokenUnreadable, { cause: error });
    }
  }
}
