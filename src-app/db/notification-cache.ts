import type { Pool, RowDataPacket } from 'mysql2/promise';
import { withDatabase } from './database-error.js';
import { statement } from './pool.js';
import { toUser, type User, type UserRow } from './user-repository.js';

/** A notification list as last fetched from GitHub for one user and filter. */
export interface CachedList {
  readonly listKey: string;
  /**
   * The notifications as the JSON array text that is stored and served, so a cache hit is
   * answered without parsing and serializing it again.
   */
  readonly notificationsJson: string;
  /** GitHub's `Last-Modified`, sent back as `If-Modified-Since`. */
  readonly lastModified: string | null;
  readonly pollIntervalSeconds: number;
  readonly fetchedAt: Date;
}

interface ListRow extends RowDataPacket {
  list_key: string;
  notifications: string;
  last_modified: string | null;
  poll_interval_seconds: number;
  fetched_at: Date;
}

/** A user and one of their cached lists, read together. */
export interface UserWithList {
  readonly user: User;
  /** `undefined` when nothing is cached for the list asked for. */
  readonly list: CachedList | undefined;
}

type UserWithListRow = UserRow & { [Column in keyof ListRow]: ListRow[Column] | null };

function toCachedList(row: ListRow): CachedList {
  return {
    listKey: row.list_key,
    notificationsJson: row.notifications,
    lastModified: row.last_modified,
    pollIntervalSeconds: Number(row.poll_interval_seconds),
    fetchedAt: row.fetched_at,
  };
}

/**
 * Keeps each user's notification lists in the database, so every replica of the app serves the
 * same list and a thread marked read on one is read on all. Never shared between users.
 */
export class NotificationCache {
  constructor(private readonly pool: Pool) {}

  /**
   * The user `userId` and, for a `listKey`, their cached list of it, in one read: serving a fresh
   * list then costs a single round trip. `undefined` when the user does not exist (any more).
   */
  async findWithUser(
    userId: number,
    listKey: string | undefined,
  ): Promise<UserWithList | undefined> {
    return withDatabase(async () => {
      const [rows] = await this.pool.execute<UserWithListRow[]>(
        statement(`SELECT u.id, u.github_id, u.login, u.email, u.created_at,
           l.list_key, l.notifications, l.last_modified, l.poll_interval_seconds, l.fetched_at
         FROM users u
         LEFT JOIN notification_lists l ON l.user_id = u.id AND l.list_key = ?
         WHERE u.id = ?`),
        [listKey ?? null, userId],
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        user: toUser(row),
        list: row.list_key === null ? undefined : toCachedList(row as UserRow & ListRow),
      };
    });
  }

  /** Every cached list of `userId`. */
  async findAll(userId: number): Promise<CachedList[]> {
    return withDatabase(async () => {
      const [rows] = await this.pool.execute<ListRow[]>(
        statement(`SELECT list_key, notifications, last_modified, poll_interval_seconds, fetched_at
         FROM notification_lists WHERE user_id = ?`),
        [userId],
      );
      return rows.map(toCachedList);
    });
  }

  /** Stores or replaces a list. */
  async save(userId: number, list: CachedList): Promise<void> {
    await withDatabase(() =>
      this.pool.execute(
        statement(`INSERT INTO notification_lists
           (user_id, list_key, notifications, last_modified, poll_interval_seconds, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE notifications = VALUES(notifications),
           last_modified = VALUES(last_modified),
           poll_interval_seconds = VALUES(poll_interval_seconds),
           fetched_at = VALUES(fetched_at)`),
        [
          userId,
          list.listKey,
          list.notificationsJson,
          list.lastModified,
          list.pollIntervalSeconds,
          list.fetchedAt,
        ],
      ),
    );
  }

  /** Records that GitHub confirmed a list unchanged (a 304), restarting its poll interval. */
  async touch(
    userId: number,
    listKey: string,
    pollIntervalSeconds: number,
    at: Date,
  ): Promise<void> {
    await withDatabase(() =>
      this.pool.execute(
        statement(`UPDATE notification_lists SET fetched_at = ?, poll_interval_seconds = ?
         WHERE user_id = ? AND list_key = ?`),
        [at, pollIntervalSeconds, userId, listKey],
      ),
    );
  }
}
