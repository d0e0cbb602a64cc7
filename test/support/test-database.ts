import { randomBytes } from 'node:crypto';
import {
  connectToServer,
  serverAnswers,
  startThrowawayServer,
  type ThrowawayServer,
} from './mysql-server.js';

/** The address tried first when `DATABASE_URL` is not set: a local server with root, no password. */
const DEFAULT_SERVER_URL = 'mysql://root@127.0.0.1:3306/';

/** A database made for this test run alone, on a server that answers. */
export interface TestDatabase {
  /** `mysql://…/<database>` for the app under test. */
  readonly url: string;
  readonly name: string;
  /** Where the server came from. */
  readonly source: 'configured' | 'throwaway';
}

let pending: Promise<TestDatabase> | undefined;
let throwaway: ThrowawayServer | undefined;
let created: { serverUrl: string; name: string } | undefined;
const extras: string[] = [];

function serverUrlOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/';
  return parsed.toString();
}

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `notifications_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const connection = await connectToServer(serverUrl);

  try {
    await connection.query(
      `CREATE DATABASE ${connection.escapeId(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
  return name;
}

async function prepare(): Promise<TestDatabase> {
  const configured = process.env.DATABASE_URL;
  let serverUrl = serverUrlOf(configured ?? DEFAULT_SERVER_URL);
  let source: TestDatabase['source'] = 'configured';

  if (!(await serverAnswers(serverUrl))) {
    const where = configured ? 'DATABASE_URL' : DEFAULT_SERVER_URL;
    console.log(`    (no database server answers at ${where}; starting a throwaway one)`);
    throwaway = await startThrowawayServer();
    serverUrl = throwaway.url;
    source = 'throwaway';
  }

  const name = await createDatabase(serverUrl);
  created = { serverUrl, name };
  return { url: `${serverUrl}${name}`, name, source };
}

/**
 * The test run's own database: on the server at `DATABASE_URL` (or a local default) when it
 * answers, otherwise on a throwaway server started from the binaries on PATH. Made once per run.
 */
export function testDatabase(): Promise<TestDatabase> {
  pending ??= prepare();
  return pending;
}

/**
 * Another empty database on the run's server, for tests that must see only their own rows
 * (every app started by {@link testDatabase}'s users shares the run's database). Dropped with it.
 */
export async function freshDatabase(): Promise<string> {
  const { url } = await testDatabase();
  const serverUrl = serverUrlOf(url);
  const name = await createDatabase(serverUrl);
  extras.push(name);
  return `${serverUrl}${name}`;
}

/** Drops the run's database and stops a throwaway server, if either was made. */
export async function releaseTestDatabase(): Promise<void> {
  if (created && !throwaway) {
    const connection = await connectToServer(created.serverUrl);
    for (const name of [created.name, ...extras]) {
      await connection.query(`DROP DATABASE IF EXISTS ${connection.escapeId(name)}`);
    }
    await connection.end();
  }
  await throwaway?.destroy();
  pending = undefined;
  throwaway = undefined;
  created = undefined;
  extras.length = 0;
}
