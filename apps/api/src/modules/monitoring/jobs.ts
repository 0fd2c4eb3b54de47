import { academicYearOf } from '@nastavnik/domain';
import { scheduleEvery, type JobDefinition } from '../../engine/jobs/definition.js';
import type { MonitoringService } from './monitoring.service.js';

export const KPI_REFRESH_JOB = 'monitoring.kpi-refresh';

/** A first pass soon after start: the region's roll-up of today is there without waiting a whole interval. */
const FIRST_PASS_DELAY_SECONDS = 5;

/**
 * The scheduled refresh of the monitoring roll-up (`core.district_kpi_snapshot`): the current
 * academic year of every migrated district, one district at a time. One run at a time across
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
      const districts = (await conn.execute(
        `select d.id, d.code, d.schema_name as "schemaName", d.region_id as "regionId" from "core"."district" d
         join "core"."district_migration_state" s on s.district_id = d.id and s.status = 'migrated' order by d.code`,
      )) as Array<{ id: string; code: string; schemaName: string; regionId: string }>;
      const year = academicYearOf(new Date(`${monitoring.today()}T12:00:00Z`));
      let refreshed = 0;
      const failed: string[] = [];
      for (const district of districts) {
        signal.throwIfAborted();
        try {
          await monitoring.snapshots.refreshSnapshot(conn, district, year);
          refreshed++;
        } catch (error) {
          failed.push(district.code);
          logger.error({ err: error, district: district.id }, 'KPI snapshot refresh failed');
        }
      }
      if (failed.length > 0) {
        throw new Error(
          `Сводка не обновлена для ${failed.length} из ${districts.length} муниципалитетов: ${failed.slice(0, 20).join(', ')}${failed.length > 20 ? '…' : ''}`,
        );
      }
      return { refreshed, districts: districts.length, academicYear: year };
    },
  };
}
