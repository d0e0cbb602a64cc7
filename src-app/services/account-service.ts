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
 * Binds a sealed token to the GitHub account it belongs to: a ciphertext moved to another row no
 * longer authenticates.
 */
function sealingContext(githubId: number): string {
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
   * Asks GitHub who owns `token`, then creates or updates that user with the token sealed. The
   * login always comes from GitHub, never from the caller.
   */
  async signIn(token: string, email: string | null | undefined): Promise<SignInResult> {
    const account = await this.github.getAccount(token);
    const sealed = this.cipher.seal(token, sealingContext(account.id));

    return this.users.saveSignIn({ githubId: account.id, login: account.login, email }, sealed);
  }

  /** The user behind a session, or `undefined` when the account no longer exists. */
  async findUser(userId: number): Promise<User | undefined> {
    return this.users.findById(userId);
  }

  /** Decrypts the stored GitHub token of `user`. */
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
