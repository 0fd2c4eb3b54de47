import { academicYearOf, pluralRu } from '@nastavnik/domain';
import { scheduleEvery, type JobDefinition } from '../../engine/jobs/definition.js';
import type { MonitoringService } from './monitoring.service.js';

export const KPI_REFRESH_JOB = 'monitoring.kpi-refresh';

/** A first pass soon after start: the region's roll-up of today is there without waiting a whole interval. */
const FIRST_PASS_DELAY_SECONDS = 5;

/**
 * The scheduled refresh of the monitoring roll-up (`core.district_kpi_snapshot`): the current
 * academic year of the migrated districts that changed since their snapshot (or whose snapshot is
 * from an earlier day), one district at a time; the others are left as they are (issue 14, goal 5). One run at a time across
 * replicas is the queue's business (engine/jobs). A failing district does not stop the others; the
 * run then fails naming them, so it is retried and shows on «Фоновые задачи».
 */
export function kpiRefreshJob(options: { monitoring: MonitoringService; intervalSeconds: number; timeZone: string }): JobDefinition {
  const { monitoring } = options;
  return {
    name: KPI_REFRESH_JOB,
    title: 'Обновление сводки показателей муниципалитетов (для региона)',
    schedule: scheduleEvery(options.intervalSeconds, options.timeZone),
    ...(options.intervalSeconds > 0 ? { runAfterStartSeconds: Math.min(options.intervalSeconds, FIRST_PASS_DELAY_SECONDS) } : {}),
    retry: { limit: 2, delaySeconds: 60, backoff: true },
    timeoutSeconds: 3600,
    async handler({ orm, logger, signal }) {
      const conn = orm.em.getConnection();
      const today = monitoring.today();
      const year = academicYearOf(new Date(`${today}T12:00:00Z`));
      // One statement: every migrated district, and whether it is due — changed since its snapshot
      // (a mark in core.kpi_dirty, written by triggers in the changing transaction), without a
      // snapshot of the year, or with one from an earlier day (overdue items depend on the date).
      const districts = (await conn.execute(
        `select d.id, d.code, d.schema_name as "schemaName", d.region_id as "regionId",
           (k.schema_name is not null or s.district_id is null or (s.as_of at time zone ?)::date < ?::date) as due
         from "core"."district" d
         join "core"."district_migration_state" m on m.district_id = d.id and m.status = 'migrated'
         left join "core"."kpi_dirty" k on k.schema_name = d.schema_name
         left join "core"."district_kpi_snapshot" s on s.district_id = d.id and s.academic_year = ?
         order by d.code`,
        [options.timeZone, today, year],
      )) as Array<{ id: string; code: string; schemaName: string; regionId: string; due: boolean }>;
      const due = districts.filter((d) => d.due);
      let refreshed = 0;
      const refreshedCodes: string[] = [];
      const failed: string[] = [];
      for (const district of due) {
        signal.throwIfAborted();
        try {
          await monitoring.snapshots.refreshTakingMark(conn, district, year);
          refreshed++;
          if (refreshedCodes.length < 50) refreshedCodes.push(district.code);
        } catch (error) {
          failed.push(district.code);
          logger.error({ err: error, district: district.id }, 'KPI snapshot refresh failed');
        }
      }
      if (failed.length > 0) {
        throw new Error(
          `Сводка не обновлена для ${failed.length} из ${due.length} ${pluralRu(due.length, ['муниципалитета', 'муниципалитетов', 'муниципалитетов'])}: ${failed.slice(0, 20).join(', ')}${failed.length > 20 ? '…' : ''}`,
        );
      }
      return { refreshed, unchanged: districts.length - due.length, districts: districts.length, academicYear: year, refreshedCodes };
    },
  };
}
