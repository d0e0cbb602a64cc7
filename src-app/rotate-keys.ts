import { ConfigError, loadConfig } from './config.js';
import { TokenCipher } from './crypto/token-cipher.js';
import { createDatabasePool } from './db/pool.js';
import { UserRepository } from './db/user-repository.js';
import { createLogger } from './logger.js';
import { rotateTokenKeys } from './services/key-rotation.js';

/**
 * `npm run rotate-keys`: re-encrypts every stored GitHub token under `TOKEN_ENCRYPTION_KEY`,
 * reading older ones with `TOKEN_ENCRYPTION_PREVIOUS_KEYS`. Exits 0 when every token now uses
 * the current key, 1 when some could not be read because their key is no longer configured.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const pool = createDatabasePool(config.database);

  try {
    const cipher = new TokenCipher(config.tokenEncryptionKey, config.previousTokenEncryptionKeys);
    const report = await rotateTokenKeys(new UserRepository(pool), cipher, logger);

    logger.info({ ...report, currentKeyId: cipher.currentKeyId }, 'token keys rotated');
    return report.unreadable > 0 ? 1 : 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
