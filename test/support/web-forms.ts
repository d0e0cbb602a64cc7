import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FakeThread } from './fake-github.js';
import { ApiClient, type TestApp } from './test-app.js';

// Account ids start far above the ones other test files choose: every file of a run shares one
// database, where a GitHub account id names one user, so a shared id would share cached lists.
let nextAccountId = 7_000_000;

/** A GitHub account made in the fake for one test. */
export interface WebAccount {
  /** The classic token that signs the account in. */
  readonly token: string;
  readonly login: string;
  /** The ids of its threads, in the order they were given. */
  readonly threadIds: readonly string[];
}

/**
 * Registers a fresh account in the fake GitHub with `threads`, each given a numeric id.
 *
 * @param login the account's login @default `person` and its numeric id
 */
export function addAccountWithThreads(
  app: TestApp,
  threads: readonly Omit<FakeThread, 'id'>[] = [],
  login = `person${nextAccountId + 1}`,
): WebAccount {
  nextAccountId += 1;
  const token = `ghp_${randomBytes(18).toString('hex')}`;
  app.github.addAccount({ token, id: nextAccountId, login });

  const threadIds = threads.map((thread, index) => {
    const id = String(nextAccountId * 100 + index);
    app.github.addThread(token, { ...thread, id });
    return id;
  });
  return { token, login, threadIds };
}

/** The anti-forgery token of the first form in a page. */
export function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  assert.ok(match, 'the page has no _csrf field');
  return match[1] as string;
}

/** Posts `fields` as a web form, as a browser would, without following the redirect. */
export async function postForm(
  client: ApiClient,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return client.request('POST', path, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Loads a page and returns its HTML, failing unless it answers `status`. */
export async function pageOf(client: ApiClient, path: string, status = 200): Promise<string> {
  const response = await client.request('GET', path, { redirect: 'manual' });
  const body = await response.text();

  assert.equal(response.status, status, `GET ${path}`);
  return body;
}

/** Signs `account` in through the home page's form and returns a client holding the session. */
export async function signInWithForm(app: TestApp, account: WebAccount): Promise<ApiClient> {
  const client = new ApiClient(app.url);
  const csrf = csrfOf(await pageOf(client, '/'));

  const response = await postForm(client, '/session', { _csrf: csrf, token: account.token });

  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/notifications');
  return client;
}
