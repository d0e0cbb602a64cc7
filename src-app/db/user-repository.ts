import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { SealedToken } from '../crypto/token-cipher.js';
import { withDatabase } from './database-error.js';
import { statement } from './pool.js';

/** A person who signed in with a GitHub token. */
export interface User {
  readonly id: number;
  readonly githubId: number;
  readonly login: string;
  readonly email: string | null;
  readonly createdAt: Date;
}

/** What GitHub told us about a token's owner, plus what the person gave us. */
export interface UserProfile {
  readonly githubId: number;
  readonly login: string;
  /** `undefined` keeps the stored email; `null` clears it. */
  readonly email: string | null | undefined;
}

/** A `users` row as read with {@link USER_COLUMNS}. */
export interface UserRow extends RowDataPacket {
  id: number;
  github_id: number;
  login: string;
  email: string | null;
  created_at: Date;
}

interface TokenRow extends RowDataPacket {
  key_id: string;
  nonce: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
}

/** The columns a {@link User} is read from. */
export const USER_COLUMNS = 'id, github_id, login, email, created_at';

/** 1062 ER_DUP_ENTRY: two first sign-ins of one account raced; the second one retries. */
const ER_DUP_ENTRY = 1062;
/** 1213 ER_LOCK_DEADLOCK: InnoDB rolled the transaction back; it is safe to run it again. */
const ER_LOCK_DEADLOCK = 1213;

export function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    githubId: Number(row.github_id),
    login: row.login,
    email: row.email,
    createdAt: row.created_at,
  };
}

function toSealedToken(row: TokenRow): SealedToken {
  return { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag };
}

/** Reads and writes users and their sealed GitHub tokens. */
export class UserRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Creates or updates the user with this GitHub id and stores their sealed token, atomically.
   *
   * @returns the user and whether it was created now.
   */
  async saveSignIn(
    profile: UserProfile,
    sealed: SealedToken,
  ): Promise<{ user: User; created: boolean }> {
    return withDatabase(async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.inTransaction((connection) =>
            this.saveSignInOnce(connection, profile, sealed),
          );
        } catch (error) {
          const errno = (error as { errno?: number }).errno;
          if (attempt >= 3 || (errno !== ER_DUP_ENTRY && errno !== ER_LOCK_DEADLOCK)) throw error;
        }
      }
    });
  }

  /** Finds a user by our id, or `undefined`. */
  async findById(id: number): Promise<User | undefined> {
    return withDatabase(async () => {
      const [rows] = await this.pool.execute<UserRow[]>(
        statement(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`),
        [id],
      );
      return rows[0] ? toUser(rows[0]) : undefined;
    });
  }

  /** The sealed token of a user, or `undefined` when none is stored. */
  async findSealedToken(userId: number): Promise<SealedToken | undefined> {
    return withDatabase(async () => {
      const [rows] = await this.pool.execute<TokenRow[]>(
        statement(
          'SELECT key_id, nonce, ciphertext, auth_tag FROM github_tokens WHERE user_id = ?',
        ),
        [userId],
      );
      return rows[0] ? toSealedToken(rows[0]) : undefined;
    });
  }

  /** Deletes a user; their token and cached lists go with them. @returns whether one existed. */
  async delete(userId: number): Promise<boolean> {
    return withDatabase(async () => {
      const [result] = await this.pool.execute(statement('DELETE FROM users WHERE id = ?'), [
        userId,
      ]);
      return (result as { affectedRows: number }).affectedRows > 0;
    });
  }

  /**
   * A batch of stored tokens not sealed under `keyId`, in user order after `afterUserId`, for
   * re-encryption.
   */
  async findTokensNotUnder(
    keyId: string,
    afterUserId: number,
    limit: number,
  ): Promise<{ userId: number; githubId: number; sealed: SealedToken }[]> {
    return withDatabase(async () => {
      const [rows] = await this.pool.query<(TokenRow & { user_id: number; github_id: number })[]>(
        statement(`SELECT t.user_id, u.github_id, t.key_id, t.nonce, t.ciphertext, t.auth_tag
         FROM github_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.key_id <> ? AND t.user_id > ? ORDER BY t.user_id LIMIT ?`),
        [keyId, afterUserId, limit],
      );
      return rows.map((row) => ({
        userId: Number(row.user_id),
        githubId: Number(row.github_id),
        sealed: toSealedToken(row),
      }));
    });
  }

  /**
   * Replaces a stored token only if it is still sealed under `expectedKeyId`, so a concurrent
   * sign-in that stored a newer token is never overwritten. @returns whether it was replaced.
   */
  async replaceToken(userId: number, expectedKeyId: string, sealed: SealedToken): Promise<boolean> {
    return withDatabase(async () => {
      const [result] = await this.pool.execute(
        statement(`UPDATE github_tokens SET key_id = ?, nonce = ?, ciphertext = ?, auth_tag = ?
         WHERE user_id = ? AND key_id = ?`),
        [sealed.keyId, sealed.nonce, sealed.ciphertext, sealed.authTag, userId, expectedKeyId],
      );
      return (result as { affectedRows: number }).affectedRows > 0;
    });
  }

  private async saveSignInOnce(
    connection: PoolConnection,
    profile: UserProfile,
    sealed: SealedToken,
  ): Promise<{ user: User; created: boolean }> {
    const now = new Date();
    const [existing] = await connection.execute<UserRow[]>(
      statement(`SELECT ${USER_COLUMNS} FROM users WHERE github_id = ? FOR UPDATE`),
      [profile.githubId],
    );
    const found = existing[0];
    let userId: number;

    if (found) {
      userId = Number(found.id);
      await connection.execute(
        statement('UPDATE users SET login = ?, email = ?, updated_at = ? WHERE id = ?'),
        [profile.login, profile.email === undefined ? found.email : profile.email, now, userId],
      );
    } else {
      const [result] = await connection.execute(
        statement(`INSERT INTO users (github_id, login, email, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`),
        [profile.githubId, profile.login, profile.email ?? null, now, now],
      );
      userId = (result as { insertId: number }).insertId;
    }

    await connection.execute(
      statement(`INSERT INTO github_tokens (user_id, key_id, nonce, ciphertext, auth_tag, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE key_id = VALUES(key_id), nonce = VALUES(nonce),
         ciphertext = VALUES(ciphertext), auth_tag = VALUES(auth_tag),
         updated_at = VALUES(updated_at)`),
      [userId, sealed.keyId, sealed.nonce, sealed.ciphertext, sealed.authTag, now],
    );
    const email = profile.email === undefined ? (found?.email ?? null) : profile.email;
    const user = {
      id: userId,
      githubId: profile.githubId,
      login: profile.login,
      email,
      createdAt: found ? found.created_at : now,
    };

    return { user, created: !found };
  }

  private async inTransaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();

    try {
      // The pool runs every connection at READ COMMITTED (see createDatabasePool).
      await connection.beginTransaction();
      const result = await work(connection);
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }
}
