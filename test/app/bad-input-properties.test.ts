import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

/** Values shaped like attacks and mistakes, mixed into the generated input. */
const NASTY_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '🚀'.repeat(300),
  'x'.repeat(70_000),
  '__proto__',
  'constructor',
  '{"$gt": ""}',
];

const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(...NASTY_STRINGS),
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.record(
    {
      token: fc.oneof(nastyString, fc.jsonValue({ maxDepth: 2 })),
      email: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);
const rawBody = fc.oneof(
  jsonValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  nastyString.map((text) => Buffer.from(text)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('all', 'participating', 'since', 'page'), nastyString),
      nastyString,
    ),
    {
      maxLength: 4,
    },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

describe('bad input, generated', function () {
  this.timeout(180_000);
  let app: TestApp;
  let client: ApiClient;

  before(async () => {
    app = await startTestApp({ SIGN_IN_RATE_LIMIT: '100000' });
    app.github.addAccount({ token: 'ghp_fuzz', id: 4040, login: 'fuzz' });
    client = new ApiClient(app.url);
    assert.equal((await client.json('POST', '/api/session', { token: 'ghp_fuzz' })).status, 201);
  });

  after(async () => {
    await app.stop();
  });

  function assertClientError(response: Response, what: string): void {
    assert.ok(response.status < 500, `${what} answered ${response.status}`);
  }

  it('never answers 5xx to 1,000 generated sign-in bodies', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        const response = await fetch(`${app.url}/api/session`, {
          method: 'POST',
          headers: type ? { 'content-type': type } : {},
          body,
        });
        await response.arrayBuffer();

        assertClientError(
          response,
          `POST /api/session ${type} ${body.subarray(0, 60).toString('hex')}`,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('never answers 5xx to 1,000 generated query strings and thread ids', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, nastyString, async (query, threadId) => {
        const list = await client.request('GET', `/api/me/notifications?${query}`);
        const page = await client.request('GET', `/notifications?${query}`);
        const mark = await client.request(
          'PATCH',
          `/api/me/notifications/threads/${encodeURIComponent(threadId.toWellFormed())}`,
        );
        await Promise.all([list.arrayBuffer(), page.arrayBuffer(), mark.arrayBuffer()]);

        assertClientError(list, `GET /api/me/notifications?${query}`);
        assertClientError(page, `GET /notifications?${query}`);
        assertClientError(mark, `PATCH thread ${threadId}`);
        assert.ok([200, 400, 414, 431].includes(list.status), `list ${list.status}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never answers 5xx to 1,000 generated form posts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(fc.constantFrom('token', 'email', '_csrf', 'back'), nastyString),
          nastyString,
          {
            maxKeys: 4,
          },
        ),
        fc.constantFrom(
          '/session',
          '/signout',
          '/notifications/read-all',
          '/notifications/threads/1/read',
        ),
        async (fields, path) => {
          const response = await client.request('POST', path, {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(fields).toString(),
            redirect: 'manual',
          });
          await response.arrayBuffer();

          assertClientError(response, `POST ${path}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
