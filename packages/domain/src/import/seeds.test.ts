/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lostText, parseRoadmapDocument, type ImportPreview, type ImportedItem } from './index.js';

/**
 * The real documents in ../shared/seeds (Russian roadmaps converted to tab-separated text), when that
 * folder is beside the checkout. Every cell and line of the file must be found in the preview.
 */

const here = dirname(fileURLToPath(import.meta.url));
const seedDir = join(here, '../../../../../shared/seeds');

/** Read on first use: a skipped suite still runs its body to collect the tests. */
function seed(name: string): { readonly preview: ImportPreview; readonly pieces: string[] } {
  let loaded: { preview: ImportPreview; pieces: string[] } | null = null;
  const get = () => (loaded ??= load(name));
  return {
    get preview() {
      return get().preview;
    },
    get pieces() {
      return get().pieces;
    },
  };
}

function load(name: string): { preview: ImportPreview; pieces: string[] } {
  const bytes = new Uint8Array(readFileSync(join(seedDir, name)));
  const result = parseRoadmapDocument({ fileName: name, bytes });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  const pieces = readFileSync(join(seedDir, name), 'utf8')
    .split(/\r?\n/)
    .flatMap((line) => line.split('\t'));
  return { preview: result, pieces };
}

const items = (p: ImportPreview): ImportedItem[] => p.sections.flatMap((s) => s.items);
const pick = (item: ImportedItem | undefined) =>
  item && {
    number: item.number,
    activity: item.activity,
    content: item.content,
    deadlineText: item.deadlineText,
    responsible: item.responsible,
    expectedResult: item.expectedResult,
  };

describe.skipIf(!existsSync(seedDir))('seeds', () => {
  describe('000 — МОБУ «Гимназия», Сибай: «Вместе» на 2021-2024 гг.', () => {
    const file = seed('000_1b25ab115651c64f.txt');

    it('reads the approval and the agreement with its blank date', () => {
      expect(file.preview.format).toBe('txt');
      expect(file.preview.encoding).toBe('utf-8');
      expect(file.preview.header.approval).toMatchObject({
        heading: 'УТВЕРЖДАЮ',
        position: 'Директор',
        organization: 'МОБУ Гимназия',
        name: 'И.И.Варламова',
        date: '2021-09-15',
        dateText: '"15" сентября 2021 года',
        orderNumber: '',
      });
      expect(file.preview.header.agreement).toMatchObject({
        heading: 'СОГЛАСОВАНО',
        position: 'И.о.начальника',
        authority: 'управления образования Администрации ГО г.Сибай РБ',
        name: 'А.Р.Бикмурзина',
        date: null,
        dateText: '" ____ " _____ 2021 года',
      });
    });

    it('reads the title, the organisation, the programme and the period', () => {
      expect(file.preview.header.title).toMatch(/^Дорожная карта реализации целевой модели наставничества «Вместе» муниципального/);
      expect(file.preview.header.title).toMatch(/на 2021-2024 гг\.$/);
      expect(file.preview.header.organization).toBe('МОБУ Гимназия');
      expect(file.preview.header.programmeName).toBe('Вместе');
      expect(file.preview.header.period).toMatchObject({ periodStart: '2021-01-01', periodEnd: '2024-12-31', source: 'document' });
    });

    it('maps the five columns by their headings', () => {
      expect(file.preview.columns.map((c) => [c.heading, c.mappedTo])).toEqual([
        ['№', 'number'],
        ['Наименование мероприятий', 'activity'],
        ['Срок реализации', 'deadline'],
        ['Ответственный исполнитель', 'responsible'],
        ['Результат. Вид документа', 'expectedResult'],
      ]);
    });

    it('has 4 numbered sections and 24 items (2.1 lists 8 unnumbered sub-items with their own deadlines)', () => {
      expect(file.preview.stats).toMatchObject({ sections: 4, items: 24 });
      expect(file.preview.sections.map((s) => s.number)).toEqual(['1.', '2.', '3.', '4.']);
      expect(file.preview.sections.map((s) => s.items.length)).toEqual([1, 16, 3, 4]);
      expect(file.preview.sections[1]!.title).toBe(
        'Реализация методологии целевой модели наставничества в образовательных организациях городского округа город Сибай Республики Башкортостан.',
      );
      expect(file.preview.sections[3]!.title).toMatch(/^Содействие распространению лучших наставнических практик/);
      // Numbering restarts in section 3 («2.1», «2.2», «2.3» again): kept as written.
      expect(file.preview.sections[2]!.items.map((i) => i.number)).toEqual(['2.1.', '2.2.', '2.3.']);
    });

    it('cleans the HTML of item 1.1 into lines', () => {
      const first = file.preview.sections[0]!.items[0]!;
      expect(first.number).toBe('1.1.');
      expect(first.activity.split('\n')[0]).toBe('Утверждение распорядительных актов образовательных организаций для реализации ЦМН :');
      expect(first.activity.split('\n')[1]).toBe('–приказ б утверждении программы ЦМН «Вместе» в МОБУ Гимназия;');
      expect(first.activity).not.toMatch(/<|>/);
      expect(first.expectedResult).toBe('приказ №336 от 31.08.2021г.\nприказ №336 от 31.08.2021г.\nприказ №336 от 31.08.2021г.\n№');
      expect(first.deadline).toMatchObject({ kind: 'range', start: '2021-08-30', end: '2021-09-30' });
      expect(first.responsible).toBe('И.И.Варламова, директор');
    });

    it('turns the unnumbered rows under 2.1 into sub-items', () => {
      const section = file.preview.sections[1]!;
      expect(pick(section.items[0])).toEqual({
        number: '2.1.',
        activity: 'Обеспечение вовлечения в программы наставничества:',
        content: '',
        deadlineText: '',
        responsible: '',
        expectedResult: '',
      });
      expect(pick(section.items[2])).toEqual({
        number: '',
        activity: '-учителей, педагогов – молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого;',
        content: '',
        deadlineText: 'до 20.09.2021г',
        responsible: 'И.И.Варламова, директор',
        expectedResult: 'База учителей, педагогов-наставляемых',
      });
      expect(section.items[2]!.deadline).toMatchObject({ kind: 'date', due: '2021-09-20', before: true });
      expect(section.items[2]!.issues.map((i) => i.message)).toContain('строка без номера — отдельное мероприятие (подпункт «2.1.»): у неё свой срок');
      expect(section.items[8]!.responsible).toBe('');
      expect(section.items[9]!.number).toBe('2.2.');
    });

    it('joins a cell broken over two rows (section 3, item 2.1)', () => {
      expect(pick(file.preview.sections[2]!.items[0])).toEqual({
        number: '2.1.',
        activity: 'Организация и проведение серии муниципальных семинаров по отдельным вопросам реализации ЦМН.',
        content: '',
        deadlineText: 'по отдельному графику',
        responsible: 'Куратор внедрения ЦМН в городском округе г. Сибай\nРеспублике Башкортостан И.И.Варламова, директор',
        expectedResult: 'Обеспечение экспертно-консультационной поддержки участникам реализации ЦМН',
      });
      expect(file.preview.sections[2]!.items[0]!.issues.map((i) => i.message)).toContain('строка без номера присоединена к предыдущему мероприятию');
    });

    it('keeps an unreadable deadline as text, with the reason', () => {
      const item = file.preview.sections[2]!.items[1]!;
      expect(item.deadlineText).toBe('До начала вхождения в программу');
      expect(item.deadline.kind).toBe('unrecognized');
      expect(item.issues).toContainEqual({ field: 'deadlineText', message: 'срок не распознан — сохранён как текст', severity: 'warning' });
    });

    it('loses no text of the file', () => {
      expect(lostText(file.preview, file.pieces)).toEqual([]);
    });
  });

  describe('002 — МБОУ «Лицей №21», Курск: «Вместе по лестнице успеха»', () => {
    const file = seed('002_49d87401bc79b362.txt');

    it('reads «УТВЕРЖДЕНО приказом … № … от …» and the agreement with a blank date', () => {
      expect(file.preview.header.approval).toMatchObject({
        heading: 'УТВЕРЖДЕНО',
        position: 'Директор',
        organization: 'МБОУ «Лицей №21»',
        name: 'И.А. Первенкова',
        date: null,
        orderNumber: '376/а',
        orderDate: '2021-08-30',
        orderText: 'Приказом МБОУ «Лицей №21» № 376/а от « 30 » августа 2021 г',
      });
      expect(file.preview.header.agreement).toMatchObject({
        position: 'Председатель',
        authority: 'комитета образования г. Курска',
        name: 'С.И.Белкин',
        date: null,
        dateText: 'От « _____ » 2021 г.',
      });
    });

    it('reads the title and programme; the period comes from the deadlines', () => {
      expect(file.preview.header.title).toBe(
        'Дорожная карта внедрения методологии (целевой модели) наставничества с одаренными и высокомотивированными детьми «Вместе по лестнице успеха» в МБОУ «Лицей №21»',
      );
      expect(file.preview.header.programmeName).toBe('Вместе по лестнице успеха');
      expect(file.preview.header.organization).toBe('МБОУ «Лицей №21»');
      expect(file.preview.header.period).toMatchObject({ periodStart: '2021-09-01', periodEnd: '2024-08-31', source: 'deadlines' });
    });

    it('has 7 stages with their tasks and results, and 34 items', () => {
      expect(file.preview.stats).toMatchObject({ sections: 7, items: 34 });
      expect(file.preview.sections.map((s) => s.items.length)).toEqual([4, 3, 4, 4, 4, 8, 7]);
      const first = file.preview.sections[0]!;
      expect(first).toMatchObject({
        number: '1',
        title: 'Подготовка условий для запуска программы наставничества',
        task: 'информирование о запуске программы наставничества с одаренными и высокомотивированными детьми «Вместе по лестнице успеха»; сбор предварительных запросов от потенциальных наставляемых и выбор соответствующих этим запросам аудитории для поиска наставников',
      });
      expect(first.result).toMatch(/^определены необходимые ресурсы \(кадровые, методические/);
      // «Результат: …» written in the number column (a shifted cell) is still the stage's result.
      expect(file.preview.sections[2]!.result).toMatch(/^сформированы базы наставников, которые потенциально/);
      expect(file.preview.sections.every((s) => s.task && s.result)).toBe(true);
    });

    it('merges «1.4» written twice over a broken row', () => {
      const item = file.preview.sections[0]!.items[3]!;
      expect(pick(item)).toEqual({
        number: '1.4',
        activity:
          'Встреча с обучающимися МБОУ «Лицей №21» с информированием о реализуемой программе наставничества с одаренными и высокомотивированными детьми «Вместе по лестнице успеха»',
        content: '',
        deadlineText: 'Сентябрь 2021, 2022, 2023',
        responsible:
          'директор МБОУ «Лицей№21» И.А.Первенкова, зам. директора по УВР М.В.Овчинникова, зам. директора по УВР Е.В.Колесникова, педагог- психолог А.Г.Елисеева',
        expectedResult: '',
      });
      expect(item.deadline).toMatchObject({ kind: 'recurring', frequency: 'yearly', due: '2023-09-30' });
    });

    it('reads the deadlines of the sample items', () => {
      const s6 = file.preview.sections[5]!;
      expect(s6.items[3]).toMatchObject({
        number: '6.4',
        deadlineText: 'Февраль- май 2022',
        deadline: { kind: 'months', start: '2022-02-01', end: '2022-05-31' },
      });
      expect(s6.items[0]).toMatchObject({ number: '6.1', responsible: 'зам. директора по ВР И.В.Губанова' });
      expect(file.preview.sections[6]!.items.map((i) => i.number)).toEqual(['7.1', '7.2', '7.3', '7.4', '7.5', '7.7', '7.8']);
      expect(items(file.preview).every((i) => i.deadline.kind !== 'unrecognized')).toBe(true);
    });

    it('loses no text of the file', () => {
      expect(lostText(file.preview, file.pieces)).toEqual([]);
    });
  });

  describe('003 — МБОУ «СШ № 25», ЗАТО Свободный: the roadmap inside an order', () => {
    const file = seed('003_8bc66d0b871ca409.txt');

    it('finds the roadmap table after the order and the regulation, with its own approval', () => {
      expect(file.preview.header.title).toBe(
        'Дорожная карта (плана мероприятий) по реализации Положения о системе (целевой модели) наставничества педагогических работников в МБОУ «СШ № 25»»',
      );
      expect(file.preview.header.approval).toMatchObject({
        heading: 'УТВЕРЖДЕНО',
        position: 'Директор',
        organization: 'МБОУ «СШ № 25»',
        name: 'С.В. Бем',
        orderNumber: '202/1',
        orderDate: '2022-09-08',
      });
      expect(file.preview.header.agreement).toBeNull();
      expect(file.preview.header.programmeName).toBe('');
      expect(file.preview.header.organization).toBe('МБОУ «СШ № 25»');
      // No period in the document: the academic year of the approving order.
      expect(file.preview.header.period).toMatchObject({ periodStart: '2022-09-01', periodEnd: '2023-08-31', source: 'approval' });
      expect(file.preview.preamble[0]).toMatch(/^МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ/);
      expect(file.preview.postscript).toEqual([]);
    });

    it('maps «Мероприятия» / «Содержание деятельности и примерный план мероприятий» / «Сроки» / «Ответственный»', () => {
      expect(file.preview.columns.map((c) => c.mappedTo)).toEqual(['activity', 'content', 'deadline', 'responsible']);
    });

    it('has 7 numbered sections and 15 unnumbered items', () => {
      expect(file.preview.stats).toMatchObject({ sections: 7, items: 15 });
      expect(file.preview.sections.map((s) => [s.number, s.items.length])).toEqual([
        ['1.', 3],
        ['2.', 2],
        ['3.', 2],
        ['4.', 2],
        ['5.', 4],
        ['6.', 1],
        ['7.', 1],
      ]);
      expect(file.preview.sections[6]!.title).toBe('Самообследование');
      expect(items(file.preview).every((i) => i.number === '')).toBe(true);
    });

    it('reads bare months against the period, sub-rows as items of the same activity, broken cells joined', () => {
      const s1 = file.preview.sections[0]!.items[0]!;
      expect(s1).toMatchObject({
        activity: 'Изучение и систематизация имеющихся материалов по проблеме наставничества',
        deadlineText: 'сентябрь',
        responsible: 'Захарова Н.И.',
      });
      expect(s1.deadline).toMatchObject({ kind: 'months', start: '2022-09-01', end: '2022-09-30' });
      const sub = file.preview.sections[1]!.items[1]!;
      expect(pick(sub)).toEqual({
        number: '',
        activity: 'Формирование банка наставников',
        content: 'Формирование банка данных наставников, обеспечение согласий на сбор и обработку персональных данных.',
        deadlineText: 'сентябрь',
        responsible: 'Захарова Н.И.',
        expectedResult: '',
      });
      const meetings = file.preview.sections[3]!.items[0]!;
      expect(meetings.content.split('\n').slice(1)).toEqual([
        'Формирование наставнических пар/групп.',
        'Разработка персонализированных программ наставничества для каждой пары/группы.',
        'Организация психолого-педагогической поддержки сопровождения наставляемых, не сформировавших пару или группу (при необходимости), продолжение поиска наставника/наставников.',
      ]);
      expect(file.preview.sections[3]!.items[1]!.activity).toBe('Организация текущего контроля достижения планируемых результатов наставниками');
      expect(file.preview.sections[4]!.items[2]!.deadline).toMatchObject({ kind: 'months', start: '2023-04-01', end: '2023-04-30' });
    });

    it('loses no text of the file (the order and the regulation are the preamble)', () => {
      expect(lostText(file.preview, file.pieces)).toEqual([]);
    });
  });
});
