import { describe, expect, it } from 'vitest';
import { isTablePaste, mapPastedRows, parsePastedText } from './paste.js';

/** Three rows as Excel puts them on the clipboard: CRLF between rows, a multi-line cell quoted, quotes doubled. */
const EXCEL = [
  'Мероприятие\tСроки\tОтветственные\tОжидаемый результат',
  'Совещание наставников\tСентябрь 2026\tИванова А.А.\tПротокол',
  '"Открытые уроки:\nматематика и физика"\tОктябрь 2026\tПетров П.П.\t"Отчёт ""Уроки"""',
  'Итоговая конференция\tМай 2027\tСидорова С.С.\tСборник',
  '',
].join('\r\n');

describe('text pasted from Excel', () => {
  it('reads tab-separated rows with Excel quoting: a line break and doubled quotes inside a quoted cell', () => {
    const rows = parsePastedText(EXCEL);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual(['Открытые уроки:\nматематика и физика', 'Октябрь 2026', 'Петров П.П.', 'Отчёт "Уроки"']);
    expect(rows[3]).toEqual(['Итоговая конференция', 'Май 2027', 'Сидорова С.С.', 'Сборник']);
  });

  it('matches the columns by the heading row (the import vocabulary), whatever their order', () => {
    const rows = parsePastedText('Ответственные\tНаименование мероприятия\t№ п/п\tСрок исполнения\r\nИванова А.А.\tСовещание\t1.1\tСентябрь 2026\r\n');
    const pasted = mapPastedRows(rows, 'expectedResult');
    expect(pasted.byHeading).toBe(true);
    expect(pasted.columns).toEqual(['responsible', 'activity', 'number', 'deadline']);
    expect(pasted.items).toEqual([{ responsible: 'Иванова А.А.', activity: 'Совещание', number: '1.1', deadline: 'Сентябрь 2026' }]);
  });

  it('the Excel sample by heading: three items, the multi-line activity kept whole', () => {
    const pasted = mapPastedRows(parsePastedText(EXCEL), 'activity');
    expect(pasted.byHeading).toBe(true);
    expect(pasted.items.map((item) => item.activity)).toEqual(['Совещание наставников', 'Открытые уроки:\nматематика и физика', 'Итоговая конференция']);
    expect(pasted.items[1]).toMatchObject({ deadline: 'Октябрь 2026', responsible: 'Петров П.П.', expectedResult: 'Отчёт "Уроки"' });
  });

  it('without a heading row, fills from the cell pasted into rightwards, dropping what goes past the last column', () => {
    const rows = parsePastedText('Сентябрь 2026\tИванова А.А.\tПротокол\tДоля 50%\tлишнее\nОктябрь 2026\tПетров П.П.\r\n');
    const pasted = mapPastedRows(rows, 'deadline');
    expect(pasted.byHeading).toBe(false);
    expect(pasted.columns).toEqual(['deadline', 'responsible', 'expectedResult', 'indicator', null]);
    expect(pasted.items).toEqual([
      { deadline: 'Сентябрь 2026', responsible: 'Иванова А.А.', expectedResult: 'Протокол', indicator: 'Доля 50%' },
      { deadline: 'Октябрь 2026', responsible: 'Петров П.П.' },
    ]);
  });

  it('a first row that merely mentions a word of a heading is data, not a heading', () => {
    const pasted = mapPastedRows(parsePastedText('Результаты олимпиады\tМай 2027\nСовещание\tИюнь 2027'), 'activity');
    expect(pasted.byHeading).toBe(false);
    expect(pasted.items).toHaveLength(2);
  });

  it('Word plain text with an unclosed quote is read as written, line by line', () => {
    expect(parsePastedText('"Ромашка\tСентябрь 2026\nВторое\tОктябрь 2026')).toEqual([
      ['"Ромашка', 'Сентябрь 2026'],
      ['Второе', 'Октябрь 2026'],
    ]);
  });

  it('one cell is ordinary text for the cell; two cells or two rows are a table', () => {
    expect(isTablePaste(parsePastedText('Просто текст\r\n'))).toBe(false);
    expect(isTablePaste(parsePastedText('a\tb'))).toBe(true);
    expect(isTablePaste(parsePastedText('a\r\nb\r\n'))).toBe(true);
  });

  it('empty rows and rows of empty cells are left out', () => {
    expect(mapPastedRows(parsePastedText('\t\t\nСовещание\tМай 2027\n\t\n'), 'activity').items).toEqual([{ activity: 'Совещание', content: 'Май 2027' }]);
  });
});
