import type { CachedList, NotificationCache } from '../db/notification-cache.js';
import type { User } from '../db/user-repository.js';
import type { GitHubClient, NotificationFilter } from '../github/github-client.js';
import type { Notification } from '../github/notification.js';
import type { Metrics } from '../metrics.js';

/** A notification list as served, with where it came from. */
export interface ServedList {
  /** The notifications as a JSON array, ready to send; see {@link parseNotifications}. */
  readonly notificationsJson: string;
  /** When GitHub last confirmed this list. */
  readonly fetchedAt: Date;
  /** `cache` when GitHub was not asked, or answered 304. */
  readonly source: 'github' | 'cache';
}

/** The notifications of a {@link ServedList}, for callers that render rather than forward them. */
export function parseNotifications(json: string): Notification[] {
  return JSON.parse(json) as Notification[];
}

/** The cache key of a filter; lists bounded by `since` are not cached. */
export function listKeyOf(filter: NotificationFilter): string | undefined {
  if (filter.since) return undefined;
  return `${filter.all ? 'all' : 'unread'}${filter.participating ? '+participating' : ''}`;
}

/**
 * Serves a user's notifications the way GitHub asks clients to poll: not before the
 * `X-Poll-Interval` it gave has passed, and then conditionally, with `If-Modified-Since`.
 */
export class NotificationService {
  constructor(
    private readonly github: GitHubClient,
    private readonly cache: NotificationCache,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The threads of user `userId` matching `filter`, from the cache while it is fresh, with the
   * user they belong to. A fresh list costs one database read and decrypts nothing: `tokenOf` is
   * asked only when GitHub must be called.
   *
   * @returns `undefined` when the user no longer exists.
   */
  async listFor(
    userId: number,
    filter: NotificationFilter,
    tokenOf: (user: User) => Promise<string>,
  ): Promise<{ user: User; list: ServedList } | undefined> {
    const listKey = listKeyOf(filter);
    const found = await this.cache.findWithUser(userId, listKey);
    if (!found) return undefined;

    const list = await this.serve(found.user, listKey, found.list, filter, () =>
      tokenOf(found.user),
    );
    return { user: found.user, list };
  }

  /** Answers from `cached` while GitHub's poll interval runs, else asks GitHub conditionally. */
  private async serve(
    user: User,
    listKey: string | undefined,
    cached: CachedList | undefined,
    filter: NotificationFilter,
    token: () => Promise<string>,
  ): Promise<ServedList> {
    const now = new Date();

    if (cached && now.getTime() < cached.fetchedAt.getTime() + cached.pollIntervalSeconds * 1000) {
      this.metrics.cacheLookups.inc({ result: 'hit' });
      return {
        notificationsJson: cached.notificationsJson,
        fetchedAt: cached.fetchedAt,
        source: 'cache',
      };
    }

    const listing = await this.github.listNotifications(
      await token(),
      filter,
      cached?.lastModified ?? undefined,
    );
    if (!listing.modified && cached && listKey) {
      this.metrics.cacheLookups.inc({ result: 'hit' });
      await this.cache.touch(user.id, listKey, listing.pollIntervalSeconds, now);
      return { notificationsJson: cached.notificationsJson, fetchedAt: now, source: 'cache' };
    }

    this.metrics.cacheLookups.inc({ result: 'miss' });
    const notificationsJson = JSON.stringify(listing.modified ? listing.notifications : []);
    if (listKey && listing.modified) {
      await this.cache.save(user.id, {
        listKey,
        notificationsJson,
        lastModified: listing.lastModified ?? null,
        pollIntervalSeconds: listing.pollIntervalSeconds,
        fetchedAt: now,
      });
    }
    return { notificationsJson, fetchedAt: now, source: 'github' };
  }

  /** Marks one thread read on GitHub and in every cached list of the user at once. */
  async markRead(user: User, token: string, threadId: string): Promise<void> {
    await this.github.markThreadRead(token, threadId);
    await this.updateCachedLists(user, (notification) => notification.id === threadId);
  }

  /** Marks every thread read on GitHub and in every cached list of the user at once. */
  async markAllRead(user: User, token: string): Promise<void> {
    await this.github.markAllRead(token, new Date());
    await this.updateCachedLists(user, () => true);
  }

  /**
   * Applies a read to the cached lists: lists of unread threads drop the threads, lists of all
   * threads keep them, marked read.
   */
  private async updateCachedLists(
    user: User,
    isRead: (notification: Notification) => boolean,
  ): Promise<void> {
    for (const list of await this.cache.findAll(user.id)) {
      const unreadOnly = !list.listKey.startsWith('all');
      const notifications = parseNotifications(list.notificationsJson)
        .filter((notification) => !(unreadOnly && isRead(notification)))
        .map((notification) =>
          isRead(notification) ? { ...notification, unread: false } : notification,
        );
      await this.cache.save(user.id, { ...list, notificationsJson: JSON.stringify(notifications) });
    }
  }
}
