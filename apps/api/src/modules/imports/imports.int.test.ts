import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lostText, type ImportPreview } from '@nastavnik/domain';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  CREATE_FROM_IMPORT,
  importRowCounts,
  download,
  FIXTURES_DIR,
  IMPORTED_ROADMAP,
  itemFields,
  post,
  previewPath,
  savedAsPreview,
  SEEDS_DIR,
  textPieces,
  type RestResponse,
} from '../../test/imports.js';
import { CREATE_CAMPAIGN, CREATE_ROADMAP, fails, ok, revision, roadmapWorld, SAVE_REVISION, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Import over real HTTP and PostgreSQL: `POST /imports/preview` (the file stored, the parser's
 * preview back), `POST /imports/<uploadId>/preview` (the curator's column mapping), the GraphQL
 * mutation `createRoadmapFromImport` (roadmap + draft revision + source file + import record in one
 * transaction). The real documents of ../shared/seeds when present, the project's own fixtures and
 * DOCX files made by the project's exporter always; bad files; a 2,000-row file; the scope.
 */
let app: TestApp;
let w: RoadmapWorld;
let kursk: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
  kursk = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const counts = (world: RoadmapWorld = w) => importRowCounts(app, world.district);

async function previewFile(
  token: string | null,
  fileName: string,
  bytes: Uint8Array,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<RestResponse> {
  return post(app, previewPath(fileName, query), token, bytes, headers);
}

/** Preview (must succeed) then create the draft; returns both. */
async function importFile(token: string, fileName: string, bytes: Uint8Array, input: Record<string, unknown> = {}, query: Record<string, string> = {}) {
  const previewed = await previewFile(token, fileName, bytes, query);
  expect(previewed.status, JSON.stringify(previewed.body).slice(0, 500)).toBe(201);
  const { createRoadmapFromImport: roadmap } = await ok<{ createRoadmapFromImport: any }>(app, CREATE_FROM_IMPORT, token, {
    input: { uploadId: previewed.body.uploadId, ...input },
  });
  return { previewed: previewed.body as { uploadId: string; organization: any; draft: any; preview: ImportPreview }, roadmap };
}

/** The saved draft against the preview: same sections (title = number + title), same items, every field. */
function expectDraftLikePreview(roadmap: any, preview: ImportPreview) {
  const sections = roadmap.latestRevision.sections;
  expect(sections).toHaveLength(preview.stats.sections);
  expect(sections.map((s: any) => s.items.length)).toEqual(preview.sections.map((s) => s.items.length));
  expect(roadmap.latestRevision.itemsCount).toBe(preview.stats.items);
  preview.sections.forEach((section, s) => {
    expect(sections[s]).toMatchObject({ title: [section.number, section.title].filter(Boolean).join(' '), task: section.task, result: section.result });
    section.items.forEach((item, i) => {
      expect(itemFields(sections[s].items[i])).toEqual(itemFields(item));
      expect(sections[s].items[i].deadline.kind).toBe(item.deadline.kind);
      expect(sections[s].items[i].importNotes).toEqual(item.unmapped.map((u) => ({ column: null, heading: null, ...u })));
    });
  });
}

// ————— the real documents —————

/** What is known of each seed (packages/domain/src/import/seeds.test.ts reads them the same way). */
const SEED_EXPECTATIONS: Record<
  string,
  {
    sections: number;
    items: number;
    approval: Record<string, unknown>;
    period: [string, string];
    programmeName: string;
    sample: { section: number; item: number; fields: Record<string, string> };
  }
> = {
  '000_1b25ab115651c64f.txt': {
    sections: 4,
    items: 24,
    approval: { heading: 'УТВЕРЖДАЮ', position: 'Директор', name: 'И.И.Варламова', date: '2021-09-15' },
    // «на 2021-2024 гг.»: calendar years, like «годы».
    period: ['2021-01-01', '2024-12-31'],
    programmeName: 'Вместе',
    sample: {
      section: 1,
      item: 2,
      fields: {
        number: '',
        activity: '-учителей, педагогов – молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого;',
        content: '',
        deadlineText: 'до 20.09.2021г',
        responsible: 'И.И.Варламова, директор',
        expectedResult: 'База учителей, педагогов-наставляемых',
        indicator: '',
      },
    },
  },
  '002_49d87401bc79b362.txt': {
    sections: 7,
    items: 34,
    approval: { heading: 'УТВЕРЖДЕНО', name: 'И.А. Первенкова', orderNumber: '376/а', orderDate: '2021-08-30' },
    period: ['2021-09-01', '2024-08-31'],
    programmeName: 'Вместе по лестнице успеха',
    sample: {
      section: 5,
      item: 3,
      fields: { number: '6.4', deadlineText: 'Февраль- май 2022' },
    },
  },
  '003_8bc66d0b871ca409.txt': {
    sections: 7,
    items: 15,
    approval: { heading: 'УТВЕРЖДЕНО', name: 'С.В. Бем', orderNumber: '202/1', orderDate: '2022-09-08' },
    period: ['2022-09-01', '2023-08-31'],
    programmeName: 'Целевая модель наставничества',
    sample: {
      section: 1,
      item: 1,
      fields: {
        number: '',
        activity: 'Формирование банка наставников',
        content: 'Формирование банка данных наставников, обеспечение согласий на сбор и обработку персональных данных.',
        deadlineText: 'сентябрь',
        responsible: 'Захарова Н.И.',
        expectedResult: '',
        indicator: '',
      },
    },
  },
};

describe.skipIf(!existsSync(SEEDS_DIR))('the documents of ../shared/seeds through HTTP', () => {
  const seeds = existsSync(SEEDS_DIR)
    ? readdirSync(SEEDS_DIR)
        .filter((name) => !name.startsWith('.'))
        .sort()
    : [];

  it.each(seeds)('%s: preview → draft with every section, item and field; nothing of the file lost; the file kept', async (name) => {
    const file = path.join(SEEDS_DIR, name);
    const bytes = new Uint8Array(readFileSync(file));
    const before = await counts();
    const { previewed, roadmap } = await importFile(w.tokens.curator1, name, bytes);
    const { preview } = previewed;
    expect(preview.ok).toBe(true);
    expect(previewed.organization).toMatchObject({ id: w.school1.id, matchedBy: 'request' });
    expect(previewed.draft).toMatchObject({ title: roadmap.latestRevision.title, periodStart: roadmap.latestRevision.periodStart, error: null });
    expect(roadmap.organization.id).toBe(w.school1.id);
    expect(roadmap.latestRevision).toMatchObject({ number: 1, state: 'DRAFT', version: 1 });
    expectDraftLikePreview(roadmap, preview);

    const known = SEED_EXPECTATIONS[name];
    if (known) {
      expect(preview.stats).toMatchObject({ sections: known.sections, items: known.items });
      expect(roadmap.importSource.approval).toMatchObject(known.approval);
      expect([roadmap.latestRevision.periodStart, roadmap.latestRevision.periodEnd]).toEqual(known.period);
      expect(roadmap.latestRevision.programmeName).toBe(known.programmeName);
      expect(roadmap.latestRevision.title).toBe(preview.header.title);
      const sample = roadmap.latestRevision.sections[known.sample.section].items[known.sample.item];
      expect(itemFields(sample)).toMatchObject(known.sample.fields);
    }
    // The approval blocks of the paper are kept as read, not turned into the platform's decisions.
    expect(roadmap.latestRevision.approval).toBeNull();
    expect(roadmap.latestRevision.agreement).toBeNull();

    // Nothing of the table (nor of the rest of the file) is dropped: by the preview, and by what was saved.
    const pieces = textPieces(file);
    expect(lostText(preview, pieces)).toEqual([]);
    expect(lostText(savedAsPreview(roadmap), pieces)).toEqual([]);

    // The uploaded file is kept with the roadmap, byte for byte.
    expect(roadmap.sourceAttachment).toMatchObject({ fileName: name, size: bytes.length });
    expect(roadmap.importSource.attachment.id).toBe(roadmap.sourceAttachment.id);
    const kept = await download(app, roadmap.sourceAttachment.url, w.tokens.curator1);
    expect(createHash('sha256').update(kept.bytes).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await counts()).toEqual({ roadmaps: before.roadmaps + 1, attachments: before.attachments + 1, imports: before.imports + 1 });
  });
});

// ————— the project's own fixtures —————

describe('the project fixtures through HTTP', () => {
  const fixtures = readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort();

  it('there are fixtures', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['roadmap-noise.txt', 'roadmap-no-headings.txt']));
  });

  it.each(fixtures)('%s: preview → draft, nothing lost', async (name) => {
    const file = path.join(FIXTURES_DIR, name);
    const { previewed, roadmap } = await importFile(w.tokens.curator1, name, new Uint8Array(readFileSync(file)));
    expectDraftLikePreview(roadmap, previewed.preview);
    const pieces = textPieces(file);
    expect(lostText(previewed.preview, pieces)).toEqual([]);
    expect(lostText(savedAsPreview(roadmap), pieces)).toEqual([]);
  });

  it('roadmap-noise.txt: the header, the fields of an item with HTML remnants, the skipped row kept on the roadmap', async () => {
    const { roadmap } = await importFile(w.tokens.curator1, 'roadmap-noise.txt', new Uint8Array(readFileSync(path.join(FIXTURES_DIR, 'roadmap-noise.txt'))));
    const rev = roadmap.latestRevision;
    expect(rev).toMatchObject({ programmeName: 'Шаг навстречу', periodStart: '2022-09-01', periodEnd: '2023-08-31' });
    expect(roadmap.importSource.approval).toMatchObject({ heading: 'УТВЕРЖДАЮ', name: 'О.В. Кравцова', orderNumber: '112-од', orderDate: '2022-08-29' });
    expect(roadmap.importSource.agreement).toMatchObject({ heading: 'СОГЛАСОВАНО', name: 'Н.П. Соколова' });
    expect(roadmap.importSource.organizationText).toBe('МБОУ «СОШ № 3 с. Александровское»');
    expect(roadmap.importSource.columns.map((c: any) => c.mappedTo)).toEqual(['NUMBER', 'ACTIVITY', 'DEADLINE', 'RESPONSIBLE', 'EXPECTED_RESULT', 'INDICATOR']);
    const first = rev.sections[0].items[0];
    expect(first).toMatchObject({ number: '1.1', deadlineText: 'до 10.09.2022', responsible: 'директор О.В. Кравцова', indicator: '100% локальных актов' });
    expect(first.activity).not.toMatch(/<|&laquo;|&nbsp;/);
    expect(first.deadline).toEqual({ kind: 'date', due: '2022-09-10' });
    expect(roadmap.importSource.unmapped).toEqual([expect.objectContaining({ text: '1 2 3 4 5 6', reason: 'строка с номерами столбцов пропущена' })]);
    expect(rev.events).toEqual([expect.objectContaining({ action: 'create', role: 'SCHOOL_CURATOR', toState: 'DRAFT' })]);
  });
});

// ————— export → import —————

const SECTIONS_INPUT = [
  {
    title: '1. Подготовка условий для запуска программы',
    task: 'информирование педагогов, обучающихся и родителей о запуске программы',
    result: 'сформированы базы наставников и наставляемых',
    items: [
      {
        number: '1.1',
        activity: 'Совещание педагогов и «родителей»',
        deadlineText: 'Сентябрь 2025',
        responsible: 'И.А. Первенкова, директор',
        expectedResult: 'Протокол совещания',
        indicator: '100% педагогов',
      },
      {
        number: '1.2',
        activity: 'Анкетирование обучающихся',
        content: 'Анкеты для наставляемых;\nсогласия на обработку персональных данных',
        deadlineText: 'до 30.09.2025',
        responsible: 'педагог-психолог А.Г. Елисеева',
        expectedResult: 'База наставляемых',
      },
    ],
  },
  {
    title: '2. Реализация программы',
    task: '',
    result: '',
    items: [
      {
        number: '2.1',
        activity: 'Встречи наставнических пар',
        content: 'по индивидуальным планам',
        deadlineText: 'ежемесячно',
        responsible: 'наставники',
        expectedResult: 'Протоколы встреч',
        indicator: 'не менее 8 встреч',
      },
      {
        number: '2.2',
        activity: 'Итоговая конференция наставников и наставляемых',
        deadlineText: 'май 2026',
        responsible: 'Куратор',
        expectedResult: 'Отчёт',
        indicator: '',
      },
      { number: '', activity: 'Публикация итогов на сайте организации', deadlineText: 'июнь 2026', responsible: 'Куратор', expectedResult: 'Новость на сайте' },
    ],
  },
];

async function exportDocx(revisionId: string, token: string): Promise<Uint8Array> {
  const response = await download(app, `/exports/revisions/${revisionId}.docx`, token);
  expect(response.status).toBe(200);
  return new Uint8Array(response.bytes);
}

const sectionOf = (s: any) => ({ title: s.title, task: s.task, result: s.result });
const deadlineOf = (i: any) => ({ kind: i.deadline.kind, due: i.deadline.due });
/** «Задача этапа: …» written in the data is read back without its label (the exporter writes «Задача: …» before it). */
const unlabelled = (text: string) => text.replace(/^(Задача( этапа)?|Результат( этапа)?)\s*:\s*/i, '');

describe('round trip: the project exporter’s DOCX → import → the same sections, items and fields', () => {
  it('a revision with every column, multi-line cells, empty cells and an unnumbered item', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator2, {
      input: { programmeName: 'Вместе по лестнице успеха', organizationId: w.school2.id, source: 'EMPTY' },
    });
    await ok(app, SAVE_REVISION, w.tokens.curator2, {
      input: { revisionId: createRoadmap.latestRevision.id, expectedVersion: 1, sections: SECTIONS_INPUT },
    });
    const original = await revision(app, w.tokens.curator2, createRoadmap.latestRevision.id);
    const docx = await exportDocx(original.id, w.tokens.curator2);

    const { previewed, roadmap } = await importFile(w.tokens.curator2, 'Дорожная карта — МОБУ «СОШ № 4» — редакция 1.docx', docx);
    expect(previewed.preview.format).toBe('docx');
    expect(previewed.preview.warnings.filter((x) => /не распознан/.test(x.message))).toEqual([]);
    const imported = roadmap.latestRevision;
    expect({ title: imported.title, programmeName: imported.programmeName, periodStart: imported.periodStart, periodEnd: imported.periodEnd }).toEqual({
      title: original.title,
      programmeName: original.programmeName,
      periodStart: original.periodStart,
      periodEnd: original.periodEnd,
    });
    expect(imported.sections.map(sectionOf)).toEqual(original.sections.map(sectionOf));
    expect(imported.sections.map((s: any) => s.items.map(itemFields))).toEqual(original.sections.map((s: any) => s.items.map(itemFields)));
    expect(imported.sections.map((s: any) => s.items.map(deadlineOf))).toEqual(original.sections.map((s: any) => s.items.map(deadlineOf)));
    expect(imported.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.importNotes))).toEqual([]);
    // New keys: an imported roadmap is a new roadmap.
    expect(imported.sections[0].items[0].key).not.toBe(original.sections[0].items[0].key);
  });

  it('the standard template (the labels «Задача этапа:» / «Результат:» written in the data aside)', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', organizationId: w.school1.id },
    });
    const original = await revision(app, w.tokens.curator1, createRoadmap.latestRevision.id);
    const { roadmap } = await importFile(w.tokens.curator1, 'template.docx', await exportDocx(original.id, w.tokens.curator1));
    const imported = roadmap.latestRevision;
    expect(imported.title).toBe(original.title);
    expect(imported.sections.map((s: any) => s.title)).toEqual(original.sections.map((s: any) => s.title));
    expect(imported.sections.map((s: any) => [s.task, s.result])).toEqual(original.sections.map((s: any) => [unlabelled(s.task), unlabelled(s.result)]));
    expect(imported.sections.map((s: any) => s.items.map(itemFields))).toEqual(original.sections.map((s: any) => s.items.map(itemFields)));
    expect(imported.sections.map((s: any) => s.items.map(deadlineOf))).toEqual(original.sections.map((s: any) => s.items.map(deadlineOf)));
  });
});

// ————— bad files —————

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const OLE = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900', 'hex');

function docxWithBody(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    'word/document.xml': strToU8(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

const row = (cells: string[]) => `<w:tr>${cells.map((t) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;

describe('bad files: a clear Russian error, and nothing created', () => {
  it.each([
    [
      'a corrupt DOCX (cut in half)',
      'Дорожная карта.docx',
      () => docxWithBody(`<w:tbl>${row(['№', 'Мероприятие', 'Срок'])}${row(['1', 'Совещание', 'Сентябрь 2025'])}</w:tbl>`).slice(0, 150),
      400,
      'CORRUPT',
      'Файл повреждён или не является документом Word',
    ],
    ['a PNG named .docx', 'Дорожная карта.docx', () => PNG, 415, 'NOT_DOCX', 'Файл не является документом Word (.docx)'],
    // A Word 97 .doc is converted by LibreOffice (office-import.int.test.ts); an Excel 97 workbook is not read.
    [
      'an Excel 97 workbook',
      'Дорожная карта.xls',
      () => OLE,
      415,
      'LEGACY_FORMAT',
      'Старые форматы Word и Excel (.doc, .xls) не поддерживаются — сохраните файл как .docx или .xlsx',
    ],
    [
      'a DOCX whose table has only its headings',
      'Пустая.docx',
      () => docxWithBody(`<w:p><w:r><w:t>Дорожная карта</w:t></w:r></w:p><w:tbl>${row(['№', 'Мероприятие', 'Срок', 'Ответственный'])}</w:tbl>`),
      400,
      'NO_TABLE',
      'В документе не найдена таблица мероприятий',
    ],
    [
      'a text with the headings only',
      'Пустая.txt',
      () => strToU8('Дорожная карта на 2025-2026 учебный год\n№\tМероприятие\tСрок\tОтветственный\n'),
      400,
      'NO_TABLE',
      'В документе не найдена таблица мероприятий',
    ],
    ['an empty file', 'Пустой.docx', () => new Uint8Array(0), 400, 'EMPTY_FILE', 'Файл пуст'],
    [
      'a zip bomb disguised as DOCX (60 MB of zeros inside)',
      'Бомба.docx',
      () => docxWithBody(' '.repeat(60 * 1024 * 1024)),
      413,
      'ZIP_BOMB',
      /^Файл слишком большой после распаковки/,
    ],
  ] as const)('%s', async (_label, fileName, make, status, reason, message) => {
    const before = await counts();
    const response = await previewFile(w.tokens.curator1, fileName, make());
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file', reason });
    if (typeof message === 'string') expect(response.body.errors[0].message).toBe(message);
    else expect(response.body.errors[0].message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('a 60 MB file is refused by its declared size (and a stream without a length once it passes the limit)', async () => {
    const before = await counts();
    const big = await previewFile(w.tokens.curator1, 'Огромная.docx', new Uint8Array(60 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.errors[0]).toMatchObject({
      message: 'Файл слишком большой: 60,0 МБ, допускается не более 10,0 МБ',
      extensions: { code: 'BAD_USER_INPUT', field: 'file', reason: 'TOO_LARGE' },
    });
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${app.api.url}${previewPath('Поток.txt')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.curator1}`, 'content-type': 'application/octet-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].message).toBe('Файл слишком большой: не более 10 МБ');
    expect(await counts()).toEqual(before);
  });

  it('no file name → 400 on fileName; a broken upload id → BAD_USER_INPUT on uploadId', async () => {
    const response = await post(app, '/imports/preview', w.tokens.curator1, strToU8('x'));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
    const error = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: 'not-an-id' } });
    expect(error).toMatchObject({
      message: 'Загруженный файл не найден — загрузите документ заново',
      extensions: { code: 'BAD_USER_INPUT', field: 'uploadId' },
    });
    // An attachment that is not a roadmap document (evidence uploaded with /attachments): a PDF is
    // read as one now, and this one is no PDF behind its header.
    const pdf = await post(app, '/attachments?fileName=order.pdf', w.tokens.curator1, strToU8('%PDF-1.4 приказ'));
    expect(pdf.status).toBe(201);
    const before = await counts();
    const notRoadmap = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: pdf.body.id } });
    expect(notRoadmap.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'uploadId', reason: 'CORRUPT' });
    expect(notRoadmap.message).toBe('Файл PDF повреждён или не читается');
    expect(await counts()).toEqual(before);
  });
});

// ————— 2,000 rows —————

const HEADINGS = ['№ п/п', 'Наименование мероприятий', 'Сроки', 'Ответственные', 'Результат. Вид документа'];
const MONTHS = ['Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь', 'Январь', 'Февраль', 'Март', 'Апрель', 'Май'];

/** 20 sections of `items` items; each item is one numbered row and `continuations` rows continuing its activity cell. */
function bigText(items: number, continuations: number): { text: string; rows: string[][] } {
  const rows: string[][] = [];
  for (let s = 1; s <= 20; s++) {
    rows.push([`${s}.`, `Направление работы № ${s}`, '', '', '']);
    for (let i = 1; i <= items; i++) {
      rows.push([
        `${s}.${i}.`,
        `Мероприятие ${s}.${i}: встреча наставников и наставляемых`,
        `${MONTHS[(s + i) % MONTHS.length]} 2024`,
        `зам. директора по УВР А.Б. Иванова, наставник В.Г. Петров-${i}`,
        `Протокол № ${s}-${i}`,
      ]);
      for (let k = 1; k <= continuations; k++) rows.push(['', `(продолжение ${k}: тема встречи ${s}.${i})`, '', '', '']);
    }
  }
  const text = [
    'УТВЕРЖДАЮ',
    'Директор МБОУ «СОШ № 1»',
    '_______ А.А. Сидорова',
    '',
    'Дорожная карта на 2024-2025 учебный год',
    HEADINGS.join('\t'),
    ...rows.map((r) => r.join('\t')),
  ].join('\n');
  return { text, rows };
}

describe('a roadmap of 2,000 rows', () => {
  it('2,020 table rows making 400 items (cells broken over five rows): a correct preview and a correct draft', async () => {
    const { text, rows } = bigText(20, 4);
    expect(rows.length).toBe(2020);
    const { previewed, roadmap } = await importFile(w.tokens.curator1, 'big.txt', strToU8(text));
    expect(previewed.preview.stats).toEqual({ rows: 2020, items: 400, sections: 20 });
    expectDraftLikePreview(roadmap, previewed.preview);
    const last = roadmap.latestRevision.sections[19].items[19];
    expect(last).toMatchObject({
      number: '20.20.',
      activity:
        'Мероприятие 20.20: встреча наставников и наставляемых (продолжение 1: тема встречи 20.20) (продолжение 2: тема встречи 20.20) (продолжение 3: тема встречи 20.20) (продолжение 4: тема встречи 20.20)',
      deadlineText: `${MONTHS[40 % MONTHS.length]} 2024`,
      responsible: 'зам. директора по УВР А.Б. Иванова, наставник В.Г. Петров-20',
      expectedResult: 'Протокол № 20-20',
    });
    expect(lostText(savedAsPreview(roadmap), rows.filter((_, i) => i % 25 === 0).flat())).toEqual([]);
  });

  it('2,000 items: a correct preview; the draft is refused with the model’s limit, nothing saved', async () => {
    const { text } = bigText(100, 0);
    const before = await counts();
    const previewed = await previewFile(w.tokens.curator1, 'huge.txt', strToU8(text));
    expect(previewed.status).toBe(201);
    expect(previewed.body.preview.stats).toEqual({ rows: 2020, items: 2000, sections: 20 });
    // The preview already says why the draft would be refused.
    expect(previewed.body.draft.error).toEqual({ message: 'В редакции не более 500 мероприятий', field: 'sections' });
    const error = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: previewed.body.uploadId } });
    expect(error).toMatchObject({ message: 'В редакции не более 500 мероприятий', extensions: { code: 'BAD_USER_INPUT', field: 'sections' } });
    const after = await counts();
    expect(after).toEqual({ ...before, attachments: before.attachments + 1 }); // only the upload of the preview
  });
});

// ————— the curator's column mapping —————

describe('column mapping', () => {
  const noise = () => new Uint8Array(readFileSync(path.join(FIXTURES_DIR, 'roadmap-noise.txt')));

  it('re-preview: a column left unmapped keeps its text with each item; two columns swapped', async () => {
    const first = await previewFile(w.tokens.curator1, 'roadmap-noise.txt', noise());
    const uploadId = first.body.uploadId;
    const indicator = first.body.preview.sections[0].items[0].indicator;
    expect(indicator).toBe('100% локальных актов');

    const unmapped = await post(app, `/imports/${uploadId}/preview`, w.tokens.curator1, { columnMapping: { 5: null } });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body.uploadId).toBe(uploadId);
    const item = unmapped.body.preview.sections[0].items[0];
    expect(item.indicator).toBe('');
    expect(item.unmapped).toEqual([expect.objectContaining({ text: indicator, column: 5 })]);
    expect(unmapped.body.preview.columns[5]).toMatchObject({ mappedTo: null, source: 'manual' });

    const swapped = await post(app, `/imports/${uploadId}/preview`, w.tokens.curator1, {
      columnMapping: [
        { column: 4, field: 'indicator' },
        { column: 5, field: 'expectedResult' },
      ],
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body.preview.sections[0].items[0]).toMatchObject({
      expectedResult: indicator,
      indicator: first.body.preview.sections[0].items[0].expectedResult,
    });

    const bad = await post(app, `/imports/${uploadId}/preview`, w.tokens.curator1, { columnMapping: { 5: 'deadlines' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'columnMapping' });
  });

  it('create with the mapping: the unmapped column is kept per item as import notes', async () => {
    const first = await previewFile(w.tokens.curator1, 'roadmap-noise.txt', noise());
    const { createRoadmapFromImport: roadmap } = await ok<{ createRoadmapFromImport: any }>(app, CREATE_FROM_IMPORT, w.tokens.curator1, {
      input: {
        uploadId: first.body.uploadId,
        columnMapping: [{ column: 5, field: null }],
        programmeName: 'Шаг навстречу — 2',
        title: 'Дорожная карта СОШ № 3',
      },
    });
    const items = roadmap.latestRevision.sections.flatMap((s: any) => s.items);
    expect(items.every((i: any) => i.indicator === '')).toBe(true);
    expect(items[0].importNotes).toEqual([
      expect.objectContaining({
        text: '100% локальных актов',
        column: 5,
        heading: 'Показатели эффективности',
        reason: expect.stringMatching(/не распознан|не сопоставлен|сохранён/),
      }),
    ]);
    expect(roadmap.latestRevision).toMatchObject({ programmeName: 'Шаг навстречу — 2', title: 'Дорожная карта СОШ № 3' });
    // The notes follow the item key: read again through the roadmap.
    const again = await ok<{ roadmap: any }>(app, IMPORTED_ROADMAP, w.tokens.officer, { id: roadmap.id });
    expect(again.roadmap.latestRevision.sections[0].items[0].importNotes).toEqual(items[0].importNotes);
  });
});

// ————— who may import what —————

describe('scope', () => {
  const noise = () => new Uint8Array(readFileSync(path.join(FIXTURES_DIR, 'roadmap-noise.txt')));

  it('no token → 401; a director → 403; a curator for another school → 403; nothing stored', async () => {
    const before = await counts();
    expect((await previewFile(null, 'a.txt', noise())).status).toBe(401);
    const director = await previewFile(w.tokens.director1, 'a.txt', noise());
    expect(director.status).toBe(403);
    const other = await previewFile(w.tokens.curator1, 'a.txt', noise(), { organizationId: w.school2.id });
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('a curator cannot create from another school’s upload, nor move their upload to another school', async () => {
    const theirs = await previewFile(w.tokens.curator2, 'a.txt', noise());
    expect(theirs.status).toBe(201);
    const error = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: theirs.body.uploadId } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uploadId' });
    const mine = await previewFile(w.tokens.curator1, 'a.txt', noise());
    const moved = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: mine.body.uploadId, organizationId: w.school2.id } });
    expect(moved).toMatchObject({ message: 'Файл загружен для другой организации', extensions: { code: 'BAD_USER_INPUT', field: 'organizationId' } });
  });

  it('a Kursk officer cannot import into Sibay: not a school of their district (400), not their district (403), not their upload', async () => {
    const before = await counts(w);
    const notHere = await previewFile(kursk.tokens.officer, 'a.txt', noise(), { organizationId: w.school1.id });
    expect(notHere.status).toBe(400);
    expect(notHere.body.errors[0]).toMatchObject({ message: 'Организация не найдена в этом муниципалитете', extensions: { field: 'organizationId' } });
    const header = await previewFile(kursk.tokens.officer, 'a.txt', noise(), { organizationId: w.school1.id }, { 'x-district-id': w.district.id });
    expect(header.status).toBe(403);
    const sibayUpload = await previewFile(w.tokens.curator1, 'a.txt', noise());
    const error = await fails(app, CREATE_FROM_IMPORT, kursk.tokens.officer, {
      input: { uploadId: sibayUpload.body.uploadId, organizationId: kursk.school1.id },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uploadId' });
    expect(await counts(w)).toEqual({ ...before, attachments: before.attachments + 1 });
    const bulk = await post(app, '/imports/bulk', w.tokens.curator1, zipSync({ 'a.txt': noise() }));
    expect(bulk.status).toBe(403);
    expect(bulk.body.errors[0]).toMatchObject({
      message: 'Массовый импорт доступен только специалисту органа управления образованием',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('the district officer imports for a school named in the document; the school’s curator sees the file', async () => {
    // The fixture names «МБОУ «СОШ № 3 с. Александровское»»; here the document names the district's «СОШ № 4».
    const text = readFileSync(path.join(FIXTURES_DIR, 'roadmap-noise.txt'), 'utf8').replaceAll('МБОУ «СОШ № 3 с. Александровское»', 'МОБУ «СОШ № 4»');
    const previewed = await previewFile(w.tokens.officer, 'sosh.txt', strToU8(text));
    expect(previewed.status).toBe(201);
    expect(previewed.body.organization).toMatchObject({ id: w.school2.id, matchedBy: 'name' });
    const { createRoadmapFromImport: roadmap } = await ok<{ createRoadmapFromImport: any }>(app, CREATE_FROM_IMPORT, w.tokens.officer, {
      input: { uploadId: previewed.body.uploadId },
    });
    expect(roadmap.organization.id).toBe(w.school2.id);
    expect(roadmap.latestRevision.events).toEqual([expect.objectContaining({ action: 'create', role: 'DISTRICT_OFFICER' })]);
    const file = await download(app, roadmap.sourceAttachment.url, w.tokens.curator2);
    expect(file.status).toBe(200);
    expect(file.bytes.toString('utf8')).toBe(text);
    // The same upload again: CONFLICT, nothing more.
    const before = await counts();
    const again = await fails(app, CREATE_FROM_IMPORT, w.tokens.officer, { input: { uploadId: previewed.body.uploadId } });
    expect(again).toMatchObject({ message: 'По этому файлу дорожная карта уже создана', extensions: { code: 'CONFLICT', reason: 'STATE' } });
    expect(await counts()).toEqual(before);
  });

  it('in a campaign: the campaign’s period when the document states none; a second roadmap of the school refused, nothing saved', async () => {
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.officer, {
      input: { title: 'Импорт 2026/2027', academicYear: '2026/2027', dueDate: '2026-09-20' },
    });
    const text = ['Дорожная карта', '№\tМероприятие\tСрок\tОтветственный', '1.\tСовещание\tсентябрь\tДиректор', '2.\tКонференция\tмай\tКуратор'].join('\n');
    const { roadmap } = await importFile(w.tokens.curator1, 'plan.txt', strToU8(text), { campaignId: createCampaign.id }, { campaignId: createCampaign.id });
    expect(roadmap.campaign.id).toBe(createCampaign.id);
    expect(roadmap.latestRevision).toMatchObject({ periodStart: '2026-09-01', periodEnd: '2027-08-31', programmeName: 'Целевая модель наставничества' });
    // A table without section rows: one section, named, and the curator told so.
    expect(roadmap.latestRevision.sections.map((s: any) => s.title)).toEqual(['Мероприятия']);
    expect(roadmap.importSource.warnings).toContainEqual({ where: 'раздел 1', message: 'в документе у раздела нет названия — назван «Мероприятия»' });
    expect(roadmap.latestRevision.sections[0].items.map((i: any) => i.deadline.due)).toEqual(['2026-09-30', '2027-05-31']);
    expect(roadmap.importSource.warnings).toContainEqual({
      where: 'шапка',
      message: 'название программы в документе не найдено — указано «Целевая модель наставничества»',
    });

    const second = await previewFile(w.tokens.curator1, 'plan.txt', strToU8(text), { campaignId: createCampaign.id });
    expect(second.body.draft).toMatchObject({
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      programmeName: 'Целевая модель наставничества',
      error: null,
      warnings: expect.arrayContaining([{ where: 'раздел 1', message: 'в документе у раздела нет названия — назван «Мероприятия»' }]),
    });
    const before = await counts();
    const error = await fails(app, CREATE_FROM_IMPORT, w.tokens.curator1, { input: { uploadId: second.body.uploadId, campaignId: createCampaign.id } });
    expect(error).toMatchObject({
      message: 'У организации уже есть дорожная карта в этой кампании',
      extensions: { code: 'BAD_USER_INPUT', field: 'campaignId' },
    });
    expect(await counts()).toEqual(before);
  });
});
