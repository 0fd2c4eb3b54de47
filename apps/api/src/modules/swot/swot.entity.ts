import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/**
 * A school's SWOT form (monitoring stage 1: the quality of the programme) for an academic year and,
 * optionally, one programme. `scope` is the programme id or '' (the whole school), so the unique key
 * also holds for the school-wide form.
 */
@Entity({ schema: '*', tableName: 'swot_form' })
@Unique({ name: 'swot_form_organization_id_academic_year_scope_unique', properties: ['organizationId', 'academicYear', 'scope'] })
export class SwotForm {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'string', length: 9 })
  academicYear!: string;

  @Property({ type: 'uuid', nullable: true })
  programmeId: string | null = null;

  @Property({ type: 'string', length: 36, default: '' })
  scope: Opt<string> = '';

  @Property({ type: 'date' })
  formDate!: string;

  @Property({ type: 'json' })
  strengths!: string[];

  @Property({ type: 'json' })
  weaknesses!: string[];

  @Property({ type: 'json' })
  opportunities!: string[];

  @Property({ type: 'json' })
  threats!: string[];

  @Property({ type: 'string', length: 300 })
  authorName!: string;

  @Property({ type: 'string', length: 255 })
  authorUserId!: string;

  @Property({ type: 'integer', default: 1 })
  version: Opt<number> = 1;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
