/** One notification thread, reduced to what a person needs to decide what to open. */
export interface Notification {
  readonly id: string;
  readonly repository: string;
  readonly title: string;
  /** GitHub's subject type: Issue, PullRequest, Commit, Release, Discussion, … */
  readonly type: string;
  /** Why it reached the person: mention, review_requested, subscribed, … */
  readonly reason: string;
  readonly unread: boolean;
  readonly updatedAt: string;
  /** Where the thread opens in a browser. */
  readonly url: string;
}

/** A thread as GitHub's `GET /notifications` returns it (the fields the app reads). */
export interface NotificationThread {
  id: string;
  unread: boolean;
  reason: string;
  updated_at: string;
  subject: { title: string; url: string | null; type: string };
  repository: { full_name: string; html_url: string };
}

/** API paths whose browser path differs only in the kind segment. */
const BROWSER_KINDS: Readonly<Record<string, string>> = {
  issues: 'issues',
  pulls: 'pull',
  commits: 'commit',
  discussions: 'discussions',
};

/**
 * Turns a subject's API URL (`…/repos/{owner}/{repo}/pulls/{n}`) into the page a person opens.
 * Subjects without a URL, or of kinds whose API id is not the page id (releases), open the
 * repository.
 */
export function browserUrlOf(thread: NotificationThread): string {
  const match = thread.subject.url?.match(/\/repos\/([^/]+\/[^/]+)\/([a-z]+)\/([^/?#]+)$/);
  const kind = match ? BROWSER_KINDS[match[2] as string] : undefined;

  if (!match || !kind) return thread.repository.html_url;
  return `${new URL(thread.repository.html_url).origin}/${match[1]}/${kind}/${match[3]}`;
}

/** Reduces a GitHub thread to a {@link Notification}. */
export function toNotification(thread: NotificationThread): Notification {
  return {
    id: thread.id,
    repository: thread.repository.full_name,
    title: thread.subject.title,
    type: thread.subject.type,
    reason: thread.reason,
    unread: thread.unread,
    updatedAt: thread.updated_at,
    url: browserUrlOf(thread),
  };
}
