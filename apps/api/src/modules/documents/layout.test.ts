import { ROADMAP_STATES, type Item, type Section } from '@nastavnik/domain';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  agreementBlock,
  approvalBlock,
  columnsOf,
  dateRu,
  draftMark,
  periodRu,
  revisionDocument,
  rowsOf,
  safeFileName,
  subtitleOf,
  titleLines,
  type RevisionDocumentSource,
} from './layout.js';
import { columnName, excelDate, sheetName, writeXlsx } from './xlsx.js';

const item = (fields: Partial<Item>): Item => ({
  id: 'i',
  position: 0,
  number: '',
  activity: 'Мероприятие',
  content: '',
  deadlineText: '',
  deadline: { kind: 'unrecognized', original: '', reason: '', due: null } as unknown as Item['deadline'],
  responsible: '',
  expectedResult: '',
  indicator: '',
  done: false,
  doneOn: null,
  evidence: [],
  ...fields,
});
const section = (fields: Partial<Section>): Section => ({ id: 's', position: 0, title: 'Раздел', task: '', result: '', items: [], ...fields });

describe('the table', () => {
  it('leaves out a column empty in every item (never the activity); the shares add up to 1', () => {
    const sections = [
      section({ items: [item({ number: '1.1', deadlineText: 'Сентябрь' }), item({ responsible: 'Директор' })] }),
      section({ items: [item({ activity: '' })] }),
    ];
    const columns = columnsOf(sections);
    expect(columns.map((c) => c.label)).toEqual(['№', 'Мероприятие', 'Срок', 'Ответственный']);
    expect(columns.reduce((sum, c) => sum + c.width, 0)).toBeCloseTo(1, 10);
    expect(columnsOf([section({ items: [] })]).map((c) => c.key)).toEqual(['activity']);
  });

  it('sections become full-width rows with «Задача: …» / «Результат: …» (not doubled); cells keep line breaks', () => {
    const sections = [
      section({
        title: 'Подготовительный этап',
        task: 'Задача этапа: информирование',
        result: 'базы сформированы',
        items: [item({ number: '1', activity: 'А\r\nБ' })],
      }),
      section({ title: 'Основной этап' }),
    ];
    const rows = rowsOf(sections, columnsOf(sections));
    expect(rows).toEqual([
      { kind: 'section', title: 'Подготовительный этап', lines: ['Задача этапа: информирование', 'Результат: базы сформированы'] },
      { kind: 'item', cells: ['1', 'А\nБ'] },
      { kind: 'section', title: 'Основной этап', lines: [] },
    ]);
  });
});

describe('the blocks', () => {
  it('filled from the decisions; blank lines like the paper before them', () => {
    const approval = { position: 'Директор', organization: '', name: 'И.И. Варламова', date: '2021-09-15', orderNumber: '336', orderDate: '2021-08-31' };
    expect(approvalBlock(approval, 'МОБУ «Гимназия»')).toEqual({
      heading: 'УТВЕРЖДАЮ',
      lines: ['Директор', 'МОБУ «Гимназия»', '_______________/И.И. Варламова', '15.09.2021', 'Приказ № 336 от 31.08.2021'],
    });
    expect(approvalBlock(null, 'МОБУ «Гимназия»').lines).toEqual([
      '______________________________',
      'МОБУ «Гимназия»',
      '_______________/_______________',
      '«____» ______________ 20____ г.',
      'Приказ № _______ от «___» __________ 20___ г.',
    ]);
    const agreement = {
      position: 'Председатель комитета образования г. Курска',
      authority: 'Комитет образования г. Курска',
      name: 'С.И. Белкин',
      date: '2021-09-01',
    };
    expect(agreementBlock(agreement, 'x').lines).toEqual([
      'Председатель комитета образования г. Курска',
      'Комитет образования г. Курска',
      '_______________/С.И. Белкин',
      '01.09.2021',
    ]);
    expect(agreementBlock(null, '').lines[1]).toBe('______________________________');
  });

  it('marks every revision but the agreed one', () => {
    for (const state of ROADMAP_STATES) {
      const { mark, watermark } = draftMark(state, 'school');
      if (state === 'agreed') expect(mark).toBeNull();
      else expect(mark && watermark, state).toBeTruthy();
    }
    expect(draftMark('draft', 'school').mark).toBe('ПРОЕКТ · Черновик — не утверждено');
    expect(draftMark('returnedByDirector', 'school').mark).toBe('ПРОЕКТ · Черновик — не утверждено');
    expect(draftMark('inReview', 'school').mark).toBe('ПРОЕКТ · Утверждено директором, не согласовано (На рассмотрении)');
    expect(draftMark('inReview', 'district').mark).toBe('ПРОЕКТ · Утверждено руководителем, не согласовано (На рассмотрении в регионе)');
    expect(draftMark('superseded', 'school')).toEqual({ mark: 'НЕ ДЕЙСТВУЕТ — редакция заменена новой', watermark: 'НЕ ДЕЙСТВУЕТ' });
  });
});

describe('the title', () => {
  const base = {
    programmeName: 'Вместе',
    ownerShortName: 'МОБУ «Гимназия»',
    ownerFullName: 'Муниципальное общеобразовательное бюджетное учреждение «Гимназия»',
    periodStart: '2021-09-01',
    periodEnd: '2024-08-31',
  };

  it('«Дорожная карта» on its own line, as on paper', () => {
    expect(titleLines('Дорожная карта реализации целевой модели')).toEqual(['Дорожная карта', 'реализации целевой модели']);
    expect(titleLines('ДОРОЖНАЯ КАРТА внедрения')).toEqual(['ДОРОЖНАЯ КАРТА', 'внедрения']);
    expect(titleLines('План мероприятий')).toEqual(['План мероприятий']);
  });

  it('adds what the title does not name: programme, organisation, period', () => {
    expect(subtitleOf({ ...base, title: 'Дорожная карта реализации ЦМН «Вместе» в МОБУ «Гимназия» на 2021-2024 гг.' })).toBeNull();
    expect(subtitleOf({ ...base, title: 'Дорожная карта реализации ЦМН "Вместе" МОБУ Гимназия на 2021–2024 гг.' })).toBeNull();
    expect(subtitleOf({ ...base, title: 'План наставничества' })).toBe(
      'Программа наставничества «Вместе» · Муниципальное общеобразовательное бюджетное учреждение «Гимназия» · на 2021-2024 учебные годы',
    );
    expect(subtitleOf({ ...base, title: 'План «Вместе» МОБУ «Гимназия» на 2021 год' })).toBe('на 2021-2024 учебные годы');
  });

  it('periods and dates in Russian; file names without forbidden characters', () => {
    expect(periodRu('2025-09-01', '2026-08-31')).toBe('на 2025/2026 учебный год');
    expect(periodRu('2021-09-01', '2024-08-31')).toBe('на 2021-2024 учебные годы');
    expect(periodRu('2022-01-01', '2025-12-31')).toBe('на 2022-2025 гг.');
    expect(periodRu('2025-01-01', '2025-12-31')).toBe('на 2025 год');
    expect(dateRu('2025-09-16')).toBe('16.09.2025');
    expect(dateRu('сентябрь')).toBe('сентябрь');
    expect(safeFileName(' План: "Вместе" 2025/2026 <черновик>? ')).toBe('План Вместе 2025 2026 черновик');
    expect(safeFileName('а'.repeat(300))).toHaveLength(150);
  });

  it('the whole model of a district roadmap', () => {
    const source: RevisionDocumentSource = {
      ...base,
      level: 'district',
      state: 'withDirector',
      number: 3,
      title: 'Дорожная карта муниципалитета',
      approval: null,
      agreement: null,
      ownerShortName: 'ГО г. Сибай',
      ownerFullName: 'Управление образования Администрации ГО г. Сибай РБ',
      approverOrganization: 'Управление образования Администрации ГО г. Сибай РБ',
      agreeingAuthority: 'Республика Башкортостан',
      sections: [section({ items: [item({ number: '1' })] })],
    };
    const model = revisionDocument(source);
    expect(model).toMatchObject({
      fileBaseName: 'Дорожная карта — ГО г. Сибай — редакция 3',
      mark: 'ПРОЕКТ · Черновик — не утверждено',
      watermark: 'ПРОЕКТ',
      revisionNote: 'Редакция № 3 · На утверждении у руководителя органа управления образованием',
      title: ['Дорожная карта', 'муниципалитета'],
    });
    expect(model.approval.lines[1]).toBe('Управление образования Администрации ГО г. Сибай РБ');
    expect(model.agreement.lines[1]).toBe('Республика Башкортостан');
  });
});

describe('XLSX writer', () => {
  it('column letters and Excel serial dates', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(excelDate('2024-01-01')).toBe(45292);
    expect(excelDate('1900-03-01')).toBe(61);
    expect(sheetName('Сводка: 2025/2026 [черновик] очень длинное название листа')).toBe('Сводка 2025 2026 черновик очень');
  });

  it('writes a workbook whose sheet holds the values, escaped', () => {
    const data = writeXlsx({
      name: 'Сводка',
      title: 'T & <T>',
      createdAt: new Date('2025-10-15T10:00:00Z'),
      heading: ['Заголовок'],
      columns: [
        { label: 'Организация', width: 30 },
        { label: 'Дата', width: 12 },
        { label: 'N', width: 5 },
      ],
      rows: [
        ['МОБУ «СОШ № 4» & <филиал>', { date: '2025-09-16' }, 7],
        ['Пусто', null, null],
      ],
      footer: ['Итого'],
    });
    const files = unzipSync(new Uint8Array(data));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A3" s="2" t="inlineStr"><is><t xml:space="preserve">Организация</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">МОБУ «СОШ № 4» &amp; &lt;филиал&gt;</t>');
    expect(sheet).toContain(`<c r="B4" s="4"><v>${excelDate('2025-09-16')}</v></c>`);
    expect(sheet).toContain('<c r="C4" s="5"><v>7</v></c>');
    expect(sheet).toContain('<autoFilter ref="A3:C5"/>');
    expect(sheet).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Сводка" sheetId="1" r:id="rId1"/>');
    expect(strFromU8(files['docProps/core.xml']!)).toContain('<dc:title>T &amp; &lt;T&gt;</dc:title>');
    expect(strFromU8(files['xl/styles.xml']!)).toContain('formatCode="dd\\.mm\\.yyyy"');
  });
});
