import type { Pool, RowDataPacket } from 'mysql2/promise';
import { withDatabase } from './database-error.js';
import { statement } from './pool.js';

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

  /** The cached list of `userId` for `listKey`, or `undefined`. */
  async find(userId: number, listKey: string): Promise<CachedList | undefined> {
    return withDatabase(async () => {
      const [rows] = await this.pool.execute<ListRow[]>(
        statement(`SELECT list_key, notifications, last_modified, poll_interval_seconds, fetched_at
         FROM notification_lists WHERE user_id = ? AND list_key = ?`),
        [userId, listKey],
      );
      return rows[0] ? toCachedList(rows[0]) : undefined;
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
