import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  AGREEMENT,
  agreedRoadmap,
  APPROVAL,
  CREATE_CAMPAIGN,
  CREATE_ROADMAP,
  ok,
  revision,
  roadmapWorld,
  SAVE_REVISION,
  type RoadmapWorld,
} from '../../test/roadmaps.js';
import { excelDate } from './xlsx.js';

/**
 * Exports over REST with the GraphQL context's token and tenant rules: a revision as DOCX (the XML
 * read back) and PDF (text extracted with pdftotext, pages rendered with pdftoppm and checked not
 * blank, fonts embedded), a campaign's summary as XLSX (the sheet read back), and the scope: 404
 * outside it, 401 without a token, 403 for a district outside the grants.
 */
const run = promisify(execFile);
let app: TestApp;
let sibay: RoadmapWorld;
let kursk: RoadmapWorld;
let tmp: string;
let campaignId: string;
/** School 1: agreed (revision 1). School 2: a draft with its own content, never submitted. */
let agreed: any;
let draft: any;

const LONG_CONTENT = Array.from({ length: 60 }, (_, i) => `Пункт ${i + 1}: встреча наставников и наставляемых, обсуждение результатов.`).join(' ');

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  sibay = await roadmapWorld(app);
  kursk = await roadmapWorld(app);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-exports-'));

  const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, sibay.tokens.officer, {
    input: { title: 'Дорожные карты наставничества 2025/2026', academicYear: '2025/2026', dueDate: '2025-09-20' },
  });
  campaignId = createCampaign.id;

  const first = await agreedRoadmap(app, sibay, { campaignId });
  agreed = await revision(app, sibay.tokens.curator1, first.revision.id);

  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator2, {
    input: { programmeName: 'Вместе по лестнице успеха', organizationId: sibay.school2.id, campaignId, source: 'EMPTY', title: 'План наставничества' },
  });
  await ok(app, SAVE_REVISION, sibay.tokens.curator2, {
    input: {
      revisionId: createRoadmap.latestRevision.id,
      expectedVersion: 1,
      sections: [
        {
          title: '1. Подготовка условий для запуска программы',
          task: 'информирование педагогов и родителей',
          result: 'сформированы базы наставников и наставляемых',
          items: [
            { number: '1.1', activity: 'Совещание <p>педагогов</p> & «родителей»', deadlineText: 'Сентябрь 2025', responsible: 'И.А. Первенкова, директор' },
            { number: '1.2', activity: 'Анкетирование обучающихся', content: 'Анкеты, согласия на обработку данных', deadlineText: 'до 30.09.2025' },
          ],
        },
        {
          title: '2. Реализация программы',
          items: [
            { number: '2.1', activity: 'Встречи наставнических пар', content: LONG_CONTENT, deadlineText: 'ежемесячно', expectedResult: 'Протоколы встреч' },
            { number: '2.2', activity: 'Итоговая конференция', deadlineText: 'май 2026', responsible: 'Куратор', expectedResult: 'Отчёт' },
          ],
        },
      ],
    },
  });
  draft = await revision(app, sibay.tokens.curator2, createRoadmap.latestRevision.id);
});

afterAll(async () => {
  await app?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function get(url: string, token: string | null, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.api.url}${url}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const errorCode = (bytes: Buffer) => JSON.parse(bytes.toString()).errors[0].extensions.code;

/** The name in `filename*=UTF-8''…`. */
function fileNameOf(headers: Headers): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(headers.get('content-disposition') ?? '');
  return match ? decodeURIComponent(match[1]!) : '';
}

/** The paragraphs' text of a WordprocessingML part, one line per paragraph. */
function wordText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const activities = (rev: any): string[] => rev.sections.flatMap((s: any) => s.items.map((i: any) => i.activity));

describe('DOCX', () => {
  async function docx(revisionId: string, token = sibay.tokens.officer) {
    const response = await get(`/exports/revisions/${revisionId}.docx`, token);
    expect(response.status, response.bytes.toString().slice(0, 300)).toBe(200);
    const files = unzipSync(new Uint8Array(response.bytes));
    const part = (name: string) => (files[name] ? strFromU8(files[name]!) : '');
    const headers = Object.keys(files)
      .filter((name) => /^word\/header\d*\.xml$/.test(name))
      .map(part)
      .join('');
    return {
      response,
      document: part('word/document.xml'),
      styles: part('word/styles.xml'),
      headers,
      footers: Object.keys(files)
        .filter((n) => /^word\/footer\d*\.xml$/.test(n))
        .map(part)
        .join(''),
    };
  }

  it('the agreed revision: both blocks filled, the title, every item, the sections, landscape, Times New Roman, no draft mark', async () => {
    const { response, document, styles, headers, footers } = await docx(agreed.id);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fileNameOf(response.headers)).toBe('Дорожная карта — МОБУ «Гимназия» — редакция 1.docx');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);

    const text = wordText(document);
    const lines = text.split('\n');
    // «УТВЕРЖДАЮ»: position, organisation (filled by the API from the roadmap), signature line with the name, date, order.
    const approval = lines.slice(lines.indexOf('УТВЕРЖДАЮ'), lines.indexOf('УТВЕРЖДАЮ') + 6);
    expect(approval).toEqual([
      'УТВЕРЖДАЮ',
      APPROVAL.position,
      'МОБУ «Гимназия»',
      `_______________/${APPROVAL.name}`,
      '16.09.2025',
      'Приказ № 336 от 15.09.2025',
    ]);
    // «СОГЛАСОВАНО»: position, the district's authority, name, date — top-left, so before «УТВЕРЖДАЮ».
    const agreement = lines.slice(lines.indexOf('СОГЛАСОВАНО'), lines.indexOf('СОГЛАСОВАНО') + 5);
    expect(agreement).toEqual([
      'СОГЛАСОВАНО',
      AGREEMENT.position,
      'Управление образования Администрации ГО г. Тестовск',
      `_______________/${AGREEMENT.name}`,
      '19.09.2025',
    ]);
    expect(lines.indexOf('СОГЛАСОВАНО')).toBeLessThan(lines.indexOf('УТВЕРЖДАЮ'));

    // The title: «Дорожная карта» on its own line, then the rest (organisation, programme, period).
    expect(agreed.title).toBe('Дорожная карта реализации целевой модели наставничества «Вместе» в МОБУ «Гимназия» на 2025/2026 учебный год');
    expect(lines).toContain('Дорожная карта');
    expect(lines).toContain('реализации целевой модели наставничества «Вместе» в МОБУ «Гимназия» на 2025/2026 учебный год');

    for (const activity of activities(agreed)) expect(lines, activity).toContain(activity);
    for (const section of agreed.sections) {
      expect(lines).toContain(section.title);
      if (section.task) expect(lines).toContain(section.task.startsWith('Задача') ? section.task : `Задача: ${section.task}`);
    }
    // Sections are merged rows across every column.
    const columns = (document.match(/<w:gridCol /g) ?? []).length;
    expect(document).toContain(`<w:gridSpan w:val="${columns - 3}"/>`);
    expect((document.match(/<w:gridSpan /g) ?? []).length).toBe(agreed.sections.length);

    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('NUMPAGES');
    expect(text + wordText(headers)).not.toMatch(/ПРОЕКТ|Черновик|не утверждено/);
    expect(wordText(headers)).toContain('Редакция № 1 · Согласована');
  });

  it('a draft: the mark in the body and in every page header, blank blocks, its own columns only, text escaped', async () => {
    const { response, document, headers } = await docx(draft.id, sibay.tokens.curator2);
    expect(fileNameOf(response.headers)).toBe('Дорожная карта — МОБУ «СОШ № 4» — редакция 1.docx');
    const text = wordText(document);
    const lines = text.split('\n');
    expect(lines).toContain('ПРОЕКТ · Черновик — не утверждено');
    expect(wordText(headers)).toContain('ПРОЕКТ · Черновик — не утверждено');

    const approval = lines.slice(lines.indexOf('УТВЕРЖДАЮ'), lines.indexOf('УТВЕРЖДАЮ') + 6);
    expect(approval).toEqual([
      'УТВЕРЖДАЮ',
      '______________________________',
      'МОБУ «СОШ № 4»',
      '_______________/_______________',
      '«____» ______________ 20____ г.',
      'Приказ № _______ от «___» __________ 20___ г.',
    ]);
    const agreement = lines.slice(lines.indexOf('СОГЛАСОВАНО'), lines.indexOf('СОГЛАСОВАНО') + 5);
    expect(agreement).toEqual([
      'СОГЛАСОВАНО',
      '______________________________',
      'Управление образования Администрации ГО г. Тестовск',
      '_______________/_______________',
      '«____» ______________ 20____ г.',
    ]);

    // A title that does not name them: the programme, the organisation and the period below it.
    expect(lines).toContain('План наставничества');
    expect(lines).toContain(`Программа наставничества «Вместе по лестнице успеха» · ${sibay.school2.name} · на 2025/2026 учебный год`);

    // Columns: no item has an indicator, so «Показатель» is left out.
    expect(lines).toEqual(expect.arrayContaining(['№', 'Мероприятие', 'Содержание', 'Срок', 'Ответственный', 'Результат, вид документа']));
    expect(lines).not.toContain('Показатель');
    expect((document.match(/<w:gridCol /g) ?? []).length).toBe(3 + 6);

    expect(lines).toContain('Совещание <p>педагогов</p> & «родителей»');
    expect(document).toContain('Совещание &lt;p&gt;педагогов&lt;/p&gt; &amp; «родителей»');
    expect(lines).toEqual(
      expect.arrayContaining([
        '1. Подготовка условий для запуска программы',
        'Задача: информирование педагогов и родителей',
        'Результат: сформированы базы наставников и наставляемых',
        '2. Реализация программы',
      ]),
    );
    for (const activity of activities(draft)) expect(lines).toContain(activity);
    expect(lines).toContain(LONG_CONTENT);
  });

  it('an approved revision on its way to the district is still a project', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator1, {
      input: { programmeName: 'Вместе', organizationId: sibay.school1.id, source: 'EMPTY', periodStart: '2026-09-01', periodEnd: '2027-08-31' },
    });
    const rev = createRoadmap.latestRevision;
    const { decideRoadmap: sent } = await ok<{ decideRoadmap: any }>(
      app,
      `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id version } }`,
      sibay.tokens.curator1,
      {
        input: { revisionId: rev.id, expectedVersion: rev.version, action: 'SUBMIT_TO_DIRECTOR' },
      },
    );
    await ok(app, `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id } }`, sibay.tokens.director1, {
      input: { revisionId: sent.id, expectedVersion: sent.version, action: 'APPROVE', approval: APPROVAL },
    });
    const { document } = await docx(rev.id);
    const text = wordText(document);
    expect(text).toContain('ПРОЕКТ · Утверждено директором, не согласовано (Направлена на согласование)');
    expect(text).toContain(`_______________/${APPROVAL.name}`);
    expect(text).toContain('«____» ______________ 20____ г.');
  });
});

// ————— PDF —————

/** Dark pixels of a binary PGM (P5) page. */
function darkShare(pgm: Buffer): { width: number; height: number; share: number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [all, width, height] = [header[0].length, Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(all, all + width * height);
  let dark = 0;
  for (const value of pixels) if (value < 160) dark++;
  return { width, height, share: dark / (width * height) };
}

async function pdf(revisionId: string, name: string, token = sibay.tokens.officer) {
  const response = await get(`/exports/revisions/${revisionId}.pdf`, token);
  expect(response.status, response.bytes.toString().slice(0, 300)).toBe(200);
  const file = path.join(tmp, `${name}.pdf`);
  await writeFile(file, response.bytes);
  const text = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout;
  const fonts = (await run('pdffonts', [file])).stdout;
  await run('pdftoppm', ['-gray', '-r', '30', file, path.join(tmp, name)]);
  const pages = (await readdir(tmp)).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm')).sort();
  const images = await Promise.all(pages.map(async (f) => darkShare(await readFile(path.join(tmp, f)))));
  return { response, text, squashed: squash(text), fonts, images };
}

describe('PDF', () => {
  it('the agreed revision: Cyrillic text extractable, fonts embedded, every page drawn, numbered', async () => {
    const { response, text, squashed, fonts, images } = await pdf(agreed.id, 'agreed');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fileNameOf(response.headers)).toBe('Дорожная карта — МОБУ «Гимназия» — редакция 1.pdf');

    expect(text).toContain('УТВЕРЖДАЮ');
    expect(text).toContain('СОГЛАСОВАНО');
    expect(squashed).toContain(`_______________/${APPROVAL.name}`);
    expect(squashed).toContain('Приказ № 336 от 15.09.2025');
    expect(squashed).toContain(`_______________/${AGREEMENT.name}`);
    expect(squashed).toContain('19.09.2025');
    expect(squashed).toContain('Дорожная карта реализации целевой модели наставничества «Вместе» в МОБУ «Гимназия» на 2025/2026 учебный год');
    for (const activity of activities(agreed).slice(0, 4)) expect(squashed).toContain(activity);
    expect(squashed).toContain(agreed.sections[0].title);
    expect(text).not.toContain('ПРОЕКТ');

    // Only the embedded PT Serif subsets (no system or standard font).
    const fontLines = fonts.split('\n').slice(2).filter(Boolean);
    expect(fontLines.length).toBeGreaterThan(0);
    for (const line of fontLines) expect(line).toMatch(/^[A-Z]{6}\+PTSerif-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);

    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const [i, page] of images.entries()) {
      expect(page.width, `page ${i + 1} is landscape`).toBeGreaterThan(page.height);
      expect(page.share, `page ${i + 1} is not blank`).toBeGreaterThan(0.01);
      expect(text).toContain(`Страница ${i + 1} из ${images.length}`);
    }
  });

  it('a draft: the mark on every page, a long cell carried over the pages with the header row repeated', async () => {
    const { text, squashed, images } = await pdf(draft.id, 'draft', sibay.tokens.curator2);
    expect(images.length).toBeGreaterThanOrEqual(2);
    const pages = text.split('\f').filter((page) => page.trim());
    expect(pages).toHaveLength(images.length);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).toContain('ПРОЕКТ · Черновик — не утверждено');
      expect(page, `page ${i + 1}`).toContain('Мероприятие');
      expect(page).toContain(`Страница ${i + 1} из ${pages.length}`);
      expect(images[i]!.share, `page ${i + 1} is not blank`).toBeGreaterThan(0.01);
    }
    expect(text).toContain('УТВЕРЖДАЮ');
    expect(text).toContain('СОГЛАСОВАНО');
    expect(squashed).toContain('План наставничества');
    expect(squashed).toContain('Совещание <p>педагогов</p> & «родителей»');
    expect(squashed).toContain('Пункт 1: встреча');
    expect(squashed).toContain('Пункт 60: встреча наставников и наставляемых, обсуждение результатов.');
    expect(squashed).toContain('Итоговая конференция');
    // The watermark is drawn as outlines: it does not break the text layer.
    expect(text.match(/ПРОЕКТ/g)!.length).toBe(pages.length + 1);
  });
});

// ————— XLSX —————

/** The rows of the first sheet: inline strings and numbers, by column letter. */
function sheetRows(xlsx: Buffer): Array<Array<string | number | null>> {
  const files = unzipSync(new Uint8Array(xlsx));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml']));
  const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<row [^>]*>(.*?)<\/row>|<row [^>]*\/>/g)].map((row) => {
    const cells: Array<string | number | null> = [];
    for (const cell of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
      const index = cell[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const body = cell[2] ?? '';
      const inline = /<t[^>]*>(.*?)<\/t>/.exec(body);
      const number = /<v>(.*?)<\/v>/.exec(body);
      cells[index] = inline ? decode(inline[1]!) : number ? Number(number[1]) : null;
    }
    return cells;
  });
}

describe('XLSX', () => {
  it("the campaign's summary: every school, its status in Russian, the dates, overdue", async () => {
    const response = await get(`/exports/campaigns/${campaignId}.xlsx`, sibay.tokens.officer);
    expect(response.status, response.bytes.toString().slice(0, 300)).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fileNameOf(response.headers)).toBe('Сводка кампании — Дорожные карты наставничества 2025 2026 — 15.10.2025.xlsx');
    const rows = sheetRows(response.bytes);
    expect(rows[0]).toEqual(['Сводка кампании: Дорожные карты наставничества 2025/2026']);
    expect(rows[1]![0]).toContain('срок представления 20.09.2025');
    const header = rows.findIndex((row) => row[1] === 'Организация');
    expect(rows[header]).toEqual([
      '№',
      'Организация',
      'Состояние',
      'Просрочена',
      'Редакция',
      'Направлена директору',
      'Утверждена',
      'Приказ об утверждении',
      'Представлена на согласование',
      'Согласована',
      'Согласовал',
    ]);
    const data = rows.slice(header + 1, header + 3);
    const gimnaziya = data.find((row) => row[1] === 'МОБУ «Гимназия»')!;
    const sosh4 = data.find((row) => row[1] === 'МОБУ «СОШ № 4»')!;
    expect(gimnaziya.slice(2, 5)).toEqual(['Согласована', 'нет', 1]);
    expect(typeof gimnaziya[5]).toBe('number');
    expect(gimnaziya[6]).toBe(excelDate('2025-09-16'));
    expect(gimnaziya[7]).toBe('№ 336 от 15.09.2025');
    expect(typeof gimnaziya[8]).toBe('number');
    expect(gimnaziya[9]).toBe(excelDate('2025-09-19'));
    expect(gimnaziya[10]).toBe(AGREEMENT.name);
    // Not submitted by the due date: overdue; no dates yet.
    expect(sosh4.slice(2, 5)).toEqual(['Черновик', 'да', 1]);
    expect(sosh4.slice(5).filter((v) => v !== null && v !== undefined)).toEqual([]);
    expect(rows.at(-1)![0]).toBe('Всего организаций: 2 (черновик — 1; согласована — 1); просрочили представление: 1');
  });

  it("school staff get their own school's line only", async () => {
    const response = await get(`/exports/campaigns/${campaignId}.xlsx`, sibay.tokens.curator2);
    expect(response.status).toBe(200);
    const names = sheetRows(response.bytes).map((row) => row[1]);
    expect(names).toContain('МОБУ «СОШ № 4»');
    expect(names).not.toContain('МОБУ «Гимназия»');
  });
});

// ————— scope —————

describe('scope', () => {
  const urls = () => [`/exports/revisions/${agreed.id}.docx`, `/exports/revisions/${agreed.id}.pdf`, `/exports/campaigns/${campaignId}.xlsx`];

  it("another district's (Kursk) officer gets 404; with Sibay's X-District-Id 403; no token 401", async () => {
    for (const url of urls()) {
      const other = await get(url, kursk.tokens.officer);
      expect(other.status, url).toBe(404);
      expect(errorCode(other.bytes)).toBe('NOT_FOUND');
      const viaHeader = await get(url, kursk.tokens.officer, { 'x-district-id': sibay.district.id });
      expect(viaHeader.status, url).toBe(403);
      expect(errorCode(viaHeader.bytes)).toBe('FORBIDDEN');
      const anonymous = await get(url, null);
      expect(anonymous.status, url).toBe(401);
      expect(errorCode(anonymous.bytes)).toBe('UNAUTHENTICATED');
      const bad = await get(url, 'not-a-token');
      expect(bad.status, url).toBe(401);
    }
  });

  it("another school of the same district gets 404 for the revision; the district's staff, the director and the region's coordinator get it", async () => {
    expect((await get(`/exports/revisions/${agreed.id}.docx`, sibay.tokens.curator2)).status).toBe(404);
    expect((await get(`/exports/revisions/${agreed.id}.pdf`, sibay.tokens.curator2)).status).toBe(404);
    expect((await get(`/exports/revisions/${draft.id}.docx`, sibay.tokens.director1)).status).toBe(404);
    for (const token of [sibay.tokens.head, sibay.tokens.director1, sibay.tokens.coordinator]) {
      expect((await get(`/exports/revisions/${agreed.id}.docx`, token)).status).toBe(200);
    }
    const admin = await get(`/exports/revisions/${agreed.id}.docx`, sibay.tokens.admin, { 'x-district-id': sibay.district.id });
    expect(admin.status).toBe(200);
    // A mentor of the school has no roadmap scope at all.
    const mentor = await app.tokenFor('mentor', [groups.organization(sibay.region, sibay.district, sibay.school1)]);
    expect((await get(`/exports/revisions/${agreed.id}.pdf`, mentor)).status).toBe(404);
  });

  it('unknown ids are 404, ids that are not UUIDs 400 naming the id (the route schema); other methods 405', async () => {
    expect((await get('/exports/revisions/00000000-0000-7000-8000-000000000000.docx', sibay.tokens.officer)).status).toBe(404);
    for (const url of ['/exports/revisions/nope.pdf', '/exports/campaigns/%E0%A4%A.xlsx']) {
      const response = await fetch(`${app.api.url}${url}`, { headers: { authorization: `Bearer ${sibay.tokens.officer}` } });
      expect(response.status, url).toBe(400);
      expect(((await response.json()) as any).errors, url).toEqual([
        { message: 'Параметр «id»: ожидается идентификатор (UUID).', extensions: { code: 'BAD_USER_INPUT', field: 'id' } },
      ]);
    }
    const post = await fetch(`${app.api.url}/exports/revisions/${agreed.id}.docx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sibay.tokens.officer}` },
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
