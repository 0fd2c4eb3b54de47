import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessOf, type Actor } from '../../engine/auth/actor.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { District } from '../directory/district.entity.js';
import type { Region } from '../directory/region.entity.js';
import { createDistrict, createRegion, groups, uniqueCode } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok } from '../../test/roadmaps.js';
import { seedMonitoringDistrict } from '../../seed/monitoring-scale.js';
import type { SchoolFiguresRow } from './figures-source.js';
import { countsGql, figuresGql } from './gql-mapping.js';
import { MonitoringService } from './monitoring.service.js';
import { DashboardSortField } from './types.js';

// Issue 14, goal 3: the district dashboard reads stored per-school figures (dashboard-store.ts),
// paged and sorted in SQL: the same statements at 10 and at 1,000 schools, the same figures and
// order as computing them live.

const YEAR = '2025/2026';
const TODAY = '2025-10-15';

const PAGE = /* GraphQL */ `
  query ($year: String!, $page: PageInput, $sort: DashboardSort) {
    districtDashboard(academicYear: $year, page: $page, sort: $sort) {
      asOf
      schools {
        total
        limit
        offset
        items {
          organizationId
          shortName
          counts {
            participants
            withConsent
          }
          figures {
            pupilCoverage {
              value
              display
            }
            roadmapExecution {
              value
              display
            }
          }
        }
      }
      counts {
        participants
        withConsent
        schools
        execution {
          total
          overdue
        }
      }
      figures {
        pupilCoverage {
          value
          display
        }
        consentsCollected {
          value
          display
        }
        roadmapExecution {
          value
          display
        }
        impact {
          value
          display
        }
      }
    }
  }
`;

let app: TestApp;
let region: Region;
let ten: District;
let thousand: District;
let officerTen: string;
let officerThousand: string;

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  region = await createRegion(app.orm);
  ten = await createDistrict(app.orm, region);
  thousand = await createDistrict(app.orm, region);
  const conn = app.orm.em.getConnection();
  for (const [district, schools] of [
    [ten, 10],
    [thousand, 1000],
  ] as const) {
    await seedMonitoringDistrict(conn, {
      districtId: district.id,
      schemaName: district.schemaName,
      codePrefix: uniqueCode('s'),
      schools,
      perSchool: 3,
      academicYear: YEAR,
    });
  }
  officerTen = await app.tokenFor('district-officer', [groups.district(region, ten)], 'sibay.officer');
  officerThousand = await app.tokenFor('district-officer', [groups.district(region, thousand)], 'sibay.head');
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

const view = async (token: string, variables: Record<string, unknown> = {}) =>
  (await ok<{ districtDashboard: any }>(app, PAGE, token, { year: YEAR, page: { limit: 20 }, ...variables })).districtDashboard;

function platformActor(): Actor {
  // The platform admin sees every district (access computed as for a token, plus the platform flag).
  return {
    userId: 'test',
    username: 'test',
    displayName: 'test',
    position: null,
    roles: ['platform-admin'],
    grants: [],
    access: { ...accessOf([]), platform: true },
  };
}

function serviceContext(district: District): TenantServiceContext {
  return {
    actor: platformActor(),
    em: app.orm.em.fork({ clear: true }),
    tenant: {
      district: { id: district.id, code: district.code, regionId: region.id, schemaName: district.schemaName },
      em: app.orm.em.fork({ clear: true, schema: district.schemaName }),
      loaders: {},
    },
  } as TenantServiceContext;
}

/** The order the dashboard sorted in before it was stored (the live computation), as the reference. */
function liveOrder(rows: SchoolFiguresRow[], field: DashboardSortField, descending: boolean): string[] {
  const value: Record<DashboardSortField, (r: SchoolFiguresRow) => number | string | null> = {
    [DashboardSortField.NAME]: (r) => r.shortName,
    [DashboardSortField.PUPIL_COVERAGE]: (r) => r.figures.pupilCoverage.value,
    [DashboardSortField.TEACHER_COVERAGE]: (r) => r.figures.teacherCoverage.value,
    [DashboardSortField.FEDERAL_TARGET]: (r) => r.figures.federalTarget70.value,
    [DashboardSortField.CONSENTS]: (r) => r.figures.consentsCollected.value,
    [DashboardSortField.PLANS]: (r) => r.figures.plansDone.value,
    [DashboardSortField.EXECUTION]: (r) => r.figures.roadmapExecution.value,
    [DashboardSortField.FINAL_EVENT]: (r) => r.figures.finalEventAttendance.value,
    [DashboardSortField.PARTICIPANTS]: (r) => r.counts.participants,
  };
  const direction = descending ? -1 : 1;
  return [...rows]
    .sort((a, b) => {
      const x = value[field](a);
      const y = value[field](b);
      if (x === null || y === null) return x === y ? a.shortName.localeCompare(b.shortName, 'ru') : x === null ? 1 : -1;
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'ru') : x - (y as number);
      return order * direction || a.shortName.localeCompare(b.shortName, 'ru') || a.organizationId.localeCompare(b.organizationId);
    })
    .map((r) => r.organizationId);
}

describe('district dashboard from stored figures', () => {
  it('costs the same few statements at 10 and at 1,000 schools, and returns one page', async () => {
    // The first views compute and store the figures (and warm the directory cache).
    await view(officerTen);
    await view(officerThousand);
    const small = await app.countQueries(() => view(officerTen));
    const large = await app.countQueries(() => view(officerThousand));
    expect(small.result.schools.total).toBe(10);
    expect(large.result.schools.total).toBe(1000);
    expect(large.result.schools.items).toHaveLength(20);
    expect(large.queries.length).toBe(small.queries.length);
    // The district's name and change mark (core), and the page with the totals (the district's schema).
    expect(large.queries.length).toBeLessThanOrEqual(2);
    expect(large.queries.some((q) => /limit/i.test(q) && /dashboard_school/.test(q))).toBe(true);
  });

  it('shows the figures and the order of the live computation, for every sort and page', async () => {
    const live = await new MonitoringService({ today: () => TODAY, now: () => new Date() }).districtFigures(app.orm.em.getConnection(), thousand, YEAR);
    const first = await view(officerThousand, { page: { limit: 5 } });
    expect(first.counts).toMatchObject({ participants: live.counts.participants, withConsent: live.counts.withConsent, schools: 1000 });
    expect(first.counts.execution).toMatchObject({ total: live.counts.execution.total, overdue: live.counts.execution.overdue });
    for (const code of ['pupilCoverage', 'consentsCollected', 'roadmapExecution', 'impact'] as const) {
      expect(first.figures[code], code).toEqual({ value: live.figures[code].value, display: live.figures[code].display });
    }
    for (const field of Object.values(DashboardSortField)) {
      for (const descending of [false, true]) {
        const expected = liveOrder(live.schools, field, descending);
        for (const offset of [0, 480, 990]) {
          const page = await view(officerThousand, { sort: { field, descending }, page: { limit: 20, offset } });
          expect(
            page.schools.items.map((s: any) => s.organizationId),
            `${field} ${descending ? 'desc' : 'asc'} from ${offset}`,
          ).toEqual(expected.slice(offset, offset + 20));
        }
      }
    }
    // Every figure and count of the rows, as the live computation gives them (the stored counts give the figures back).
    const service = new MonitoringService({ today: () => TODAY, now: () => new Date() });
    const page = await service.districtDashboard(
      serviceContext(thousand),
      YEAR,
      { limit: 100, offset: 300 },
      { field: DashboardSortField.EXECUTION, descending: true },
    );
    expect(page.schools.items).toHaveLength(100);
    for (const item of page.schools.items) {
      const row = live.schools.find((s) => s.organizationId === item.organizationId)!;
      const { executionKpiItems: _items, ...counts } = row.counts as typeof row.counts & { executionKpiItems?: unknown };
      expect(item.counts).toEqual(countsGql(counts));
      expect(JSON.parse(JSON.stringify(item.figures))).toEqual(JSON.parse(JSON.stringify(figuresGql(row.figures))));
      expect(item.hasHeadcount).toBe(row.hasHeadcount);
    }
    expect(JSON.parse(JSON.stringify(page.figures))).toEqual(JSON.parse(JSON.stringify(figuresGql(live.figures))));
  });

  it('a change: shown at once when nothing stale may be shown; within the allowed age, the stored figures and a queued refresh', async () => {
    const conn = app.orm.em.getConnection();
    const participantsOf = async (service: MonitoringService) => (await service.districtDashboard(serviceContext(ten), YEAR)).counts.participants;
    let requested = 0;
    const patient = new MonitoringService({ today: () => TODAY, now: () => new Date() }, { staleSeconds: 3600, requestRefresh: () => requested++ });
    const exact = new MonitoringService({ today: () => TODAY, now: () => new Date() }, { staleSeconds: 0 });
    const before = await participantsOf(exact);
    expect(await conn.execute(`select 1 from core.kpi_dirty where schema_name = ?`, [ten.schemaName])).toHaveLength(0);

    // A participant leaves a programme (any change to a source table marks the district).
    await conn.execute(
      `delete from "${ten.schemaName}"."participant_consent" where participant_id = (select id from "${ten.schemaName}"."participant" order by id limit 1)`,
    );
    await conn.execute(`delete from "${ten.schemaName}"."participant" where id = (select id from "${ten.schemaName}"."participant" order by id limit 1)`);
    expect(await conn.execute(`select 1 from core.kpi_dirty where schema_name = ?`, [ten.schemaName])).toHaveLength(1);

    // Within the allowed age: the stored figures (with their time), and the refresh is asked for.
    expect(await participantsOf(patient)).toBe(before);
    expect(requested).toBe(1);
    // Allowed no age: recomputed in the request, and the change mark taken.
    expect(await participantsOf(exact)).toBe(before - 1);
    expect(await conn.execute(`select 1 from core.kpi_dirty where schema_name = ?`, [ten.schemaName])).toHaveLength(0);
    expect(await participantsOf(patient)).toBe(before - 1);

    // Figures computed for an earlier day are recomputed whatever the allowed age (overdue items move with the date).
    const tomorrow = new MonitoringService({ today: () => '2025-10-16', now: () => new Date() }, { staleSeconds: 3600 });
    const dayBefore = (
      await conn.execute<{ computed: string }[]>(
        `select to_char(computed_for, 'YYYY-MM-DD') as computed from "${ten.schemaName}".dashboard_total where academic_year = ?`,
        [YEAR],
      )
    )[0]!.computed;
    expect(dayBefore).toBe(TODAY);
    await tomorrow.districtDashboard(serviceContext(ten), YEAR);
    const computed = (
      await conn.execute<{ computed: string }[]>(
        `select to_char(computed_for, 'YYYY-MM-DD') as computed from "${ten.schemaName}".dashboard_total where academic_year = ?`,
        [YEAR],
      )
    )[0]!.computed;
    expect(computed).toBe('2025-10-16');
  });

  it('another year’s stored figures go stale when a refresh takes the change mark', async () => {
    const conn = app.orm.em.getConnection();
    const service = new MonitoringService({ today: () => TODAY, now: () => new Date() }, { staleSeconds: 3600 });
    await service.districtDashboard(serviceContext(ten), '2024/2025');
    await service.districtDashboard(serviceContext(ten), YEAR);
    await conn.execute(`update "${ten.schemaName}"."headcount" set pupils = pupils + 1`);
    // The scheduled refresh of the current year takes the mark; the past year must not be trusted any more.
    await conn.execute(`delete from core.kpi_dirty where schema_name = ?`, [ten.schemaName]);
    await service.snapshots.refreshSnapshot(conn, { id: ten.id, schemaName: ten.schemaName, regionId: region.id }, YEAR);
    const rows = await conn.execute<{ academic_year: string; stale: boolean }[]>(
      `select academic_year, stale from "${ten.schemaName}".dashboard_total order by 1`,
    );
    expect(rows).toEqual([
      { academic_year: '2024/2025', stale: true },
      { academic_year: '2025/2026', stale: false },
    ]);
    await service.districtDashboard(serviceContext(ten), '2024/2025');
    expect(
      (await conn.execute<{ stale: boolean }[]>(`select stale from "${ten.schemaName}".dashboard_total where academic_year = '2024/2025'`))[0]!.stale,
    ).toBe(false);
  });
});
