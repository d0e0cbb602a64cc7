import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConnection, type Connection } from 'mysql2/promise';
import { Umzug, type UmzugStorage } from 'umzug';
import type { Logger } from '../logger.js';
import { connectionOptions } from './pool.js';
import type { DatabaseSettings } from '../config.js';

/** Where the versioned SQL files live: `NNNN-description.sql`, applied in name order. */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Named lock held while migrating, so replicas starting together migrate one at a time. */
const LOCK_NAME = 'github_notifications.migrations';
const LOCK_TIMEOUT_SECONDS = 120;

/** Options of {@link migrateDatabase}. */
export interface MigrateOptions {
  readonly database: DatabaseSettings;
  readonly logger: Logger;
}

/** Keeps the names of applied migrations in a table of the database itself. */
function tableStorage(connection: Connection): UmzugStorage {
  return {
    async executed() {
      await connection.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           name VARCHAR(255) NOT NULL PRIMARY KEY,
           applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
         ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
      );
      const [rows] = await connection.query('SELECT name FROM schema_migrations ORDER BY name');
      return (rows as { name: string }[]).map((row) => row.name);
    },
    async logMigration({ name }) {
      await connection.execute('INSERT INTO schema_migrations (name) VALUES (?)', [name]);
    },
    async unlogMigration({ name }) {
      await connection.execute('DELETE FROM schema_migrations WHERE name = ?', [name]);
    },
  };
}

/** Lists the SQL migrations shipped with the app, in the order they apply. */
export async function listMigrationFiles(): Promise<string[]> {
  const names = await readdir(MIGRATIONS_DIR);
  return names.filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name)).sort();
}

/**
 * Opens a dedicated connection, creating the database first when it does not exist yet (with
 * utf8mb4, the same on MySQL 8 and MariaDB).
 */
async function connectForMigration(settings: DatabaseSettings): Promise<Connection> {
  const options = connectionOptions(settings);
  const common = { charset: 'utf8mb4_unicode_ci', timezone: 'Z', multipleStatements: true };

  try {
    return await createConnection({ ...options, ...common });
  } catch (error) {
    // 1049 ER_BAD_DB_ERROR: unknown database.
    if ((error as { errno?: number }).errno !== 1049) throw error;
  }

  const server = await createConnection({ ...options, ...common, database: undefined });
  try {
    await server.query(
      `CREATE DATABASE IF NOT EXISTS ${server.escapeId(options.database ?? '')}
       CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await server.changeUser({ database: options.database });
    return server;
  } catch (error) {
    await server.end();
    throw error;
  }
}

/**
 * Applies every pending migration, holding a named lock so that concurrent starts wait for each
 * other instead of applying the same migration twice.
 *
 * @returns the names of the migrations applied now.
 */
export async function migrateDatabase(options: MigrateOptions): Promise<string[]> {
  const connection = await connectForMigration(options.database);

  try {
    const [lockRows] = await connection.query('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if ((lockRows as { acquired: number | null }[])[0]?.acquired !== 1) {
      throw new Error(`Timed out waiting for the migration lock ${LOCK_NAME}`);
    }

    const files = await listMigrationFiles();
    const umzug = new Umzug({
      migrations: files.map((file) => ({
        name: file,
        up: async () => {
          const sql = await readFile(`${MIGRATIONS_DIR}${file}`, 'utf8');
          await connection.query(sql);
        },
      })),
      storage: tableStorage(connection),
      logger: undefined,
    });
    const applied = await umzug.up();

    for (const migration of applied) {
      options.logger.info({ migration: migration.name }, 'migration applied');
    }
    return applied.map((migration) => migration.name);
  } finally {
    await connection.query('DO RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
    await connection.end().catch(() => undefined);
  }
}
