import type { IsoDate } from '@nastavnik/domain';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import type { Figures, MonitoringCounts } from './figures.js';
import type { SqlRunner } from './queries.js';

export interface SchoolFiguresRow {
  organizationId: string;
  code: string;
  shortName: string;
  hasHeadcount: boolean;
  counts: MonitoringCounts;
  figures: Figures;
}

/** A district's figures: one row per school plus the weighted totals. */
export interface DistrictFigures {
  schools: SchoolFiguresRow[];
  counts: MonitoringCounts;
  figures: Figures;
}

/**
 * What the drill-down and the indicator links need of the monitoring service, which builds them and
 * passes itself: an interface here, so that neither imports the service that imports them.
 */
export interface FiguresSource {
  today(): IsoDate;
  /** The academic year checked (a Russian BAD_USER_INPUT otherwise). */
  checkYear(academicYear: string): string;
  districtFigures(
    sql: SqlRunner,
    district: Pick<TenantDistrict, 'id' | 'schemaName'>,
    academicYear: string,
    organizationIds?: string[] | null,
  ): Promise<DistrictFigures>;
}
