import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { District } from './district.entity.js';

export type DistrictMigrationStatus = 'pending' | 'migrated' | 'failed';

/**
 * Where each district schema stands with the district migration set (one row per district). Written
 * by the engine's district runner in SQL; the mapping is here because it hangs off the district row.
 */
@Entity({ schema: 'core', tableName: 'district_migration_state' })
export class DistrictMigrationState {
  @OneToOne(() => District, { primary: true, owner: true, deleteRule: 'cascade', updateRule: 'cascade' })
  district!: District;

  @Property({ type: 'string', length: 63 })
  schemaName!: string;

  @Enum({ items: ['pending', 'migrated', 'failed'] })
  status: DistrictMigrationStatus = 'pending';

  @Property({ type: 'string', length: 255, nullable: true })
  lastMigration: string | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
