import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { District } from '../directory/district.entity.js';

/**
 * `core.district_kpi_snapshot`: the maintained roll-up of one district for one academic year (see
 * Migration20260301000000KpiSnapshot). Written and read with SQL by the monitoring service; mapped
 * here so the shared schema stays described by the entities.
 */
@Entity({ schema: 'core', tableName: 'district_kpi_snapshot' })
@Index({ properties: ['regionId', 'academicYear'] })
export class DistrictKpiSnapshot {
  @ManyToOne(() => District, { primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  district!: District;

  @PrimaryKey({ type: 'string', length: 9 })
  academicYear!: string;

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'integer' }) schools!: number;
  @Property({ type: 'integer' }) schoolsWithHeadcount!: number;
  @Property({ type: 'integer' }) pupils!: number;
  @Property({ type: 'integer' }) teachers!: number;
  @Property({ type: 'integer' }) pupilParticipants!: number;
  @Property({ type: 'integer' }) teacherParticipants!: number;
  @Property({ type: 'integer' }) pupilParticipantsCounted!: number;
  @Property({ type: 'integer' }) teacherParticipantsCounted!: number;
  @Property({ type: 'integer' }) mentors!: number;
  @Property({ type: 'integer' }) mentees!: number;
  @Property({ type: 'integer' }) partnerMentors!: number;
  @Property({ type: 'integer' }) participants!: number;
  @Property({ type: 'integer' }) withConsent!: number;
  @Property({ type: 'integer', default: 0 }) finalInvited: Opt<number> = 0;
  @Property({ type: 'integer', default: 0 }) finalAttended: Opt<number> = 0;
  /** Questionnaire sums (SurveyCounts of ./queries.ts). */
  @Property({ type: 'json', default: '{}' }) surveys: Opt<Record<string, number>> = {};
  @Property({ type: 'json' }) planPercents!: Record<string, number>;
  @Property({ type: 'json' }) execution!: Record<string, number>;
  @Property({ type: 'json' }) byRoleCategory!: Array<{ role: string; category: string; count: number }>;
  @Property({ type: 'json' }) statForm!: Array<{ role: string; form: string; category: string; count: number }>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  asOf!: Date;
}
