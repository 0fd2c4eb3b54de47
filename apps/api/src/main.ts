/**
 * Production entry: `node dist/main.js`. Needs DATABASE_URL and KEYCLOAK_URL (no embedded
 * defaults in production); migrates core and every district, then serves.
 */
import 'reflect-metadata';
import { createOrm, migrateAll, startApiServer } from './app.js';
import { ConfigError, loadConfig } from './engine/config.js';
import { createLogger } from './engine/logging.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  const missing = ['DATABASE_URL', 'KEYCLOAK_URL'].filter((name) => !process.env[name]?.trim());
  if (missing.length > 0) {
    console.error(`Не заданы обязательные переменные окружения: ${missing.join(', ')}`);
    process.exit(2);
  }
  const logger = createLogger(config);
  const orm = await createOrm(config, { logger });
  const report = await migrateAll(orm, logger, { concurrency: config.migrationConcurrency });
  for (const failure of report.failed) {
    logger.error({ district: failure.district, error: failure.error }, 'district schema not migrated; its data stay unavailable until fixed');
  }
  const server = await startApiServer({ config, orm, logger });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await server.stop();
      await orm.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Started by tools/stack (`npm start`) through fork: its IPC channel closes when the starter dies,
  // even by SIGKILL, so the API never outlives it.
  if (process.connected) process.on('disconnect', () => void shutdown('disconnect'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
