import type { MigrationSets } from '../engine/migrations/migrators.js';
import { CORE_MIGRATIONS } from './core/index.js';
import { DISTRICT_MIGRATIONS } from './district/index.js';

export const MIGRATION_SETS: MigrationSets = { core: CORE_MIGRATIONS, district: DISTRICT_MIGRATIONS };
