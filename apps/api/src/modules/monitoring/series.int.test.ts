import { nextDueDate, type Deadline, type IsoDate } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { District } from '../directory/district.entity.js';
import type { Region } from '../directory/region.entity.js';
import { createDistrict, createRegion, groups, uniqueCode } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok } from '../../test/roadmaps.js';
import { seedMonitoringDistrict } from '../../seed/monitoring-scale.js';

const YEAR = '2025/2026';
const TODAY = '2025-10-15' as IsoDate;

const SERIES = /* GraphQL */ `
  query ($year: String!, $org: ID) {
    executionSeries(academicYear: $year, organizationId: $org) {
      academicYear
      organizationId
      months {
        month
        monthRu
        planned
        doneOnTime
        doneLate
        overdue
      }
    }
  }
`;
const GRID = /* GraphQL */ `
  query ($year: String!, $page: PageInput) {
    districtSchoolGrid(academicYear: $year, page: $page) {
      academicYear
      kpis
      schools {
        total
        limit
        offset
        items {
          organizationId
          code
          shortName
          worst
          cells {
            code
            labelRu
            display
            light
            lightRu
          }
        }
      }
    }
  }
`;
const DASHBOARD = /* GraphQL */ `
  query ($year: String!) {
    districtDashboard(academicYear: $year, page: { limit: 100 }) {
      schools {
        items {
          organizationId
          figures {
            pupilCoverage {
              light
              display
            }
            consentsCollected {
              light
              display
            }
            roadmapExecution {
              light
              display
            }
            finalEventAttendance {
              light
            }
          }
        }
      }
    }
  }
`;

let app: TestApp;
let region: Region;
let district: District;
let other: District;
let officer: string;
let otherOfficer: string;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(query, params)) as T[];
}

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  region = await createRegion(app.orm);
  district = await createDistrict(app.orm, region);
  other = await createDistrict(app.orm, region);
  const conn = app.orm.em.getConnection();
  await seedMonitoringDistrict(conn, {
    districtId: district.id,
    schemaName: district.schemaName,
    codePrefix: uniqueCode('s'),
    schools: 12,
    perSchool: 8,
    academicYear: YEAR,
  });
  await seedMonitoringDistrict(conn, {
    districtId: other.id,
    schemaName: other.schemaName,
    codePrefix: uniqueCode('s'),
    schools: 2,
    perSchool: 8,
    academicYear: YEAR,
  });
  officer = await app.tokenFor('district-officer', [groups.district(region, district)], 'sibay.officer');
  otherOfficer = await app.tokenFor('district-officer', [groups.district(region, other)], 'sibay.head');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** The series counted directly: items and marks read row by row, due dates by the domain's rule. */
async function directSeries(organizationId: string | null) {
  const s = `"${district.schemaName}"`;
  const rows = await sql<{ deadline: Deadline; done: boolean | null; done_on: string | null }>(
    `select i.deadline, e.done, to_char(e.done_on, 'YYYY-MM-DD') as done_on
     from ${s}.roadmap r join ${s}.roadmap_revision v on v.id = r.in_force_revision_id and v.state = 'agreed'
     join ${s}.roadmap_item i on i.revision_id = v.id
     left join ${s}.item_execution e on e.roadmap_id = r.id and e.item_key = i.key
     where r.level = 'school' ${organizationId ? 'and r.organization_id = ?' : ''}`,
    organizationId ? [organizationId] : [],
  );
  const months = new Map<string, { planned: number; doneOnTime: number; doneLate: number; overdue: number }>();
  for (let m = 0; m < 12; m++) {
    const date = new Date(Date.UTC(2025, 8 + m, 1));
    months.set(date.toISOString().slice(0, 7), { planned: 0, doneOnTime: 0, doneLate: 0, overdue: 0 });
  }
  for (const row of rows) {
    const due = nextDueDate(row.deadline, TODAY);
    const done = row.done === true;
    const dueMonth = due ? months.get(due.slice(0, 7)) : undefined;
    if (dueMonth) dueMonth.planned++;
    if (done) {
      const when = row.done_on ?? due;
      const month = when ? months.get(when.slice(0, 7)) : undefined;
      if (month) {
        if (due && row.done_on && row.done_on > due) month.doneLate++;
        else month.doneOnTime++;
      }
    } else if (due && due < TODAY && dueMonth) dueMonth.overdue++;
  }
  return [...months].map(([month, counts]) => ({ month, ...counts }));
}

describe('execution over time', () => {
  it('the district series equals the counts taken row by row', async () => {
    const series = (await ok<{ executionSeries: any }>(app, SERIES, officer, { year: YEAR })).executionSeries;
    expect(series.months).toHaveLength(12);
    expect(series.months[0]).toMatchObject({ month: '2025-09', monthRu: 'сентябрь 2025' });
    expect(series.months[11].monthRu).toBe('август 2026');
    const direct = await directSeries(null);
    expect(series.months.map(({ monthRu: _m, ...rest }: any) => rest)).toEqual(direct);
    // Not vacuous: the seed has planned, on-time, late and overdue items.
    const sum = (key: string) => direct.reduce((a, m) => a + (m as any)[key], 0);
    expect(sum('planned')).toBeGreaterThan(0);
    expect(sum('doneOnTime')).toBeGreaterThan(0);
    expect(sum('doneLate')).toBeGreaterThan(0);
    expect(sum('overdue')).toBeGreaterThan(0);
  });

  it('one school: its own series; in one SQL statement', async () => {
    const [school] = await sql<{ id: string }>(`select id from core.organization where district_id = ? order by code limit 1`, [district.id]);
    const { result, queries } = await app.countQueries(() => ok<{ executionSeries: any }>(app, SERIES, officer, { year: YEAR, org: school!.id }));
    expect(result.executionSeries.organizationId).toBe(school!.id);
    expect(result.executionSeries.months.map(({ monthRu: _m, ...rest }: any) => rest)).toEqual(await directSeries(school!.id));
    expect(queries.filter((q) => /generate_series/.test(q))).toHaveLength(1);
    // Another district's officer cannot read this school; a curator without a school cannot read the district.
    expect((await fails(app, SERIES, otherOfficer, { year: YEAR, org: school!.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, SERIES, officer, { year: '2025' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'academicYear' });
  });
});

describe('the district grid of schools', () => {
  it('every school with the dashboard’s traffic lights, in the dashboard’s statements', async () => {
    // The first view computes the stored figures (dashboard-store.ts); the counted calls read them.
    await ok(app, GRID, officer, { year: YEAR });
    const { result, queries } = await app.countQueries(() => ok<{ districtSchoolGrid: any }>(app, GRID, officer, { year: YEAR, page: { limit: 100 } }));
    const grid = result.districtSchoolGrid;
    expect(grid.kpis).toEqual([
      'pupilCoverage',
      'teacherCoverage',
      'federalTarget70',
      'consentsCollected',
      'plansDone',
      'roadmapExecution',
      'finalEventAttendance',
    ]);
    expect(grid.schools.total).toBe(12);
    const dash = await app.countQueries(() => ok<{ districtDashboard: any }>(app, DASHBOARD, officer, { year: YEAR }));
    // No statement per school: at most the dashboard's number of statements.
    expect(queries.length).toBeLessThanOrEqual(dash.queries.length);
    const figures = new Map(dash.result.districtDashboard.schools.items.map((s: any) => [s.organizationId, s.figures]));
    for (const row of grid.schools.items) {
      const f: any = figures.get(row.organizationId);
      const cell = (code: string) => row.cells.find((c: any) => c.code === code);
      expect(cell('pupilCoverage')).toMatchObject({ light: f.pupilCoverage.light, display: f.pupilCoverage.display });
      expect(cell('consentsCollected').light).toBe(f.consentsCollected.light);
      expect(cell('roadmapExecution').light).toBe(f.roadmapExecution.light);
      expect(cell('finalEventAttendance').light).toBe(f.finalEventAttendance.light);
      const lights = row.cells.map((c: any) => c.light);
      expect(row.worst).toBe(lights.includes('red') ? 'red' : lights.includes('yellow') ? 'yellow' : lights.includes('green') ? 'green' : 'grey');
    }
    const page = (await ok<{ districtSchoolGrid: any }>(app, GRID, officer, { year: YEAR, page: { limit: 5, offset: 10 } })).districtSchoolGrid;
    expect(page.schools).toMatchObject({ total: 12, limit: 5, offset: 10 });
    expect(page.schools.items).toHaveLength(2);
    const curator = await app.tokenFor('school-curator', [], 'gimnaziya.curator');
    expect((await app.gql(GRID, { token: curator, variables: { year: YEAR } })).body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN/);
  });
});
