import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, migrateAll } from './app.js';
import { loadConfig } from './engine/config.js';
import type { MikroORM } from './engine/orm/create-orm.js';
import { inject } from 'vitest';
import { createDistrict, createDistrictRowOnly, createRegion } from './test/factories.js';
import type { District } from './modules/directory/district.entity.js';

let orm: MikroORM;

/** The tables of every district schema (migrations of the district set). */
const DISTRICT_TABLES = [
  'attachment',
  'attachment_content',
  'best_practice',
  'campaign',
  'campaign_reminder',
  'dashboard_school',
  'dashboard_total',
  'district_settings',
  'headcount',
  'item_execution',
  'mentoring_pair',
  'mikro_orm_migrations',
  'pair_meeting',
  'participant',
  'participant_access_log',
  'participant_consent',
  'personal_data_erasure',
  'planned_meeting',
  'programme',
  'questionnaire_answer',
  'questionnaire_link',
  'questionnaire_response',
  'questionnaire_template',
  'review_comment',
  'roadmap',
  'roadmap_draft',
  'roadmap_events',
  'roadmap_import',
  'roadmap_item',
  'roadmap_item_kpi_link',
  'roadmap_revision',
  'roadmap_section',
  'school_news',
  'swot_form',
];
const LAST_DISTRICT_MIGRATION = 'Migration20261206100000ImportFormats';

beforeAll(async () => {
  orm = await createOrm(loadConfig({ NODE_ENV: 'test', DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' }));
});

afterAll(async () => {
  await orm?.close();
});

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(query, params);
}

async function tablesOf(schema: string): Promise<string[]> {
  const rows = await sql<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = ? order by table_name`, [schema]);
  return rows.map((row) => row.table_name);
}

async function stateOf(district: District) {
  const [row] = await sql(`select * from core.district_migration_state where district_id = ?`, [district.id]);
  return row;
}

async function dropDistrict(district: District) {
  await sql(`drop schema if exists "${district.schemaName}" cascade`);
  await sql(`delete from core.district where id = ?`, [district.id]);
}

describe('district migrations', () => {
  it('a new district gets its own schema with the tenant tables, and only there', async () => {
    const region = await createRegion(orm);
    const district = await createDistrict(orm, region);
    expect(district.schemaName).toMatch(/^district_d_/);
    expect(await tablesOf(district.schemaName)).toEqual(DISTRICT_TABLES);
    const columns = await sql<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = ? and table_name = 'headcount' order by ordinal_position`,
      [district.schemaName],
    );
    expect(columns.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      'id:uuid',
      'organization_id:uuid',
      'academic_year:character varying',
      'pupils:integer',
      'teachers:integer',
      'updated_at:timestamp with time zone',
    ]);
    // Tenant tables live in district schemas only; shared ones in core only; nothing in public.
    const headcountSchemas = await sql<{ table_schema: string }>(`select table_schema from information_schema.tables where table_name = 'headcount'`);
    expect(headcountSchemas.every((row) => row.table_schema.startsWith('district_'))).toBe(true);
    expect(await tablesOf('public')).toEqual([]);
    expect(await tablesOf('core')).toEqual([
      'calendar_feed',
      'district',
      'district_kpi_snapshot',
      'district_migration_state',
      'kpi_dirty',
      'mikro_orm_migrations',
      'notification',
      'notification_preference',
      'organization',
      'partner_agreement',
      'partner_agreement_file',
      'partner_agreement_file_content',
      'partner_application',
      'partner_mentor',
      'partner_mentor_consent',
      'partner_organization',
      'partner_placement',
      'region',
    ]);
    const tracked = await sql<{ name: string }>(`select name from "${district.schemaName}".mikro_orm_migrations`);
    expect(tracked.map((row) => row.name)).toEqual([
      'Migration20251122000100Headcounts',
      'Migration20251201000000Roadmaps',
      'Migration20251215000000RoadmapImports',
      'Migration20260110000000Programmes',
      'Migration20260201000000AttachmentS3',
      'Migration20261122100000QuestionnairesPractices',
      'Migration20261122200000MonitoringLinksSwotNews',
      'Migration20261205000000PersonalDataErasure',
      'Migration20261205100000KpiDirtyTriggers',
      'Migration20261205200000DashboardAggregates',
      'Migration20261205300000RoadmapDrafts',
      'Migration20261205400000RemindersCommentThreads',
      'Migration20261205500000PlannedMeetings',
      'Migration20261205810000CampaignOpenedLetters',
      'Migration20261205820000ConsentContactEmail',
      LAST_DISTRICT_MIGRATION,
    ]);
    expect(await stateOf(district)).toMatchObject({ status: 'migrated', last_migration: LAST_DISTRICT_MIGRATION, error: null });
  });

  it('re-running migrateAll is a no-op', async () => {
    const before = await sql(`select table_schema, table_name from information_schema.tables order by 1, 2`);
    const report = await migrateAll(orm);
    expect(report.core).toEqual([]);
    expect(report.migrated).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.upToDate).toEqual(expect.arrayContaining(['sibay', 'kursk', 'svobodny']));
    expect(await sql(`select table_schema, table_name from information_schema.tables order by 1, 2`)).toEqual(before);
  });

  it('a failing district is reported and recorded, the others still migrate, and a re-run fixes it', async () => {
    const region = await createRegion(orm);
    const broken = await createDistrictRowOnly(orm, region);
    const healthy = await createDistrictRowOnly(orm, region);
    try {
      // A conflicting object in the broken district's schema makes its migration fail.
      await sql(`create schema "${broken.schemaName}"`);
      await sql(`create table "${broken.schemaName}"."headcount" ("something_else" int)`);

      const first = await migrateAll(orm);
      expect(first.failed).toEqual([{ district: broken.code, error: expect.stringMatching(/headcount.*already exists/) }]);
      expect(first.migrated).toEqual([healthy.code]);
      expect(first.upToDate).not.toContain(broken.code);
      expect(await tablesOf(healthy.schemaName)).toEqual(DISTRICT_TABLES);
      expect(await stateOf(broken)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/already exists/),
        attempts: 1,
        last_migration: null,
      });
      expect(await stateOf(healthy)).toMatchObject({ status: 'migrated', attempts: 1, error: null });
      // The district's run was rolled back as a whole: not even its tracking table was left behind.
      expect(await sql(`select to_regclass(?) as "table"`, [`"${broken.schemaName}".mikro_orm_migrations`])).toEqual([{ table: null }]);

      // Still broken: retried (not skipped), still failed, attempt counted.
      const second = await migrateAll(orm);
      expect(second.failed.map((f) => f.district)).toEqual([broken.code]);
      expect((await stateOf(broken))?.attempts).toBe(2);

      // Cause fixed: the next run migrates it.
      await sql(`drop table "${broken.schemaName}"."headcount"`);
      const third = await migrateAll(orm);
      expect(third.failed).toEqual([]);
      expect(third.migrated).toEqual([broken.code]);
      expect(third.upToDate).toContain(healthy.code);
      expect(await stateOf(broken)).toMatchObject({
        status: 'migrated',
        error: null,
        attempts: 3,
        last_migration: LAST_DISTRICT_MIGRATION,
      });
      expect(await tablesOf(broken.schemaName)).toEqual(DISTRICT_TABLES);

      const fourth = await migrateAll(orm);
      expect(fourth.migrated).toEqual([]);
      expect(fourth.upToDate).toEqual(expect.arrayContaining([broken.code, healthy.code]));
    } finally {
      await dropDistrict(broken);
      await dropDistrict(healthy);
    }
  });

  it('every district appears in exactly one list of the report', async () => {
    const report = await migrateAll(orm);
    const codes = (await sql<{ code: string }>(`select code from core.district order by code`)).map((row) => row.code);
    const reported = [...report.migrated, ...report.upToDate, ...report.failed.map((f) => f.district)].sort();
    expect(reported).toEqual([...codes].sort());
  });

  it('the entities match what the migrations built (no schema diff)', async () => {
    const region = await createRegion(orm);
    const district = await createDistrict(orm, region);
    // (Other files' districts may hold leftovers of their own tests: only `core` is checked here.)
    const core = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(core.split('\n').filter((line) => line.includes('"core"'))).toEqual([]);
    const tenant = await orm.schema.getUpdateSchemaSQL({ wrap: false, schema: district.schemaName });
    expect(tenant.trim()).toBe('');
    // The comparison reads the whole database's catalogue, which grows with every other test
    // file's district schemas: give it time on a loaded machine.
  }, 180_000);
});
