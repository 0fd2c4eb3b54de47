import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { post } from '../../test/imports.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Bulk import of a base from an Excel book over real HTTP: told from CSV by content (a ZIP), real
 * date cells, a mixed file where bad rows are reported and good rows saved; the XLSX template.
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

type Cell = string | { serial: number } | null;
const col = (i: number) => String.fromCharCode(65 + i);

/** A book as Excel writes it: shared strings, dates as serial numbers with a date format. */
function xlsx(rows: Cell[][]): Uint8Array {
  const strings: string[] = [];
  const sst = (value: string) => {
    const at = strings.indexOf(value);
    if (at >= 0) return at;
    strings.push(value);
    return strings.length - 1;
  };
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const sheetRows = rows
    .map((row, r) => {
      if (row.length === 0) return '';
      const cells = row
        .map((cell, c) => {
          const ref = `${col(c)}${r + 1}`;
          if (cell === null || cell === '') return '';
          if (typeof cell === 'object') return `<c r="${ref}" s="1"><v>${cell.serial}</v></c>`;
          return `<c r="${ref}" t="s"><v>${sst(cell)}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="База" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
        .join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  });
}

/** Excel's serial of a date. */
const serial = (iso: string) => ({ serial: (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000 });

const HEADER = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Категория',
  'Дата рождения',
  'Класс / должность',
  'Запрос (теги)',
  'Запрос (описание)',
  'Дата согласия',
  'Согласие дал',
  'Законный представитель (ФИО)',
  'Кем приходится',
  'Документ представителя',
];

async function programme(name: string) {
  const { createProgramme } = await ok<{ createProgramme: any }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    w.tokens.curator1,
    { input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' } },
  );
  return createProgramme.id as string;
}

const PEOPLE = `query($id: ID!) { participants(programmeId: $id, page: { limit: 100 }) { total items { displayName birthDate tags consents { givenBy signedOn representativeRelation } } } }`;

describe('import of a base from XLSX', () => {
  it('a mixed book: good rows saved with their consents (real date cells), bad rows reported with their sheet row numbers, nothing half-saved', async () => {
    const programmeId = await programme('Импорт XLSX');
    const book = xlsx([
      HEADER,
      [
        'Орлова',
        'Анна',
        'Игоревна',
        'Обучающийся',
        serial('2012-05-12'),
        '6 «А»',
        'математика; олимпиады',
        'Олимпиады',
        serial('2025-09-01'),
        'Законный представитель',
        'Орлова Ирина Павловна',
        'Мать',
        'Свидетельство о рождении I-АР № 1',
      ],
      ['Белов', 'Иван', null, 'Обучающийся', '01.02.2011', '7 «В»', 'чтение'],
      [],
      ['Седов', 'Кирилл', null, null, '01.02.2011', '7 «В»', 'чтение', null, '01.09.2025', 'Законный представитель', 'Седова Ольга', 'Мать', 'Св-во'],
      ['Жуков', 'Павел', null, 'Обучающийся', '31.02.2011', '7 «В»', 'чтение', null, '01.09.2025', 'Законный представитель', 'Жукова Анна', 'Мать', 'Св-во'],
      [
        'Лебедева',
        'Ольга',
        null,
        'Ученица',
        '20.11.2011',
        '7 «В»',
        'английский язык',
        null,
        '02.09.2025',
        'Законный представитель',
        'Лебедев Олег',
        'Отец',
        'Св-во 2',
      ],
    ]);
    // The name says .csv: the content (a ZIP) decides.
    const response = await post(app, `/participants/import?programmeId=${programmeId}&role=mentee&fileName=base.csv`, w.tokens.curator1, book);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.summary).toEqual({ total: 6, imported: 2, error: 3, warning: 0, empty: 1 });
    const byRow = new Map<number, any>(response.body.rows.map((r: any) => [r.rowNumber, r]));
    expect(byRow.get(2)).toMatchObject({ status: 'ok', participantId: expect.any(String), name: 'Орлова Анна Игоревна' });
    expect(byRow.get(3).status).toBe('error');
    expect(byRow.get(3).issues.map((i: any) => i.message)).toContain(
      'Нет данных о согласии (дата согласия и кто его дал): участник без согласия не сохраняется',
    );
    expect(byRow.get(4).status).toBe('empty');
    expect(byRow.get(5)).toMatchObject({ status: 'error', participantId: null });
    expect(byRow.get(5).issues[0]).toMatchObject({ field: 'category', message: expect.stringMatching(/\S/) });
    expect(byRow.get(6)).toMatchObject({ status: 'error' });
    expect(byRow.get(6).issues[0]).toMatchObject({ field: 'birthDate' });
    expect(byRow.get(7)).toMatchObject({ status: 'ok', name: 'Лебедева Ольга' });

    const { participants } = await ok<{ participants: any }>(app, PEOPLE, w.tokens.curator1, { id: programmeId });
    expect(participants.total).toBe(2);
    const orlova = participants.items.find((p: any) => p.displayName === 'Орлова Анна Игоревна');
    expect(orlova).toMatchObject({
      birthDate: '2012-05-12',
      tags: ['математика', 'олимпиадная подготовка'],
      consents: [{ givenBy: 'representative', signedOn: '2025-09-01', representativeRelation: 'mother' }],
    });
    const rows = await app.orm.em
      .getConnection()
      .execute<Array<{ last_name: string }>>(`select last_name from "${w.district.schemaName}"."participant" where programme_id = ? order by last_name`, [
        programmeId,
      ]);
    expect(rows.map((r) => r.last_name)).toEqual(['Лебедева', 'Орлова']);
  });

  it('a broken book, a binary file and a book without data rows get Russian messages, not 500', async () => {
    const programmeId = await programme('Импорт: ошибки');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    const bad = await post(app, `/participants/import?programmeId=${programmeId}&role=mentee`, w.tokens.curator1, broken);
    expect(bad.status).toBe(415);
    expect(bad.body.errors?.[0]?.message ?? bad.body.message ?? JSON.stringify(bad.body)).toMatch(/XLSX/);
    const binary = await post(
      app,
      `/participants/import?programmeId=${programmeId}&role=mentee`,
      w.tokens.curator1,
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]),
    );
    expect(binary.status).toBe(415);
    const headerOnly = await post(app, `/participants/import?programmeId=${programmeId}&role=mentee`, w.tokens.curator1, xlsx([HEADER]));
    expect(headerOnly.status).toBe(400);
    expect(JSON.stringify(headerOnly.body)).toContain('Файл пуст');
    // Another school's curator cannot import into this programme.
    const foreign = await post(app, `/participants/import?programmeId=${programmeId}&role=mentee`, w.tokens.curator2, xlsx([HEADER, HEADER]));
    expect(foreign.status).toBe(400);
  });

  it('the XLSX template: Russian headers, an example row, a hint sheet; filled in, it imports', async () => {
    const response = await fetch(`${app.api.url}/participants/import-template.xlsx?role=mentee`, { headers: { authorization: `Bearer ${w.tokens.curator1}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const files = unzipSync(bytes);
    const workbook = new TextDecoder().decode(files['xl/workbook.xml']);
    expect(workbook).toContain('name="Участники"');
    expect(workbook).toContain('name="Подсказки"');
    const sheet1 = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    for (const header of ['Фамилия', 'Категория', 'Дата согласия', 'Законный представитель (ФИО)']) expect(sheet1).toContain(`>${header}<`);
    expect(sheet1).toContain('>Иванова<');
    const hints = new TextDecoder().decode(files['xl/worksheets/sheet2.xml']);
    expect(hints).toContain('Обучающийся');
    expect(hints).toContain('ДД.ММ.ГГГГ');
    // The template's example row is a valid mentee: importing the template as is loads it.
    const programmeId = await programme('Импорт шаблона');
    const imported = await post(app, `/participants/import?programmeId=${programmeId}&role=mentee`, w.tokens.curator1, bytes);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.summary).toMatchObject({ total: 1, imported: 1 });
    const unauthenticated = await fetch(`${app.api.url}/participants/import-template.xlsx?role=mentee`);
    expect(unauthenticated.status).toBe(401);
  });

  it('the partner mentor registry takes an XLSX book too', async () => {
    const partner = await app.tokenFor('partner-admin', ['/partners/sibay-institute'], 'partner.admin');
    const book = xlsx([
      ['Фамилия', 'Имя', 'Должность', 'Компетенции (теги через запятую)', 'Сколько наставляемых', 'Согласие: версия текста', 'Согласие: дата подписания'],
      ['Экселев', 'Игорь', 'Инженер', 'python, робототехника', '2', 'Согласие v1', serial('2025-10-01')],
      [null, 'Безфамильный', null, null, null, 'Согласие v1', serial('2025-10-01')],
    ]);
    const response = await fetch(`${app.api.url}/partners/mentors/import`, { method: 'POST', headers: { authorization: `Bearer ${partner}` }, body: book });
    const report = (await response.json()) as any;
    expect(response.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ total: 2, imported: 1 });
    expect(report.rows[1]).toMatchObject({ ok: false, field: 'lastName' });
  });
});
