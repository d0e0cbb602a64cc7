import type { Notification } from '../../github/notification.js';
import { html, type SafeHtml } from '../html.js';
import { relativeTime } from '../relative-time.js';
import { layout } from './layout.js';

/** Which list the page shows. */
export interface PageFilter {
  readonly all: boolean;
  readonly participating: boolean;
}

/** Everything the notifications page shows. */
export interface NotificationsPageOptions {
  readonly login: string;
  readonly csrf: string;
  readonly filter: PageFilter;
  readonly notifications: readonly Notification[];
  readonly fetchedAt: Date;
  readonly now?: Date;
}

/** GitHub's subject types, said the way a person would. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  PullRequest: 'Pull request',
  Issue: 'Issue',
  Commit: 'Commit',
  Release: 'Release',
  Discussion: 'Discussion',
  CheckSuite: 'Checks',
  RepositoryVulnerabilityAlert: 'Security alert',
};

/** GitHub's reasons, said the way a person would. */
const REASON_LABELS: Readonly<Record<string, string>> = {
  assign: 'assigned',
  author: 'you opened it',
  comment: 'you commented',
  mention: 'mentioned',
  review_requested: 'review requested',
  team_mention: 'team mentioned',
  state_change: 'state changed',
  subscribed: 'watching',
  manual: 'subscribed',
  security_alert: 'security alert',
  ci_activity: 'CI activity',
};

function filterHref(filter: PageFilter): string {
  const query = new URLSearchParams();
  if (filter.all) query.set('all', 'true');
  if (filter.participating) query.set('participating', 'true');
  const text = query.toString();
  return text ? `/notifications?${text}` : '/notifications';
}

function groupByRepository(notifications: readonly Notification[]): Map<string, Notification[]> {
  const groups = new Map<string, Notification[]>();
  for (const notification of notifications) {
    const group = groups.get(notification.repository) ?? [];
    group.push(notification);
    groups.set(notification.repository, group);
  }
  return groups;
}

/**
 * Unread and All choose the list; Participating narrows either one, so it is a separate switch
 * that links to the same list with the narrowing turned the other way.
 */
function filterBar(filter: PageFilter): SafeHtml {
  const tab = (label: string, target: PageFilter) => {
    const current = target.all === filter.all && target.participating === filter.participating;
    return html`<a
      href="${filterHref(target)}"
      class="tab"
      ${current ? html`aria-current="page"` : ''}
      >${label}</a
    >`;
  };
  const participating = { all: filter.all, participating: !filter.participating };

  return html`<nav class="filters" aria-label="Filter">
    ${tab('Unread', { all: false, participating: filter.participating })}
    ${tab('All', { all: true, participating: filter.participating })}
    <a
      href="${filterHref(participating)}"
      class="${filter.participating ? 'tab toggle on' : 'tab toggle'}"
      >${filter.participating ? 'Participating ✓' : 'Participating'}</a
    >
  </nav>`;
}

function item(notification: Notification, csrf: string, back: string, now: Date): SafeHtml {
  const updated = new Date(notification.updatedAt);
  // The button's name starts with its visible words, so saying "Mark read" to voice control finds
  // it; the hidden title then tells a screen reader which thread it marks.
  const markRead = notification.unread
    ? html`<form method="post" action="/notifications/threads/${notification.id}/read">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <input type="hidden" name="back" value="${back}" />
        <button type="submit" class="small">
          Mark read<span class="visually-hidden">: ${notification.title}</span>
        </button>
      </form>`
    : '';

  return html`<li class="${notification.unread ? 'thread unread' : 'thread'}">
    <span class="marker" aria-hidden="true"></span>
    <div class="body">
      <a href="${notification.url}" class="title" rel="noopener noreferrer">
        ${notification.title}</a
      >
      ${notification.unread ? html`<span class="visually-hidden">(unread)</span>` : ''}
      <p class="meta">
        <span class="type">${TYPE_LABELS[notification.type] ?? notification.type}</span> ·
        <span class="reason">${REASON_LABELS[notification.reason] ?? notification.reason}</span> ·
        <time datetime="${notification.updatedAt}">${relativeTime(updated, now)}</time>
      </p>
    </div>
    ${markRead}
  </li>`;
}

/** The notifications page: threads grouped by repository, with filters and read actions. */
export function notificationsPage(options: NotificationsPageOptions): SafeHtml {
  const now = options.now ?? new Date();
  const back = filterHref(options.filter);
  const groups = groupByRepository(options.notifications);
  const unread = options.notifications.filter((notification) => notification.unread).length;
  const markAll =
    unread > 0
      ? html`<form method="post" action="/notifications/read-all">
          <input type="hidden" name="_csrf" value="${options.csrf}" />
          <input type="hidden" name="back" value="${back}" />
          <button type="submit">Mark all as read</button>
        </form>`
      : '';
  const list =
    groups.size === 0
      ? html`<p class="empty">
          ${options.filter.all ? 'No notifications.' : 'All caught up: nothing unread.'}
        </p>`
      : [...groups].map(
          ([repository, threads]) =>
            html`<section class="repository" aria-label="${repository}">
              <h2><a href="https://github.com/${repository}">${repository}</a></h2>
              <ul class="threads">
                ${threads.map((notification) => item(notification, options.csrf, back, now))}
              </ul>
            </section>`,
        );

  return layout(
    { title: 'Notifications', signedIn: { login: options.login, csrf: options.csrf } },
    html`<div class="toolbar">
        <h1>Notifications <span class="count">${unread} unread</span></h1>
        ${markAll}
      </div>
      ${filterBar(options.filter)} ${list}
      <p class="fetched">
        Checked with GitHub
        <time datetime="${options.fetchedAt.toISOString()}">
          ${relativeTime(options.fetchedAt, now)}</time
        >.
      </p>`,
  );
}
