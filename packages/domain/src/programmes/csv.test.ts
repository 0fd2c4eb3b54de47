import { describe, expect, it } from 'vitest';
import { CSV_MESSAGES_RU, CsvFormatError, parseCsv, writeCsv } from './csv.js';

describe('parseCsv', () => {
  it("reads Excel's Russian CSV: BOM, «;», CRLF", () => {
    expect(parseCsv('\ufeffФамилия;Имя;Категория\r\nИванова;Мария;Обучающийся\r\n')).toEqual([
      ['Фамилия', 'Имя', 'Категория'],
      ['Иванова', 'Мария', 'Обучающийся'],
    ]);
  });

  it('drops the BOM from the first header only', () => {
    const [header] = parseCsv('\ufeff"Фамилия";Имя\n');
    expect(header).toEqual(['Фамилия', 'Имя']);
  });

  it('reads «,» files', () => {
    expect(parseCsv('Фамилия,Имя\nПетров,Алексей\n')).toEqual([
      ['Фамилия', 'Имя'],
      ['Петров', 'Алексей'],
    ]);
  });

  it('keeps «,» inside cells of a «;» file, quoted or not', () => {
    expect(parseCsv('ФИО;Категория;Теги\r\n"Иванова, Мария";Обучающийся;Математика, Олимпиады\r\n')).toEqual([
      ['ФИО', 'Категория', 'Теги'],
      ['Иванова, Мария', 'Обучающийся', 'Математика, Олимпиады'],
    ]);
  });

  it('keeps «;» inside quoted cells of a «,» file', () => {
    expect(parseCsv('Фамилия,Теги\nПетров,"Математика; Олимпиады"\n')).toEqual([
      ['Фамилия', 'Теги'],
      ['Петров', 'Математика; Олимпиады'],
    ]);
  });

  it('decides the separator by columns, not by characters of the first line', () => {
    // Three «,» in one quoted header, two «;» between columns: a «;» file.
    expect(parseCsv('"Фамилия, имя, отчество, полностью";Категория;Класс\nИванова Мария;Обучающийся;7 «Б»\n')).toEqual([
      ['Фамилия, имя, отчество, полностью', 'Категория', 'Класс'],
      ['Иванова Мария', 'Обучающийся', '7 «Б»'],
    ]);
  });

  it('takes «;» when both give as many columns (one column, commas in the rows)', () => {
    expect(parseCsv('ФИО\nИванова, Мария\n')).toEqual([['ФИО'], ['Иванова, Мария']]);
  });

  it('keeps line breaks inside quoted cells', () => {
    expect(parseCsv('Фамилия;Описание\r\nПетров;"Первая строка\r\nвторая строка"\r\nСидоров;x\r\n')).toEqual([
      ['Фамилия', 'Описание'],
      ['Петров', 'Первая строка\r\nвторая строка'],
      ['Сидоров', 'x'],
    ]);
  });

  it('reads "" as a quote inside a quoted cell, and a quote inside an unquoted cell as text', () => {
    expect(parseCsv('Организация;Цитата\nШкола "Ромашка";"Он сказал ""да"""\n')).toEqual([
      ['Организация', 'Цитата'],
      ['Школа "Ромашка"', 'Он сказал "да"'],
    ]);
  });

  it('gives no row for the trailing line break; an empty line inside is [""]', () => {
    expect(parseCsv('a;b\n1;2\n\n3;4\n')).toEqual([['a', 'b'], ['1', '2'], [''], ['3', '4']]);
    expect(parseCsv('a;b\r\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b\r1;2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps rows shorter or longer than the header', () => {
    expect(parseCsv('a;b;c\n1\n1;2;3;4\n')).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]);
  });

  it('refuses an unclosed quote with a Russian message', () => {
    expect(() => parseCsv('a;b\n"Петров;2\n3;4\n')).toThrow(CsvFormatError);
    expect(() => parseCsv('a;b\n"Петров;2\n3;4\n')).toThrow(CSV_MESSAGES_RU.quoteNotClosed);
  });
});

describe('writeCsv', () => {
  it('writes what Excel in a Russian locale opens: BOM, «;», CRLF, quotes only where needed', () => {
    expect(
      writeCsv([
        ['Фамилия', 'Имя'],
        ['Иванов', 'Иван'],
      ]),
    ).toBe('\ufeffФамилия;Имя\r\nИванов;Иван\r\n');
  });

  it('quotes cells with «;», quotes and line breaks, and parseCsv reads them back', () => {
    const rows = [
      ['a;b', 'сказал "да"', 'строка 1\nстрока 2', 'просто'],
      ['', 'x\r\ny', '"', ';'],
    ];
    const csv = writeCsv(rows);
    expect(csv).toContain('"a;b";"сказал ""да""";"строка 1\nстрока 2";просто');
    expect(parseCsv(csv)).toEqual(rows);
  });
});
