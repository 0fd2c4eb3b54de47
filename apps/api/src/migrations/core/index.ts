import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251122000000CoreDirectory } from './Migration20251122000000CoreDirectory.js';

/** The shared (`core`) migration set, in order. Add new migrations at the end. */
export const CORE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251122000000CoreDirectory', class: Migration20251122000000CoreDirectory },
];
