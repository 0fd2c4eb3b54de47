import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/**
 * What the erasure after a withdrawal of consent cleared and when (./erasure.ts): per place
 * (`table.column`) how many values — counts only, never the erased text. Written in SQL by the
 * erasure; the entity keeps the schema comparison honest and lets code read the records.
 */
@Entity({ schema: '*', tableName: 'personal_data_erasure' })
@Index({ name: 'personal_data_erasure_participant_id_index', properties: ['participantId'] })
export class PersonalDataErasure {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  participantId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'date' })
  erasedOn!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  erasedAt: Opt<Date> = new Date();

  @Property({ type: 'string', length: 255 })
  byUserId!: string;

  @Property({ type: 'json' })
  places!: Record<string, number>;
}
