import { ConfigError, loadMigrationConfig } from './config.js';
import { migrateDatabase } from './db/migrator.js';
import { createLogger } from './logger.js';

/**
 * `npm run migrate`: applies pending migrations and exits. It needs only the database settings,
 * so it can run as a job that holds no other secret.
 */
async function main(): Promise<void> {
  const config = loadMigrationConfig();
  const logger = createLogger({ level: config.logLevel });

  const applied = await migrateDatabase({
    database: config.database,
    logger,
  });
  logger.info({ applied: applied.length }, 'database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
