import { academicYearOf } from '@nastavnik/domain';
import pg from 'pg';
import type { Logger } from '../../engine/logging.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import type { MonitoringService } from './monitoring.service.js';

/** Arbitrary, constant: "nastavnik KPI snapshot refresh" (the migrations use 7_004_201). */
const ADVISORY_KEY = 7_004_207;

export interface KpiRefreshJob {
  /** One pass now (also what the interval runs); false when another replica holds the lock or a pass is running. */
  runOnce(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * The scheduled refresh of the monitoring roll-up: every `intervalSeconds` one replica (a PostgreSQL
 * advisory lock on a dedicated connection; the others skip the pass) refreshes the snapshot of the
 * current academic year of every migrated district, one district at a time. A failing district is
 * logged and does not stop the others.
 */
const FIRST_PASS_DELAY_SECONDS = 5;

export function startKpiRefreshJob(options: { orm: MikroORM; monitoring: MonitoringService; intervalSeconds: number; logger: Logger }): KpiRefreshJob {
  const { orm, monitoring, logger } = options;
  let running: Promise<boolean> | null = null;
  let stopped = false;

  async function pass(): Promise<boolean> {
    const clientUrl = orm.config.get('clientUrl');
    const client = clientUrl ? new pg.Client({ connectionString: clientUrl }) : null;
    try {
      if (client) {
        await client.connect();
        const [row] = (await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [ADVISORY_KEY])).rows;
        if (!row?.locked) return false;
      }
      try {
        const conn = orm.em.getConnection();
        const districts = (await conn.execute(
          `select d.id, d.schema_name as "schemaName", d.region_id as "regionId" from "core"."district" d
           join "core"."district_migration_state" s on s.district_id = d.id and s.status = 'migrated' order by d.code`,
        )) as Array<{ id: string; schemaName: string; regionId: string }>;
        const year = academicYearOf(new Date(`${monitoring.today()}T12:00:00Z`));
        let refreshed = 0;
        for (const district of districts) {
          if (stopped) break;
          try {
            await monitoring.refreshSnapshot(conn, district, year);
            refreshed++;
          } catch (error) {
            logger.error({ err: error, district: district.id }, 'KPI snapshot refresh failed');
          }
        }
        logger.info({ refreshed, districts: districts.length, academicYear: year }, 'KPI snapshots refreshed');
        return true;
      } finally {
        if (client) await client.query('select pg_advisory_unlock($1)', [ADVISORY_KEY]).catch(() => undefined);
      }
    } finally {
      if (client) await client.end().catch(() => undefined);
    }
  }

  const runOnce = (): Promise<boolean> => {
    if (running || stopped) return Promise.resolve(false);
    running = pass()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'KPI snapshot refresh pass failed');
        return false;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = options.intervalSeconds > 0 ? setInterval(() => void runOnce(), options.intervalSeconds * 1000) : null;
  timer?.unref();
  // A first pass soon after start: the region's roll-up of today is there without waiting a whole
  // interval (after a deploy, or the demo's first start).
  const firstPass = options.intervalSeconds > 0 ? setTimeout(() => void runOnce(), Math.min(options.intervalSeconds, FIRST_PASS_DELAY_SECONDS) * 1000) : null;
  firstPass?.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (firstPass) clearTimeout(firstPass);
      await running?.catch(() => undefined);
    },
  };
}
