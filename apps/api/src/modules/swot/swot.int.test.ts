import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { download } from '../../test/imports.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

const YEAR = '2025/2026';
const FIELDS = 'id organizationId academicYear programmeId programmeName formDate strengths weaknesses opportunities threats authorName version';
const GET = /* GraphQL */ `query($org: ID!, $year: String!, $programme: ID) { swotForm(organizationId: $org, academicYear: $year, programmeId: $programme) { ${FIELDS} } }`;
const SAVE = /* GraphQL */ `mutation($input: SaveSwotFormInput!) { saveSwotForm(input: $input) { ${FIELDS} } }`;

let app: TestApp;
let w: RoadmapWorld;
let other: RoadmapWorld;
let programmeId: string;

const input = (extra: Record<string, unknown> = {}) => ({
  organizationId: w.school1.id,
  academicYear: YEAR,
  formDate: '2025-10-01',
  strengths: ['Опытные наставники из числа педагогов', '  ', 'Поддержка администрации'],
  weaknesses: ['Мало наставников-партнёров'],
  opportunities: ['Сотрудничество с Сибайским институтом'],
  threats: ['Нагрузка педагогов'],
  ...extra,
});

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
  other = await roadmapWorld(app);
  programmeId = randomUUID();
  await app.orm.em.getConnection().execute(
    `insert into "${w.district.schemaName}".programme (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
     values (?, ?, 'Программа «Вместе»', '[]', '[]', '[]', '2025-09-01', '2026-08-31', 'test')`,
    [programmeId, w.school1.id],
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('SWOT form of a school', () => {
  it('school staff save it (per year and programme), the district reads it, versions guard concurrent edits', async () => {
    expect((await ok<{ swotForm: any }>(app, GET, w.tokens.curator1, { org: w.school1.id, year: YEAR })).swotForm).toBeNull();
    const saved = (await ok<{ saveSwotForm: any }>(app, SAVE, w.tokens.curator1, { input: input() })).saveSwotForm;
    expect(saved).toMatchObject({
      academicYear: YEAR,
      programmeId: null,
      formDate: '2025-10-01',
      strengths: ['Опытные наставники из числа педагогов', 'Поддержка администрации'],
      threats: ['Нагрузка педагогов'],
      version: 1,
      authorName: expect.any(String),
    });
    const again = (
      await ok<{ saveSwotForm: any }>(app, SAVE, w.tokens.director1, { input: input({ threats: ['Нагрузка педагогов', 'Смена кадров'], expectedVersion: 1 }) })
    ).saveSwotForm;
    expect(again).toMatchObject({ id: saved.id, version: 2, threats: ['Нагрузка педагогов', 'Смена кадров'] });
    const stale = await fails(app, SAVE, w.tokens.curator1, { input: input({ expectedVersion: 1 }) });
    expect(stale.extensions?.code).toBe('CONFLICT');
    // A programme's own form is a separate one.
    const perProgramme = (await ok<{ saveSwotForm: any }>(app, SAVE, w.tokens.curator1, { input: input({ programmeId, strengths: ['Программа работает'] }) }))
      .saveSwotForm;
    expect(perProgramme).toMatchObject({ programmeId, programmeName: 'Программа «Вместе»', version: 1 });
    expect(perProgramme.id).not.toBe(saved.id);

    const read = (await ok<{ swotForm: any }>(app, GET, w.tokens.officer, { org: w.school1.id, year: YEAR })).swotForm;
    expect(read).toMatchObject({ id: saved.id, version: 2 });
    expect((await ok<{ swotForm: any }>(app, GET, w.tokens.head, { org: w.school1.id, year: YEAR, programme: programmeId })).swotForm.strengths).toEqual([
      'Программа работает',
    ]);
    // The district reads but does not edit.
    expect((await fails(app, SAVE, w.tokens.officer, { input: input() })).extensions?.code).toBe('FORBIDDEN');
  });

  it('bad input names the field, keeps the saved form', async () => {
    const long = await fails(app, SAVE, w.tokens.curator1, { input: input({ weaknesses: ['x'.repeat(1001)] }) });
    expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weaknesses[0]' });
    expect(long.message).toContain('Слабые стороны');
    expect((await fails(app, SAVE, w.tokens.curator1, { input: input({ academicYear: '2025' }) })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'academicYear',
    });
    expect((await fails(app, SAVE, w.tokens.curator1, { input: input({ formDate: '31.12.2025' }) })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'formDate',
    });
    expect((await fails(app, SAVE, w.tokens.curator1, { input: input({ programmeId: randomUUID() }) })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'programmeId',
    });
    const kept = (await ok<{ swotForm: any }>(app, GET, w.tokens.curator1, { org: w.school1.id, year: YEAR })).swotForm;
    expect(kept.version).toBe(2);
  });

  it('cross-school and cross-district attempts fail; nothing leaks', async () => {
    // The other school's curator, in the same district.
    expect((await fails(app, GET, w.tokens.curator2, { org: w.school1.id, year: YEAR })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, SAVE, w.tokens.curator2, { input: input() })).extensions?.code).toBe('NOT_FOUND');
    // Another district's officer and curator (a curator naming their own school with another school's programme too).
    expect((await fails(app, GET, other.tokens.officer, { org: w.school1.id, year: YEAR })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, SAVE, other.tokens.curator1, { input: input() })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, SAVE, other.tokens.curator1, { input: input({ organizationId: other.school1.id, programmeId }) })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'programmeId',
    });
    const docx = await download(app, `/exports/swot.docx?organizationId=${w.school1.id}&academicYear=${encodeURIComponent(YEAR)}`, other.tokens.officer);
    expect(docx.status).toBe(404);
  });

  it('exports «SWOT-анализ программы наставничества» as DOCX', async () => {
    const file = await download(app, `/exports/swot.docx?organizationId=${w.school1.id}&academicYear=${encodeURIComponent(YEAR)}`, w.tokens.officer);
    expect(file.status).toBe(200);
    const text = strFromU8(unzipSync(new Uint8Array(file.bytes))['word/document.xml']!).replace(/<[^>]+>/g, ' ');
    for (const expected of [
      'SWOT-анализ программы наставничества',
      'Сильные стороны',
      'Слабые стороны',
      'Возможности',
      'Угрозы',
      '1. Опытные наставники из числа педагогов',
      '2. Смена кадров',
      '01.10.2025',
    ]) {
      expect(text).toContain(expected);
    }
    const programme = await download(
      app,
      `/exports/swot.docx?organizationId=${w.school1.id}&academicYear=${encodeURIComponent(YEAR)}&programmeId=${programmeId}`,
      w.tokens.curator1,
    );
    expect(strFromU8(unzipSync(new Uint8Array(programme.bytes))['word/document.xml']!)).toContain('Программа «Вместе»');
    expect((await download(app, `/exports/swot.docx?organizationId=${w.school2.id}&academicYear=${encodeURIComponent(YEAR)}`, w.tokens.curator2)).status).toBe(
      404,
    );
    expect((await download(app, `/exports/swot.docx?organizationId=${w.school1.id}&academicYear=2025`, w.tokens.curator1)).status).toBe(400);
  });
});
