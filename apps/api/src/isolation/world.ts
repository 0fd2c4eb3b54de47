import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { District } from '../modules/directory/district.entity.js';
import { PartnerKind } from '../modules/directory/enums.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { PartnerOrganization } from '../modules/directory/partner-organization.entity.js';
import { Region } from '../modules/directory/region.entity.js';
import { createDistrict, createOrganization, createRegion, groups, uniqueCode } from '../test/factories.js';
import type { TestApp } from '../test/harness.js';
import { FIXTURES_DIR, post, previewPath } from '../test/imports.js';
import { APPROVAL } from '../test/roadmaps.js';

/**
 * The world of the isolation suite, built from the demo data the test run is seeded with:
 *
 * - side A: a new region and district whose schema is a copy of the demo's Sibay (every row, every
 *   id fresh): own school S1 (Sibay's «sosh4»), sibling S2 (the «gimnaziya»: programme,
 *   participants, consents, pairs, meetings, questionnaires, practice, campaign, agreed roadmap with
 *   execution), topped up through the API as S2's own staff with news, SWOT, an attachment, an
 *   import, a KPI link, a review comment and an access-log row; partner P1 in A's region.
 * - side B: another region and district, a copy of A's schema after the top-up (S2 → B1, S1 → B2),
 *   so B has an object of every kind A has.
 * - partner P2 in B's region with mentors, consents, an agreement with B (with a file), a placement
 *   in B's programme and applications.
 *
 * Foreign ids are collected by category: everything of B, everything of S2 (rows owned by S2 and
 * the rows hanging off them), everything of P2. The demo's own Sibay is only read.
 */
export type Category = 'B' | 'S2' | 'P2';

/** Ids by kind (the table they live in) in each category. */
export type ForeignIds = Record<Category, Map<string, string[]>>;

export interface World {
  regionA: Region;
  districtA: District;
  s1: Organization;
  s2: Organization;
  p1: PartnerOrganization;
  regionB: Region;
  districtB: District;
  b1: Organization;
  b2: Organization;
  p2Id: string;
  foreign: ForeignIds;
  /** Every foreign id of a category (any kind), for scanning responses. */
  all: Record<Category, Set<string>>;
  tokensS2: { curator: string; director: string };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A PostgreSQL array literal of uuids (the driver would spread a JS array into a list). */
const pgArray = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type Sql = (query: string, params?: unknown[]) => Promise<any[]>;

function sqlOf(app: TestApp): Sql {
  const connection = app.orm.em.getConnection();
  return (query, params = []) => connection.execute(query, params as any[]);
}

export async function tenantTables(sql: Sql, schema: string): Promise<string[]> {
  const rows = await sql(
    `select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' and (table_name <> 'mikro_orm_migrations' or table_schema = 'core') order by 1`,
    [schema],
  );
  return rows.map((r) => r.table_name as string);
}

/** Scalar uuid columns of a table (the references the closure follows). */
async function uuidColumns(sql: Sql, schema: string, table: string): Promise<string[]> {
  const rows = await sql(`select column_name from information_schema.columns where table_schema = ? and table_name = ? and data_type = 'uuid'`, [
    schema,
    table,
  ]);
  return rows.map((r) => r.column_name as string);
}

/**
 * Copies every row of one district schema into another, with every uuid replaced by a fresh one
 * (`fixed` maps the ids that must become known ones: organisations, the district). Written here
 * because no library copies a tenant with remapped ids; PostgreSQL does the typing
 * (json_populate_recordset), foreign keys are off for the copy's transaction.
 */
async function cloneTenant(app: TestApp, from: string, to: string, fixed: Map<string, string>): Promise<void> {
  const sql = sqlOf(app);
  const map = new Map(fixed);
  const remap = (text: string) =>
    text.replace(UUID, (id) => {
      const key = id.toLowerCase();
      if (!map.has(key)) map.set(key, uuidv7());
      return map.get(key)!;
    });
  const copies: Array<{ table: string; json: string }> = [];
  for (const table of await tenantTables(sql, from)) {
    // Empty tables of the target (district_settings has a fixed key) are filled; others would collide.
    const rows = await sql(`select coalesce(json_agg(x), '[]'::json)::text as j from ${quote(from)}.${quote(table)} x`);
    copies.push({ table, json: remap(rows[0].j as string) });
  }
  await app.orm.em.getConnection().transactional(async (tx) => {
    await app.orm.em.getConnection().execute(`set local session_replication_role = replica`, [], 'run', tx);
    for (const { table, json } of copies) {
      await app.orm.em
        .getConnection()
        .execute(
          `insert into ${quote(to)}.${quote(table)} select * from json_populate_recordset(null::${quote(to)}.${quote(table)}, ?::json)`,
          [json],
          'run',
          tx,
        );
    }
  });
}

/**
 * Rows of a district schema that belong to one organisation: those naming it in a scalar uuid
 * column, then, to a fixed point, those naming such a row. Returns ids (and item/section keys)
 * by table.
 */
export async function organizationRows(sql: Sql, schema: string, organizationId: string): Promise<Map<string, string[]>> {
  const tables = await tenantTables(sql, schema);
  const columns = new Map<string, string[]>();
  for (const table of tables) columns.set(table, await uuidColumns(sql, schema, table));
  const owned = new Set<string>([organizationId]);
  const byTable = new Map<string, Set<string>>();
  for (let changed = true; changed;) {
    changed = false;
    for (const table of tables) {
      const refs = columns.get(table)!.filter((c) => c !== 'id' && c !== 'key');
      if (!refs.length || !columns.get(table)!.includes('id')) continue;
      const hasKey = columns.get(table)!.includes('key');
      const rows = await sql(
        `select id::text as id${hasKey ? ', key::text as key' : ''} from ${quote(schema)}.${quote(table)} where ${refs.map((c) => `${quote(c)}::text = any(?::text[])`).join(' or ')}`,
        refs.map(() => pgArray(owned)),
      );
      const set = byTable.get(table) ?? new Set<string>();
      byTable.set(table, set);
      for (const row of rows) {
        for (const id of [row.id, row.key].filter(Boolean) as string[]) {
          if (!owned.has(id)) {
            owned.add(id);
            changed = true;
          }
          set.add(id);
        }
      }
    }
  }
  return new Map([...byTable].filter(([, ids]) => ids.size > 0).map(([table, ids]) => [table, [...ids]]));
}

/** Ids (and keys) of every row of a district schema by table; every other uuid in the rows under «(referenced)». */
async function schemaIds(sql: Sql, schema: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const seen = new Set<string>();
  const referenced = new Set<string>();
  for (const table of await tenantTables(sql, schema)) {
    const columns = await uuidColumns(sql, schema, table);
    const own = ['id', 'key'].filter((c) => columns.includes(c));
    const rows = await sql(`select row_to_json(x)::text as j${own.map((c) => `, ${c}::text as ${c}`).join('')} from ${quote(schema)}.${quote(table)} x`);
    const ids = rows.flatMap((row) => own.map((c) => row[c] as string));
    if (ids.length) result.set(table, ids);
    for (const id of ids) seen.add(id);
    for (const row of rows) for (const id of (row.j as string).match(UUID) ?? []) referenced.add(id.toLowerCase());
  }
  result.set(
    '(referenced)',
    [...referenced].filter((id) => !seen.has(id)),
  );
  return result;
}

async function ok(app: TestApp, query: string, token: string, variables: Record<string, unknown> = {}) {
  const response = await app.gql(query, { token, variables });
  expect(response.body.errors, `${query.slice(0, 80)}: ${JSON.stringify(response.body.errors)}`).toBeUndefined();
  return response.body.data as Record<string, any>;
}

/** The kinds the demo data lacks, added to S2 through the API as S2's own staff. */
async function topUpS2(app: TestApp, schema: string, s2: Organization, curator: string, director: string, officer: string): Promise<void> {
  const sql = sqlOf(app);
  await ok(
    app,
    `mutation($o: ID!) { createSchoolNews(organizationId: $o, input: { title: "Новость гимназии", body: "Текст", published: true }) { id } }`,
    curator,
    { o: s2.id },
  );
  const programme = (await sql(`select id::text, period_start::text from ${schema}.programme where organization_id = ? limit 1`, [s2.id]))[0];
  const first = Number(String(programme.period_start).slice(0, 4));
  await ok(app, `mutation($i: SaveSwotFormInput!) { saveSwotForm(input: $i) { id } }`, curator, {
    i: {
      organizationId: s2.id,
      academicYear: `${first}/${first + 1}`,
      strengths: ['Опыт'],
      weaknesses: ['Нагрузка'],
      opportunities: ['Партнёры'],
      threats: ['Текучесть'],
    },
  });
  const upload = await post(
    app,
    `/attachments?${new URLSearchParams({ organizationId: s2.id, fileName: 'Приказ.txt' })}`,
    curator,
    new TextEncoder().encode('Приказ № 1'),
  );
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const text = await readFile(path.join(FIXTURES_DIR, 'roadmap-noise.txt'));
  const previewed = await post(app, previewPath('Карта.txt', { organizationId: s2.id }), curator, new Uint8Array(text));
  expect(previewed.status, JSON.stringify(previewed.body).slice(0, 300)).toBe(201);
  await ok(app, `mutation($i: CreateRoadmapFromImportInput!) { createRoadmapFromImport(input: $i) { id } }`, curator, {
    i: { uploadId: previewed.body.uploadId, organizationId: s2.id },
  });
  // The agreed roadmap of the demo: a KPI link on one of its items, a comment on a new revision.
  const item = (
    await sql(
      `select i.id::text from ${schema}.roadmap_item i join ${schema}.roadmap_revision v on v.id = i.revision_id join ${schema}.roadmap r on r.id = v.roadmap_id where r.organization_id = ? and r.in_force_revision_id = v.id limit 1`,
      [s2.id],
    )
  )[0];
  await ok(app, `mutation($i: SetRoadmapItemKpiLinkInput!) { setRoadmapItemKpiLink(input: $i) { id } }`, curator, {
    i: { itemId: item.id, kpi: 'coverage', op: '>=', target: 10 },
  });
  const roadmap = (
    await sql(
      `select r.id::text, v.id::text as revision, v.version from ${schema}.roadmap r join ${schema}.roadmap_revision v on v.id = r.latest_revision_id where r.organization_id = ? and r.in_force_revision_id is not null limit 1`,
      [s2.id],
    )
  )[0];
  const decide = async (token: string, revision: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
    (
      await ok(app, `mutation($i: RoadmapDecisionInput!) { decideRoadmap(input: $i) { id version } }`, token, {
        i: { revisionId: revision.id, expectedVersion: revision.version, action, ...extra },
      })
    ).decideRoadmap as { id: string; version: number };
  // A new revision through the director to the district, where the officer leaves a remark.
  let next = await decide(curator, { id: roadmap.revision, version: roadmap.version }, 'CREATE_REVISION');
  // The curator's editor draft of the new revision on the server (it stays there after the submission).
  await ok(app, `mutation($i: SaveRoadmapDraftInput!) { saveRoadmapDraft(input: $i) { id } }`, curator, {
    i: { revisionId: next.id, baseVersion: next.version, content: JSON.stringify({ header: { title: 'Черновик гимназии' }, sections: [] }) },
  });
  next = await decide(curator, next, 'SUBMIT_TO_DIRECTOR');
  next = await decide(director, next, 'APPROVE', { approval: APPROVAL });
  await decide(officer, next, 'COMMENT', { comment: 'Уточнить сроки' });
  // A reminder of a campaign's due date to S2 (written directly: S2 has submitted, so the API would refuse it now).
  await sql(
    `insert into ${schema}.campaign_reminder (id, campaign_id, organization_id, reminded_by_user_id, reminded_by_name)
       select gen_random_uuid(), c.id, ?, 'officer', 'Специалист' from ${schema}.campaign c order by c.due_date limit 1`,
    [s2.id],
  );
  // Reading a participant's card writes the access log.
  const participant = (await sql(`select id::text from ${schema}.participant where organization_id = ? limit 1`, [s2.id]))[0];
  await ok(app, `query($id: ID!) { participant(id: $id) { id lastName } }`, curator, { id: participant.id });
}

/** Partner P2's rows in `core`: mentors, a consent, an agreement with B and its file, a placement, an application. */
async function partnerRows(app: TestApp, w: { regionB: Region; districtB: District; b1: Organization }): Promise<string> {
  const sql = sqlOf(app);
  const em = app.orm.em.fork();
  const p2 = em.create(PartnerOrganization, {
    code: uniqueCode('iso-p2'),
    name: 'ООО «Чужой партнёр»',
    kind: PartnerKind.ENTERPRISE,
    region: em.getReference(Region, w.regionB.id),
  });
  await em.flush();
  const schema = w.districtB.schemaName;
  const programme = (await sql(`select id::text from ${quote(schema)}.programme where organization_id = ? limit 1`, [w.b1.id]))[0];
  const participant = (await sql(`select id::text from ${quote(schema)}.participant where programme_id = ? and role = 'mentor' limit 1`, [programme.id]))[0];
  const mentor = uuidv7();
  const mentor2 = uuidv7();
  const agreement = uuidv7();
  const file = uuidv7();
  const today = new Date().toISOString().slice(0, 10);
  for (const id of [mentor, mentor2]) {
    await sql(
      `insert into core.partner_mentor (id, partner_id, last_name, first_name, middle_name, position, email, phone, tags, free_text, availability, capacity) values (?, ?, 'Чужаков', 'Пётр', 'Иванович', 'Инженер', 'p2@example.ru', '8 (900) 000-00-00', '["робототехника"]', 'Кружок', 'вт', 2)`,
      [id, p2.id],
    );
    await sql(
      `insert into core.partner_mentor_consent (id, mentor_id, scopes, text_version, signed_on, recorded_by_name) values (?, ?, '["processing"]', 'v1', ?, 'Чужаков')`,
      [uuidv7(), id, today],
    );
  }
  await sql(
    `insert into core.partner_agreement (id, partner_id, level, district_id, organization_id, subject, number, signed_on, period_start, period_end, decision, proposed_by_name, decided_by_name, decided_at) values (?, ?, 'school', ?, ?, 'Наставничество', '7', ?, ?, ?, 'accepted', 'Чужаков', 'Директор', now())`,
    [agreement, p2.id, w.districtB.id, w.b1.id, today, today, `${Number(today.slice(0, 4)) + 1}-08-31`],
  );
  await sql(
    `insert into core.partner_agreement_file (id, agreement_id, file_name, content_type, size, sha256, storage, uploaded_by_user_id, uploaded_by_name, uploaded_by_side) values (?, ?, 'Соглашение.txt', 'text/plain', 4, repeat('0', 64), 'database', 'p2', 'Чужаков', 'partner')`,
    [file, agreement],
  );
  await sql(`insert into core.partner_agreement_file_content (file_id, data) values (?, '\\x74657374')`, [file]);
  await sql(
    `insert into core.partner_placement (id, mentor_id, partner_id, district_id, organization_id, programme_id, participant_id) values (?, ?, ?, ?, ?, ?, ?)`,
    [uuidv7(), mentor, p2.id, w.districtB.id, w.b1.id, programme.id, participant.id],
  );
  await sql(
    `insert into core.partner_application (id, status, name, kind, inn, address, region_id, district_id, contact_name, contact_email, contact_phone, partner_id, admin_username, consent_given_at, consent_text_version, consent_text)
     values (?, 'approved', 'ООО «Чужой партнёр»', 'enterprise', ?, 'г. Курск', ?, ?, 'Чужакова Анна', 'anna@example.ru', '8 (900) 000-00-01', ?, 'p2.admin', now(), 'v1', 'Согласие')`,
    [uuidv7(), legalEntityInn(), w.regionB.id, w.districtB.id, p2.id],
  );
  await sql(
    `insert into core.partner_application (id, status, name, kind, inn, address, region_id, district_id, contact_name, contact_email, contact_phone, consent_given_at, consent_text_version, consent_text)
     values (?, 'pending', 'ООО «Ещё один чужой»', 'enterprise', ?, 'г. Курск', ?, ?, 'Чужакова Вера', 'vera@example.ru', '8 (900) 000-00-02', now(), 'v1', 'Согласие')`,
    [uuidv7(), legalEntityInn(), w.regionB.id, w.districtB.id],
  );
  return p2.id;
}

/**
 * A fresh valid INN of a legal entity (10 digits, checksum): an INN is unique among applications, and
 * the partners' test files sign up with real ones in the same database.
 */
function legalEntityInn(): string {
  const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11) % 10;
  return [...digits, check].join('');
}

/** P2's rows: every core row naming P2, its mentors or its agreements (ids by table). */
async function partnerIds(sql: Sql, p2Id: string, regionBId: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>([['partner_organization', [p2Id]]]);
  const mentors = (await sql(`select id::text from core.partner_mentor where partner_id = ?`, [p2Id])).map((r) => r.id as string);
  const agreements = (await sql(`select id::text from core.partner_agreement where partner_id = ?`, [p2Id])).map((r) => r.id as string);
  result.set('partner_mentor', mentors);
  result.set('partner_agreement', agreements);
  result.set(
    'partner_mentor_consent',
    (await sql(`select id::text from core.partner_mentor_consent where mentor_id::text = any(?::text[])`, [pgArray(mentors)])).map((r) => r.id),
  );
  result.set(
    'partner_agreement_file',
    (await sql(`select id::text from core.partner_agreement_file where agreement_id::text = any(?::text[])`, [pgArray(agreements)])).map((r) => r.id),
  );
  result.set(
    'partner_placement',
    (await sql(`select id::text from core.partner_placement where partner_id = ?`, [p2Id])).map((r) => r.id),
  );
  result.set(
    'partner_application',
    (await sql(`select id::text from core.partner_application where partner_id = ? or region_id = ?`, [p2Id, regionBId])).map((r) => r.id),
  );
  return result;
}

export async function buildWorld(app: TestApp): Promise<World> {
  const sql = sqlOf(app);
  const em = app.orm.em.fork();
  // The demo's Sibay is the template; other test files read it, so A is a copy and Sibay stays as seeded.
  const demoRegion = await em.findOneOrFail(Region, { code: 'bashkortostan' });
  const demoDistrict = await em.findOneOrFail(District, { code: 'sibay' });
  const demoS1 = await em.findOneOrFail(Organization, { district: demoDistrict, code: 'sosh4' });
  const demoS2 = await em.findOneOrFail(Organization, { district: demoDistrict, code: 'gimnaziya' });
  const regionA = await createRegion(app.orm, { name: 'Своя область' });
  const districtA = await createDistrict(app.orm, regionA, { name: 'ГО г. Свой' });
  const s1 = await createOrganization(app.orm, districtA, { shortName: 'МОБУ «Своя СОШ»' });
  const s2 = await createOrganization(app.orm, districtA, { shortName: 'МОБУ «Соседняя гимназия»' });
  await cloneTenant(
    app,
    demoDistrict.schemaName,
    districtA.schemaName,
    new Map([
      [demoS2.id, s2.id],
      [demoS1.id, s1.id],
      [demoDistrict.id, districtA.id],
      [demoRegion.id, regionA.id],
    ]),
  );
  const p1 = em.create(PartnerOrganization, {
    code: uniqueCode('iso-p1'),
    name: 'ООО «Свой партнёр»',
    kind: PartnerKind.UNIVERSITY,
    region: em.getReference(Region, regionA.id),
  });
  await em.flush();
  const s2Groups = [groups.organization(regionA, districtA, s2)];
  const tokensS2 = {
    curator: await app.tokenFor('school-curator', s2Groups, 'gimnaziya.curator'),
    director: await app.tokenFor('school-director', s2Groups, 'gimnaziya.director'),
  };
  const officerA = await app.tokenFor('district-officer', [groups.district(regionA, districtA)], 'sibay.officer');
  await topUpS2(app, districtA.schemaName, s2, tokensS2.curator, tokensS2.director, officerA);

  const regionB = await createRegion(app.orm, { name: 'Чужая область' });
  const districtB = await createDistrict(app.orm, regionB, { name: 'ГО г. Чужой' });
  const b1 = await createOrganization(app.orm, districtB, { shortName: 'МОБУ «Чужая гимназия»' });
  const b2 = await createOrganization(app.orm, districtB, { shortName: 'МОБУ «Чужая СОШ»' });
  await cloneTenant(
    app,
    districtA.schemaName,
    districtB.schemaName,
    new Map([
      [s2.id, b1.id],
      [s1.id, b2.id],
      [districtA.id, districtB.id],
      [regionA.id, regionB.id],
    ]),
  );
  const p2Id = await partnerRows(app, { regionB, districtB, b1 });

  const b = await schemaIds(sql, districtB.schemaName);
  b.set('region', [regionB.id]);
  b.set('district', [districtB.id]);
  b.set('organization', [b1.id, b2.id]);
  const s2Rows = await organizationRows(sql, districtA.schemaName, s2.id);
  s2Rows.set('organization', [s2.id]);
  const foreign: ForeignIds = { B: b, S2: s2Rows, P2: await partnerIds(sql, p2Id, regionB.id) };
  const all = Object.fromEntries((Object.keys(foreign) as Category[]).map((c) => [c, new Set([...foreign[c].values()].flat())])) as Record<
    Category,
    Set<string>
  >;
  return { regionA, districtA, s1, s2, p1, regionB, districtB, b1, b2, p2Id, foreign, all, tokensS2 };
}

/**
 * A fingerprint of everything foreign: every row of B's schema, S2's rows in A's schema (found
 * again, so rows added to S2 show), and the core rows naming B or P2. Equal before and after the
 * mutation pass, or some call wrote into someone else's data.
 */
export async function foreignFingerprint(app: TestApp, w: World): Promise<Record<string, string>> {
  const sql = sqlOf(app);
  const out: Record<string, string> = {};
  const digest = async (label: string, from: string, where = 'true', params: unknown[] = []) => {
    const rows = await sql(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${from} x where ${where}`,
      params,
    );
    out[label] = `${rows[0].n}:${rows[0].h}`;
  };
  for (const table of await tenantTables(sql, w.districtB.schemaName)) await digest(`B.${table}`, `${quote(w.districtB.schemaName)}.${quote(table)}`);
  const s2Rows = await organizationRows(sql, w.districtA.schemaName, w.s2.id);
  for (const table of await tenantTables(sql, w.districtA.schemaName)) {
    const ids = s2Rows.get(table);
    if (ids) await digest(`S2.${table}`, `${quote(w.districtA.schemaName)}.${quote(table)}`, `id::text = any(?::text[])`, [pgArray(ids)]);
  }
  // Core rows owned by B, S2 or P2. A new core table must be placed here (or said to hold none).
  const p2 = w.p2Id;
  const core: Record<string, string | null> = {
    region: `id = '${w.regionB.id}'`,
    district: `id = '${w.districtB.id}'`,
    organization: `id in ('${w.b1.id}', '${w.b2.id}', '${w.s2.id}')`,
    district_kpi_snapshot: `district_id = '${w.districtB.id}'`,
    district_migration_state: `district_id = '${w.districtB.id}'`,
    // A's writes must not mark B's KPIs as changed.
    kpi_dirty: `schema_name = '${w.districtB.schemaName}'`,
    partner_organization: `id = '${p2}'`,
    partner_mentor: `partner_id = '${p2}'`,
    partner_mentor_consent: `mentor_id in (select id from core.partner_mentor where partner_id = '${p2}')`,
    partner_agreement: `partner_id = '${p2}'`,
    partner_agreement_file: `agreement_id in (select id from core.partner_agreement where partner_id = '${p2}')`,
    partner_agreement_file_content: `file_id in (select f.id from core.partner_agreement_file f join core.partner_agreement a on a.id = f.agreement_id where a.partner_id = '${p2}')`,
    partner_placement: `partner_id = '${p2}'`,
    partner_application: `id::text = any('${pgArray(w.foreign.P2.get('partner_application') ?? [])}'::text[])`,
    // Letters of B's district (its officers' delivery log).
    notification: `district_id = '${w.districtB.id}'`,
    // Choices per kind belong to a login or an address, not to a district: a caller changes only
    // their own (the token's login) or one letter's (its secret link) — the preferences test tries.
    notification_preference: null,
    // Calendar links made in B (A's users make theirs in A).
    calendar_feed: `district_id = '${w.districtB.id}'`,
    mikro_orm_migrations: null,
  };
  for (const table of await tenantTables(sql, 'core')) {
    expect(table in core, `isolation/world.ts: whose rows are in core.${table}?`).toBe(true);
    if (core[table]) await digest(`core.${table}`, `core.${quote(table)}`, core[table]!);
  }
  return out;
}

/** A digest of every row of a schema (to show the demo's Sibay is left as it was). */
export async function schemaDigest(app: TestApp, schema: string): Promise<string> {
  const sql = sqlOf(app);
  const parts: string[] = [];
  for (const table of await tenantTables(sql, schema)) {
    const rows = await sql(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${quote(schema)}.${quote(table)} x`);
    parts.push(`${table}:${rows[0].h}`);
  }
  return parts.join(',');
}
