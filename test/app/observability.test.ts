import assert from 'node:assert/strict';
import { ApiClient, jsonOf, startTestApp, type TestApp } from '../support/test-app.js';

describe('observability', () => {
  let app: TestApp;
  const token = 'ghp_metrics_0001';

  before(async () => {
    app = await startTestApp();
    app.github.addAccount({ token, id: 8080, login: 'metrics' });
    app.github.addThread(token, { id: '1', repository: 'a/b', title: 't', type: 'Issue' });
  });

  after(async () => {
    await app.stop();
  });

  async function metricsText(): Promise<string> {
    const response = await fetch(`${app.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    return response.text();
  }

  function sample(text: string, pattern: RegExp): number {
    const line = text.split('\n').find((candidate) => pattern.test(candidate));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('counts requests by route and status, GitHub calls by outcome, and cache hits', async () => {
    const client = new ApiClient(app.url);
    await client.json('POST', '/api/session', { token });
    await client.request('GET', '/api/me/notifications');
    await client.request('GET', '/api/me/notifications');
    await client.json('POST', '/api/session', { token: 'ghp_unknown' });

    const text = await metricsText();

    assert.ok(
      sample(
        text,
        /^http_request_duration_seconds_count\{method="GET",route="\/api\/me\/notifications",status="200"\}/,
      ) >= 2,
    );
    assert.ok(sample(text, /^github_calls_total\{operation="list",outcome="200"\}/) >= 1);
    assert.ok(sample(text, /^github_calls_total\{operation="account",outcome="401"\}/) >= 1);
    assert.ok(sample(text, /^notifications_cache_lookups_total\{result="hit"\}/) >= 1);
    assert.ok(sample(text, /^notifications_cache_lookups_total\{result="miss"\}/) >= 1);
    assert.match(text, /^db_pool_connections\{state="idle"\} \d+/m);
    assert.match(text, /^db_pool_connections\{state="in_use"\} \d+/m);
    assert.match(text, /^process_resident_memory_bytes \d+/m);
  });

  it('labels unknown paths together, so ids in paths cannot multiply series', async () => {
    await fetch(`${app.url}/no/such/path/12345`);

    const text = await metricsText();

    assert.match(text, /route="unmatched",status="404"/);
    assert.doesNotMatch(text, /12345/);
  });

  it('keeps an incoming X-Request-Id and puts it in the error body and every log line', async () => {
    const requestId = 'trace-abc-123';

    const response = await fetch(`${app.url}/api/me`, { headers: { 'X-Request-Id': requestId } });

    assert.equal(response.headers.get('x-request-id'), requestId);
    assert.equal((await jsonOf(response)).requestId, requestId);
    const lines = app.logLines.filter((line) => line.includes(requestId));
    assert.ok(lines.length >= 2, 'a rejection line and a finished line');
    const finished = JSON.parse(lines.find((line) => line.includes('request finished')) ?? '{}');
    assert.equal(finished.requestId, requestId);
    assert.equal(finished.status, 401);
    assert.equal(finished.route, '/api/me');
    assert.equal(finished.code, undefined, 'fields of one line never leak into the next');
    const rejected = JSON.parse(lines.find((line) => line.includes('request rejected')) ?? '{}');
    assert.equal(rejected.requestId, requestId, 'lines logged inside the request carry it too');
  });

  it('makes a request id when the incoming one is missing or unsafe', async () => {
    const response = await fetch(`${app.url}/healthz`, {
      headers: { 'X-Request-Id': 'bad id\twith spaces' },
    });

    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});
