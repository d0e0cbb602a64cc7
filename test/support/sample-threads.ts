import type { FakeThread } from './fake-github.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A realistic morning's notifications: seven threads across three repositories, some read, with
 * the kinds and reasons a developer typically sees. Times are relative to `now`, so the page
 * shows "12 minutes ago" rather than a date that ages.
 */
export function sampleThreads(now: Date = new Date()): Omit<FakeThread, 'id'>[] {
  const ago = (milliseconds: number) => new Date(now.getTime() - milliseconds);

  return [
    {
      repository: 'acme/storefront',
      title: 'Checkout fails when the basket holds a gift card and a discount code',
      type: 'Issue',
      reason: 'assign',
      subjectPath: 'issues/1287',
      updatedAt: ago(12 * MINUTE),
    },
    {
      repository: 'acme/storefront',
      title: 'Move product search to the new index',
      type: 'PullRequest',
      reason: 'review_requested',
      subjectPath: 'pulls/1291',
      updatedAt: ago(47 * MINUTE),
    },
    {
      repository: 'acme/storefront',
      title: 'Bump sharp from 0.33.4 to 0.33.5',
      type: 'PullRequest',
      reason: 'subscribed',
      unread: false,
      subjectPath: 'pulls/1284',
      updatedAt: ago(5 * HOUR),
    },
    {
      repository: 'acme/design-system',
      title: 'Button: focus ring is invisible on the dark header',
      type: 'Issue',
      reason: 'mention',
      subjectPath: 'issues/342',
      updatedAt: ago(2 * HOUR),
    },
    {
      repository: 'acme/design-system',
      title: 'v4.2.0',
      type: 'Release',
      reason: 'subscribed',
      unread: false,
      subjectPath: 'releases/170055',
      updatedAt: ago(DAY + 3 * HOUR),
    },
    {
      repository: 'octocat/dotfiles',
      title: 'Use XDG paths for the shell history',
      type: 'PullRequest',
      reason: 'author',
      subjectPath: 'pulls/58',
      updatedAt: ago(3 * DAY),
    },
    {
      repository: 'octocat/dotfiles',
      title: 'Which terminal font do you use with this setup?',
      type: 'Discussion',
      reason: 'comment',
      unread: false,
      subjectPath: 'discussions/61',
      updatedAt: ago(9 * DAY),
    },
  ];
}
