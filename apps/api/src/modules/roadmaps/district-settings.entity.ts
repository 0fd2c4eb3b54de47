import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { WhoAgrees } from './enums.js';

/**
 * Settings of the district (one row, id 1, in the district's schema): who agrees school roadmaps —
 * the head after the officer's review (default) or the officer alone. No row = the defaults.
 */
@ObjectType('DistrictSettings', { description: 'Настройки муниципалитета.' })
@Entity({ schema: '*', tableName: 'district_settings' })
@Check({ name: 'district_settings_id_check', expression: '"id" = 1' })
export class DistrictSettings {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: Opt<number> = 1;

  @Field(() => WhoAgrees, { description: 'Кто согласует карты организаций: руководитель после рассмотрения специалистом (по умолчанию) или специалист.' })
  @Enum({ items: ['head', 'officer'], default: 'head' })
  whoAgrees: Opt<'head' | 'officer'> = 'head';

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  updatedByName: Opt<string> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
