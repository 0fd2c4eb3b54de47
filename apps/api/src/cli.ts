/**
 * Operations from the command line (`npm run cli -w @nastavnik/api -- <command>`):
 *
 *   migrate                                   core, then every district schema
 *   district:create --region <code> --code <code> --name "…" --authority "…"
 *   seed:demo                                 the demo directory (idempotent)
 *   schema:emit [--out <file>]                writes apps/api/schema.graphql (sorted SDL)
 *   import --district <code> [--campaign <id>] [--json] <files, folders or .zip …>
 *                                             roadmap documents of a district's schools → draft roadmaps
 *                                             (an operator tool: runs as the district's officer; exit 1 if a file failed)
 *
 * Without DATABASE_URL the commands use the embedded PostgreSQL in <repo>/.data/postgres
 * (the same data directory as `npm start`; stop the stack first).
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createOrm, createTenantLoaders, emitSchemaSdl, migrateAll } from './app.js';
import { loadConfig, type ApiConfig } from './engine/config.js';
import type { EmbeddedPostgres } from './engine/database/embedded-postgres.js';
import { AppError } from './engine/errors.js';
import { createLogger } from './engine/logging.js';
import type { MikroORM } from './engine/orm/create-orm.js';
import { createDistrictWithSchema } from './modules/directory/district-creation.js';
import { Region } from './modules/directory/region.entity.js';
import { IMPORT_USAGE, runImportCommand } from './modules/imports/cli.js';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = path.resolve(API_DIR, '..', '..');

const USAGE = `Использование: node dist/cli.js <команда>
  migrate
  district:create --region <код региона> --code <код> --name "Название" --authority "Орган управления образованием"
  seed:demo
  schema:emit [--out <файл>]
  ${IMPORT_USAGE}`;

async function withOrm<T>(config: ApiConfig, run: (orm: MikroORM) => Promise<T>): Promise<T> {
  const logger = createLogger(config);
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    // Loaded only here: embedded-postgres is a development dependency, absent from the production image.
    const { startEmbeddedPostgres } = await import('./engine/database/embedded-postgres.js');
    embedded = await startEmbeddedPostgres({ dataDir: path.join(REPO_DIR, '.data', 'postgres') });
    databaseUrl = embedded.url;
  }
  try {
    // Only the embedded server overrides the configuration: with DATABASE_URL set, the session lock of
    // the migrations must keep going to DATABASE_DIRECT_URL (a pooler in transaction mode would let two
    // runners hold "the" lock at once, and both apply the same migration).
    const orm = await createOrm(config, embedded ? { logger, databaseUrl } : { logger });
    try {
      return await run(orm);
    } finally {
      await orm.close();
    }
  } finally {
    await embedded?.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const logger = createLogger(config);
  switch (command) {
    case 'migrate':
      return withOrm(config, async (orm) => {
        const report = await migrateAll(orm, logger, { concurrency: config.migrationConcurrency });
        console.log(JSON.stringify(report, null, 2));
        return report.failed.length > 0 ? 1 : 0;
      });
    case 'district:create': {
      const { values } = parseArgs({
        args: rest,
        options: {
          region: { type: 'string' },
          code: { type: 'string' },
          name: { type: 'string' },
          authority: { type: 'string' },
        },
        strict: true,
      });
      return withOrm(config, async (orm) => {
        await migrateAll(orm, logger);
        const region = await orm.em.fork().findOne(Region, { code: values.region ?? '' });
        if (!region) {
          console.error(`Регион «${values.region ?? ''}» не найден.`);
          return 1;
        }
        const district = await createDistrictWithSchema(orm, {
          regionId: region.id,
          code: values.code ?? '',
          name: values.name ?? '',
          authorityName: values.authority ?? '',
        });
        console.log(JSON.stringify({ id: district.id, code: district.code, schema: district.schemaName }));
        return 0;
      });
    }
    case 'seed:demo':
      return withOrm(config, async (orm) => {
        await migrateAll(orm, logger);
        // The demo lives outside the product's modules (src/seed) and is left out of the production image.
        const demo = await import('./seed/demo-directory.js').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ERR_MODULE_NOT_FOUND') return null;
          throw error;
        });
        if (!demo) {
          console.error('Демонстрационные данные не входят в эту сборку (производственный образ).');
          return 2;
        }
        await demo.seedDemo(orm);
        console.log('Демонстрационный справочник на месте.');
        return 0;
      });
    case 'schema:emit': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } }, strict: true });
      const out = path.resolve(values.out ?? path.join(API_DIR, 'schema.graphql'));
      await writeFile(out, await emitSchemaSdl());
      console.log(`Схема записана: ${out}`);
      return 0;
    }
    case 'import':
      return withOrm(config, async (orm) => {
        await migrateAll(orm, logger);
        return (await runImportCommand({ orm, config, args: rest, createTenantLoaders, logger })).exitCode;
      });
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
