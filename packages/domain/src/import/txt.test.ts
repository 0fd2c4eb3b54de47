/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateSections } from '../roadmap/model.js';
import { encodeCp1251 } from './encoding.js';
import { lostText, parseRoadmapDocument, previewToSections, type ImportPreview, type ImportResult } from './index.js';

/**
 * The project's own tab-separated fixtures (fixtures/*.txt, written for the project in the shapes of
 * the seeds) with the noise of converted documents: HTML remnants, a column-numbers row, stages
 * without numbers with «Задача этапа» / «Результат» lines, a cell broken over two rows, «2.1» twice,
 * numbering restarting at «1», a row written back to front, an unreadable deadline, empty cells,
 * a table without headings; and the same file in Windows-1251.
 */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));
const piecesOf = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .flatMap((line) => line.split('\t'));

function preview(result: ImportResult): ImportPreview {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

describe('fixtures/roadmap-noise.txt', () => {
  const bytes = read('roadmap-noise.txt');
  const result = preview(parseRoadmapDocument({ fileName: 'roadmap-noise.txt', bytes }));

  it('reads the header', () => {
    expect(result.header).toMatchObject({
      title: 'Дорожная карта реализации программы наставничества «Шаг навстречу» в МБОУ «СОШ № 3 с. Александровское» на 2022-2023 учебный год',
      organization: 'МБОУ «СОШ № 3 с. Александровское»',
      programmeName: 'Шаг навстречу',
      period: { periodStart: '2022-09-01', periodEnd: '2023-08-31', text: '2022-2023 учебный год', source: 'document' },
    });
    expect(result.header.approval).toMatchObject({
      position: 'Директор',
      organization: 'МБОУ «СОШ № 3 с. Александровское»',
      name: 'О.В. Кравцова',
      date: '2022-09-01',
      orderNumber: '112-од',
      orderDate: '2022-08-29',
    });
    expect(result.header.agreement).toMatchObject({
      position: 'Начальник',
      authority: 'отдела образования Администрации Александровского района',
      name: 'Н.П. Соколова',
      date: null,
      dateText: '«___» ____________ 2022 г.',
    });
    expect(result.postscript).toEqual(['Куратор программы наставничества ________ Л.А. Гусева']);
  });

  it('maps «Содержание» (alone) to the activity and the six columns by heading', () => {
    expect(result.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult', 'indicator']);
  });

  it('skips the column-numbers row but keeps its text', () => {
    expect(result.unmapped).toEqual([{ where: 'строка файла 19', text: '1 2 3 4 5 6', reason: 'строка с номерами столбцов пропущена' }]);
  });

  it('reads stages without numbers, with their task and result lines', () => {
    expect(result.sections.map((s) => [s.number, s.title, s.items.length])).toEqual([
      ['', 'Подготовительный этап', 3],
      ['', 'Основной этап', 5],
      ['', 'Завершающий этап', 2],
    ]);
    expect(result.sections[0]).toMatchObject({
      task: 'информирование педагогов, обучающихся и родителей о запуске программы',
      result: 'сформирована нормативная база программы',
    });
    expect(result.sections[2]!.result).toBe('подведены итоги, лучшие практики опубликованы на сайте школы');
  });

  it('turns HTML remnants into clean lines', () => {
    const [first, second] = result.sections[0]!.items;
    expect(first!.activity).toBe('Издание приказов:\nоб утверждении программы наставничества;\nо назначении куратора.');
    expect(first!.expectedResult).toBe('приказ «Об утверждении программы» № 115');
    expect(second!.activity).toBe('Информирование педагогического совета о запуске программы\nнаставничества');
    expect(second!.deadline).toMatchObject({ kind: 'months', start: '2022-09-01', end: '2022-09-30' });
  });

  it('merges a row broken in two, every cell in its field', () => {
    const item = result.sections[0]!.items[2]!;
    expect(item).toMatchObject({
      number: '1.3',
      activity: 'Сбор согласий на обработку персональных данных от законных представителей несовершеннолетних участников',
      deadlineText: 'Сентябрь – октябрь 2022',
      deadline: { kind: 'months', start: '2022-09-01', end: '2022-10-31' },
      responsible: 'классные руководители 1–11 классов',
      expectedResult: 'Согласия',
      indicator: 'согласия у 100% участников',
      rows: [24, 25],
    });
    expect(item.issues).toContainEqual({ field: 'row', message: 'строка без номера присоединена к предыдущему мероприятию', severity: 'info' });
  });

  it('keeps «2.1» twice and numbering restarting at «1», each item with its position', () => {
    expect(result.sections[1]!.items.map((i) => [i.position, i.number])).toEqual([
      [1, '2.1'],
      [2, '2.1'],
      [3, '2.2'],
      [4, '2.3'],
      [5, '2.4'],
    ]);
    expect(result.sections[2]!.items.map((i) => [i.position, i.number])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
  });

  it('puts a row written back to front in order, and says so', () => {
    const item = result.sections[1]!.items[2]!;
    expect(item).toMatchObject({
      number: '2.2',
      activity: 'Проведение встречи-знакомства наставников и наставляемых',
      deadlineText: 'Ноябрь 2022',
      responsible: 'куратор Л.А. Гусева',
      expectedResult: 'Протокол',
      indicator: 'не менее 90%',
    });
    expect(item.issues).toContainEqual({ field: 'row', message: 'ячейки строки шли в обратном порядке — порядок исправлен', severity: 'warning' });
    expect(result.warnings).toContainEqual({ where: 'строка файла 30', message: 'ячейки строки шли в обратном порядке — порядок исправлен' });
  });

  it('keeps an unreadable deadline as text with the reason; a row with one cell continues its item', () => {
    const regular = result.sections[1]!.items[3]!;
    expect(regular.indicator).toBe('планы реализованы не менее чем на 90% при ежемесячном контроле');
    const contest = result.sections[1]!.items[4]!;
    expect(contest.deadlineText).toBe('по приглашению организаторов');
    expect(contest.deadline).toMatchObject({ kind: 'unrecognized', original: 'по приглашению организаторов' });
    expect(contest.issues).toContainEqual({ field: 'deadlineText', message: 'срок не распознан — сохранён как текст', severity: 'warning' });
    expect(result.warnings).toContainEqual({ where: 'раздел 2, мероприятие 2.4 (строка файла 33)', message: 'срок не распознан — сохранён как текст' });
  });

  it('loses nothing', () => {
    expect(lostText(result, piecesOf(bytes))).toEqual([]);
    expect(result.stats).toEqual({ rows: 19, items: 10, sections: 3 });
  });

  it('becomes the model’s sections for a draft, valid but for the flagged deadline', () => {
    let n = 0;
    const sections = previewToSections(result, () => `id-${++n}`);
    expect(sections[0]).toMatchObject({
      id: 'id-1',
      position: 1,
      title: 'Подготовительный этап',
      task: 'информирование педагогов, обучающихся и родителей о запуске программы',
    });
    expect(sections[0]!.items[0]).toMatchObject({ id: 'id-2', number: '1.1', done: false, doneOn: null, evidence: [] });
    expect(validateSections(sections)).toEqual([
      { field: 'sections[1].items[4].deadlineText', message: 'Срок: не распознан — сохранён как текст', severity: 'warning' },
    ]);
  });

  it('reads the same file saved in Windows-1251', () => {
    const cp1251 = encodeCp1251(new TextDecoder().decode(bytes));
    const again = preview(parseRoadmapDocument({ fileName: 'roadmap-noise.txt', bytes: cp1251 }));
    expect(again.encoding).toBe('windows-1251');
    expect(again.sections).toEqual(result.sections);
    expect(again.header).toEqual(result.header);
  });

  it('reads it with a UTF-8 BOM and LF line ends too', () => {
    const text = new TextDecoder().decode(bytes).replace(/\r\n/g, '\n');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const again = preview(parseRoadmapDocument({ fileName: 'roadmap-noise.txt', bytes: bom }));
    expect(again.encoding).toBe('utf-8');
    expect(again.sections).toEqual(result.sections);
  });
});

describe('fixtures/roadmap-no-headings.txt', () => {
  const bytes = read('roadmap-no-headings.txt');
  const result = preview(parseRoadmapDocument({ fileName: 'plan.txt', bytes }));

  it('recognises the columns by their content', () => {
    expect(result.columns.map((c) => [c.mappedTo, c.source])).toEqual([
      ['number', 'content'],
      ['activity', 'content'],
      ['deadline', 'content'],
      ['responsible', 'content'],
    ]);
    expect(result.columns[2]!.reason).toBe('по содержимому: 6 из 6 ячеек — сроки');
  });

  it('reads its sections and items', () => {
    expect(result.header.title).toBe('План мероприятий по реализации целевой модели наставничества МАОУ «Гимназия № 2» на 2023-2024 учебный год');
    expect(result.sections.map((s) => [s.number, s.title, s.items.map((i) => i.number)])).toEqual([
      ['1.', 'Организационный раздел', ['1.1.', '1.2.', '1.3.']],
      ['2.', 'Работа наставнических пар', ['2.1.', '2.2.', '2.3.']],
    ]);
    expect(result.sections[1]!.items[1]).toMatchObject({
      deadlineText: 'ежемесячно',
      deadline: { kind: 'recurring', frequency: 'monthly' },
      responsible: 'наставники',
    });
    expect(lostText(result, piecesOf(bytes))).toEqual([]);
  });
});

describe('text files that are not roadmaps', () => {
  it('a binary file named .txt, a text without a table, an unknown format', () => {
    expect(parseRoadmapDocument({ fileName: 'a.txt', bytes: new Uint8Array([1, 2, 0, 4, 5]) })).toEqual({
      ok: false,
      code: 'NOT_TEXT',
      message: 'Файл не является текстовым документом (.txt)',
    });
    expect(parseRoadmapDocument({ fileName: 'b.txt', bytes: new TextEncoder().encode('Дорожная карта\nбудет позже') })).toEqual({
      ok: false,
      code: 'NO_TABLE',
      message: 'В документе не найдена таблица мероприятий',
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(parseRoadmapDocument({ fileName: 'c.png', bytes: png })).toMatchObject({ ok: false, code: 'UNSUPPORTED_FORMAT' });
  });

  it('a flat list numbered 1, 2, 3 is items, not sections', () => {
    const text = ['№\tМероприятие\tСрок', '1\tСовещание\tсентябрь 2024', '2\tАнкетирование\tоктябрь 2024', '3\tИтоги\tмай 2025'].join('\n');
    const result = preview(parseRoadmapDocument({ fileName: 'flat.txt', bytes: new TextEncoder().encode(text) }));
    expect(result.sections).toHaveLength(1);
    expect(result.sections[0]!.title).toBe('');
    expect(result.sections[0]!.items.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(result.sections[0]!.issues[0]!.message).toBe('таблица без разделов — мероприятия собраны в один раздел');
  });

  it('an unmapped column keeps its text with each item, flagged', () => {
    const text = ['№\tМероприятие\tСрок\tПримечание', '1.1\tСовещание\tсентябрь 2024\tв актовом зале', '1.2\tАнкетирование\tоктябрь 2024\t'].join('\n');
    const result = preview(
      parseRoadmapDocument(
        { fileName: 'notes.txt', bytes: new TextEncoder().encode(text) },
        { periodHint: { periodStart: '2024-09-01', periodEnd: '2025-08-31' } },
      ),
    );
    expect(result.columns[3]).toMatchObject({ heading: 'Примечание', mappedTo: null, reason: 'столбец не распознан' });
    const item = result.sections[0]!.items[0]!;
    expect(item.unmapped).toEqual([{ where: 'строка файла 2', text: 'в актовом зале', reason: 'столбец не распознан', column: 3, heading: 'Примечание' }]);
    expect(item.issues).toContainEqual({ field: 'column:3', message: '«Примечание»: столбец не распознан — текст сохранён', severity: 'warning' });
    expect(result.header.period).toMatchObject({ source: 'hint', periodStart: '2024-09-01' });
    expect(result.warnings).toContainEqual({ where: 'таблица', message: 'столбец 4 «Примечание» не распознан — его текст сохранён при мероприятиях' });
  });
});
