import assert from 'node:assert/strict';
import { createConnection } from 'mysql2/promise';
import { listMigrationFiles, migrateDatabase } from '../../src-app/db/migrator.js';
import { createLogger } from '../../src-app/logger.js';
import { connectToServer } from '../support/mysql-server.js';
import { testDatabase } from '../support/test-database.js';

describe('migrateDatabase', () => {
  const logger = createLogger({ level: 'silent' });
  let serverUrl: string;
  const scratch = `notifications_migrate_${process.pid}`;

  before(async () => {
    const database = await testDatabase();
    serverUrl = database.url.slice(0, database.url.lastIndexOf('/') + 1);
  });

  after(async () => {
    const connection = await connectToServer(serverUrl);
    await connection.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await connection.end();
  });

  it('creates a missing database in utf8mb4 and applies every migration once', async () => {
    const url = `${serverUrl}${scratch}`;

    const first = await migrateDatabase({ database: { url }, logger });
    const second = await migrateDatabase({ database: { url }, logger });

    assert.deepEqual(first, await listMigrationFiles());
    assert.deepEqual(second, []);
    const connection = await createConnection(url);
    try {
      const [tables] = await connection.query(
        `SELECT table_name AS name, table_collation AS collation
         FROM information_schema.tables WHERE table_schema = ?`,
        [scratch],
      );
      for (const table of tables as { name: string; collation: string }[]) {
        assert.match(table.collation, /^utf8mb4_/, table.name);
      }
      await connection.query('INSERT INTO users (github_id, login, email) VALUES (1, ?, ?)', [
        'emoji',
        '🚀@example.com',
      ]);
      const [rows] = await connection.query('SELECT email FROM users WHERE github_id = 1');
      assert.equal((rows as { email: string }[])[0]?.email, '🚀@example.com');
    } finally {
      await connection.end();
    }
  });

  it('lets concurrent starts migrate one at a time', async () => {
    const url = `${serverUrl}${scratch}_race`;

    try {
      const results = await Promise.all(
        [1, 2, 3].map(() => migrateDatabase({ database: { url }, logger })),
      );

      assert.equal(results.flat().length, (await listMigrationFiles()).length);
    } finally {
      const connection = await connectToServer(serverUrl);
      await connection.query(`DROP DATABASE IF EXISTS ${scratch}_race`);
      await connection.end();
    }
  });
});
