import { describe, expect, it } from 'vitest';
import { parseRoadmapDocument, type ImportPreview } from './index.js';

/**
 * The shapes of real roadmaps that the import must read (issue 17), each as a made-up document:
 * unnumbered and roman sections, a stage column, a column dropped midway, real items without a number
 * against continuation fragments, garbled rows, order-style headers, approval blocks typed by hand.
 */

const T = '\t';
const row = (...cells: string[]) => cells.join(T);

function parse(lines: string[]): ImportPreview {
  const result = parseRoadmapDocument({ fileName: 'карта.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

const titles = (p: ImportPreview) => p.sections.map((s) => [s.number, s.title]);
const items = (p: ImportPreview) => p.sections.flatMap((s) => s.items);
const fields = (p: ImportPreview) => items(p).map((i) => ({ number: i.number, activity: i.activity, deadline: i.deadlineText, responsible: i.responsible }));

const HEAD = row('№', 'Наименование мероприятия', 'Срок', 'Ответственный', 'Результат');

describe('1. sections', () => {
  it('a row with text in its first cell only is a section, not an item and not a continuation', () => {
    const p = parse([
      'Дорожная карта на 2024-2025 учебный год',
      HEAD,
      row('Информационное сопровождение', '', '', '', ''),
      row('1', 'Размещение информации на сайте', 'Сентябрь 2024', 'Иванова И.И.', 'Новость'),
      row('2', 'Родительское собрание', 'Октябрь 2024', 'Петров П.П.', 'Протокол'),
      row('Методическое сопровождение', '', '', '', ''),
      row('3', 'Семинар для наставников', 'Ноябрь 2024', 'Сидорова С.С.', 'Программа семинара'),
    ]);
    expect(titles(p)).toEqual([
      ['', 'Информационное сопровождение'],
      ['', 'Методическое сопровождение'],
    ]);
    expect(items(p).map((i) => i.number)).toEqual(['1', '2', '3']);
  });

  it('roman-numbered sections', () => {
    const p = parse([
      HEAD,
      row('I. Организационный этап', '', '', '', ''),
      row('1.1', 'Создание рабочей группы', 'Сентябрь 2024', 'Директор', 'Приказ'),
      row('II. Методическое сопровождение', '', '', '', ''),
      row('2.1', 'Обучение наставников', 'Октябрь 2024', 'Куратор', 'Сертификаты'),
    ]);
    expect(titles(p)).toEqual([
      ['I.', 'Организационный этап'],
      ['II.', 'Методическое сопровождение'],
    ]);
  });

  it('a stage column whose cell is merged down over several rows gives the sections', () => {
    const p = parse([
      row('Наименование этапа', 'Мероприятия', 'Сроки', 'Ответственные'),
      row('Подготовка условий для запуска программы', 'Изучение материалов', 'Сентябрь 2024', 'Куратор'),
      row('', 'Издание приказа', 'Сентябрь 2024', 'Директор'),
      row('Формирование базы наставников', 'Анкетирование педагогов', 'Октябрь 2024', 'Куратор'),
      row('', 'Формирование базы', 'Октябрь 2024', 'Заместитель директора'),
    ]);
    expect(titles(p)).toEqual([
      ['', 'Подготовка условий для запуска программы'],
      ['', 'Формирование базы наставников'],
    ]);
    expect(p.sections.map((s) => s.items.map((i) => i.activity))).toEqual([
      ['Изучение материалов', 'Издание приказа'],
      ['Анкетирование педагогов', 'Формирование базы'],
    ]);
  });
});

describe('2. a column dropped midway', () => {
  it('maps the later rows by position and content: a name never lands in the indicator', () => {
    const p = parse([
      row('№', 'Мероприятие', 'Срок', 'Ответственный', 'Показатели эффективности'),
      row('1', 'Формирование базы наставников', 'Сентябрь 2024', 'Иванова И.И.', 'Не менее 10 наставников'),
      row('2', 'Обучение наставников', 'Октябрь 2024', 'Петров П.П.', 'Доля обученных 100 %'),
      // After a page break the deadline column is gone.
      row('3', 'Итоговая конференция', 'Сидорова С.С.', 'Не менее 50 участников'),
    ]);
    const last = items(p)[2]!;
    expect(last.responsible).toBe('Сидорова С.С.');
    expect(last.indicator).toBe('Не менее 50 участников');
    expect(last.deadlineText).toBe('');
  });

  it('a repeated header with other columns re-maps the rows below it', () => {
    const p = parse([
      row('№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'),
      row('1', 'Формирование базы наставников', 'Сентябрь 2024', 'Иванова И.И.', 'База'),
      row('№', 'Мероприятие', 'Ответственный', 'Результат'),
      row('2', 'Итоговая конференция', 'Сидорова С.С.', 'Отчёт'),
    ]);
    expect(items(p)[1]).toMatchObject({ activity: 'Итоговая конференция', responsible: 'Сидорова С.С.', expectedResult: 'Отчёт', deadlineText: '' });
  });
});

describe('3. real items without a number versus continuation fragments', () => {
  it('a full row with its own deadline and responsible is an item, even in lower case', () => {
    const p = parse([
      row('месяц', 'виды деятельности', 'ответственные', 'отчетность'),
      row('август', 'консультация по планированию', 'зам. дир. по УВР', 'справка'),
      row('сентябрь', 'беседа с руководителями МО', 'зам. дир. по УВР', '-'),
      row('октябрь', 'персональный контроль', 'наставники', 'справка'),
    ]);
    expect(fields(p).map((i) => [i.activity, i.deadline])).toEqual([
      ['консультация по планированию', 'август'],
      ['беседа с руководителями МО', 'сентябрь'],
      ['персональный контроль', 'октябрь'],
    ]);
  });

  it('a lone fragment at a page break continues the cell above', () => {
    const p = parse([
      HEAD,
      row('1.1', 'Разработка и утверждение', 'Сентябрь 2024', 'Директор', 'Приказ'),
      row('', 'программы', '', '', ''),
      row('1.2', 'Назначение куратора', 'Сентябрь 2024', 'Директор', 'Приказ'),
    ]);
    expect(items(p).map((i) => i.activity)).toEqual(['Разработка и утверждение программы', 'Назначение куратора']);
  });
});

describe('4. garbled tables', () => {
  it('skips a markdown separator row and keeps its text out of the items', () => {
    const p = parse([HEAD, row('---', '---', '---', '---', '---'), row('1', 'Семинар', 'Май 2025', 'Куратор', 'Отчёт')]);
    expect(items(p)).toHaveLength(1);
    expect(items(p)[0]).toMatchObject({ number: '1', activity: 'Семинар' });
  });

  it('a stray row with far more cells than the header does not widen the table', () => {
    const p = parse([
      HEAD,
      row('1', 'Семинар', 'Май 2025', 'Куратор', 'Отчёт'),
      row('2', 'Конференция', 'Июнь 2025', 'Директор', 'Отчёт', '', '', 'примечание', '', '', '', 'ещё'),
      row('3', 'Итоги', 'Июнь 2025', 'Куратор', 'Справка'),
    ]);
    expect(p.columns).toHaveLength(5);
    expect(items(p).map((i) => i.expectedResult)).toEqual(['Отчёт', 'Отчёт примечание ещё', 'Справка']);
  });

  it('a deadline cell holding the next column’s text is split', () => {
    const p = parse([
      HEAD,
      row('1', 'Семинар', 'Май 2025', 'Куратор', 'Отчёт'),
      row('2', 'Конференция', 'Июнь 2025 Заместитель директора Иванова И.И.', '', 'Отчёт'),
    ]);
    expect(items(p)[1]).toMatchObject({ deadlineText: 'Июнь 2025', responsible: 'Заместитель директора Иванова И.И.' });
  });

  it('a row written back to front is put right', () => {
    const p = parse([HEAD, row('1', 'Семинар', 'Май 2025', 'Куратор', 'Отчёт'), row('Отчёт', 'Иванова И.И.', 'Июнь 2025', 'Конференция', '2')]);
    expect(items(p)[1]).toMatchObject({ number: '2', activity: 'Конференция', deadlineText: 'Июнь 2025', responsible: 'Иванова И.И.' });
  });
});

describe('5. headers written as orders or annexes', () => {
  it('an order: authority, number and date, title, period in calendar years, the signer at the bottom', () => {
    const p = parse([
      'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЗАРЕЧНОГО РАЙОНА',
      'ПРИКАЗ',
      '03.09.2022 № 118',
      'Об утверждении дорожной карты внедрения целевой модели наставничества на 2022–2025 годы',
      HEAD,
      row('1', 'Семинар', 'Май 2023', 'Куратор', 'Отчёт'),
      'Начальник управления образования И.О. Фамилия',
    ]);
    expect(p.header.order).toMatchObject({ number: '118', date: '2022-09-03', annex: '', authority: 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЗАРЕЧНОГО РАЙОНА' });
    expect(p.header.order?.signer).toEqual({ position: 'Начальник управления образования', name: 'И.О. Фамилия' });
    expect(p.header.title).toBe('Об утверждении дорожной карты внедрения целевой модели наставничества на 2022–2025 годы');
    expect(p.header.period).toMatchObject({ periodStart: '2022-01-01', periodEnd: '2025-12-31', source: 'document' });
  });

  it('an annex to an order', () => {
    const p = parse([
      'Приложение № 2',
      'к приказу от 12.03.2024 № 45-од',
      'Дорожная карта реализации программы наставничества в 2024–2025 годах',
      HEAD,
      row('1', 'Семинар', 'Май 2024', 'Куратор', 'Отчёт'),
    ]);
    expect(p.header.order).toMatchObject({ number: '45-од', date: '2024-03-12', annex: '2' });
    expect(p.header.period).toMatchObject({ periodStart: '2024-01-01', periodEnd: '2025-12-31' });
  });

  it('«от 5 октября 2023 г. N 02/311» and a period of months', () => {
    const p = parse([
      'Приложение',
      'к распоряжению от 5 октября 2023 г. N 02/311',
      'План мероприятий (дорожная карта) (сентябрь 2023 г. – май 2025 г.)',
      HEAD,
      row('1', 'Семинар', 'Май 2024', 'Куратор', 'Отчёт'),
    ]);
    expect(p.header.order).toMatchObject({ number: '02/311', date: '2023-10-05', annex: '' });
    expect(p.header.period).toMatchObject({ periodStart: '2023-09-01', periodEnd: '2025-05-31' });
  });
});

describe('6. approval blocks typed by hand', () => {
  it('a position in capitals with the name after a slash on the next line; noise and blank dates', () => {
    const p = parse([
      'УТВЕРЖДАЮ',
      'ДИРЕКТОР ШКОЛЫ',
      '_________/ Е.В. Тарабанова',
      '(подпись)    (расшифровка)',
      'М.П.',
      '"__" ________ 2024 г.',
      'Дорожная карта на 2024-2025 учебный год',
      HEAD,
      row('1', 'Семинар', 'Май 2025', 'Куратор', 'Отчёт'),
    ]);
    expect(p.header.approval).toMatchObject({ position: 'ДИРЕКТОР ШКОЛЫ', name: 'Е.В. Тарабанова', date: null, dateText: '"__" ________ 2024 г.' });
  });

  it('«от «31» 08. 2020 г.»', () => {
    const p = parse([
      'СОГЛАСОВАНО',
      'Протокол № 1 заседания педагогического совета',
      'от «31» 08. 2020 г.',
      'Дорожная карта на 2020-2021 учебный год',
      HEAD,
      row('1', 'Семинар', 'Май 2021', 'Куратор', 'Отчёт'),
    ]);
    expect(p.header.agreement).toMatchObject({ date: '2020-08-31' });
  });
});

describe('7. two result columns side by side', () => {
  it('keeps «Ожидаемые результаты» and «Вид документа» each in its own field', () => {
    const p = parse([
      row('№', 'Мероприятие', 'Срок', 'Ответственный', 'Ожидаемые результаты', 'Вид документа'),
      row('1', 'Семинар', 'Май 2025', 'Куратор', 'Наставники обучены', 'Протокол'),
    ]);
    expect(items(p)[0]).toMatchObject({ expectedResult: 'Наставники обучены', document: 'Протокол' });
  });
});
