import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src-app/config.js';
import { createLogger } from '../../src-app/logger.js';
import { startServer, type RunningServer } from '../../src-app/server.js';
import { FakeGitHub } from './fake-github.js';
import { testDatabase } from './test-database.js';

/** A running app wired to the run's test database and its own fake GitHub. */
export interface TestApp {
  readonly url: string;
  readonly github: FakeGitHub;
  readonly config: Config;
  readonly running: RunningServer;
  /** Every log line the app wrote, as text. */
  readonly logLines: string[];
  stop(): Promise<void>;
}

/** Fresh secrets for one test app, in the form the environment takes them. */
export function testSecrets(): Record<string, string> {
  return {
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_KEYS: randomBytes(32).toString('hex'),
  };
}

/** Starts the app as the entry point does (migrations included) on a free port. */
export async function startTestApp(environment: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const github = await new FakeGitHub().start();
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  let config: Config;
  let running: RunningServer;
  try {
    config = loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      GITHUB_API_URL: github.url,
      GITHUB_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
      SIGN_IN_RATE_LIMIT: '1000',
      ...testSecrets(),
      ...environment,
    });
    running = await startServer(config, createLogger({ level: config.logLevel, destination }));
  } catch (error) {
    // An app that fails to start must not leave its fake GitHub listening.
    await github.stop();
    throw error;
  }

  return {
    url: `http://127.0.0.1:${running.port}`,
    github,
    config,
    running,
    logLines,
    async stop() {
      await running.stop();
      await github.stop();
    },
  };
}

/** An HTTP client that keeps cookies between requests, like a browser. */
export class ApiClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** Sends a request; a plain object body is sent as JSON. */
  async request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set(
        'cookie',
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      );
    }
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, method, headers });

    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Sends `body` as JSON. */
  async json(method: string, path: string, body: unknown): Promise<Response> {
    return this.request(method, path, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** The cookies the client holds now. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** A response's JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}
