import { describe, expect, it } from 'vitest';
import { mapColumns, matchHeading } from './columns.js';
import { splitSectionText } from './builder.js';

describe('column headings: every synonym of domain.md', () => {
  it.each([
    ['№', 'number'],
    ['№ п/п', 'number'],
    ['N п/п', 'number'],
    ['Наименование мероприятий', 'activity'],
    ['Мероприятия', 'activity'],
    ['Направления работы, планируемые мероприятия', 'activity'],
    ['Содержание', 'activity'],
    ['Содержание деятельности и результат', 'content'],
    ['Содержание деятельности и примерный план мероприятий', 'content'],
    ['Срок реализации', 'deadline'],
    ['Сроки', 'deadline'],
    ['СРОКИ ПРОВЕДЕНИЯ', 'deadline'],
    ['Ответственный исполнитель', 'responsible'],
    ['Ответственные', 'responsible'],
    ['ответственный', 'responsible'],
    ['Результат. Вид документа', 'expectedResult'],
    ['Ожидаемый результат (вид документа)', 'expectedResult'],
    ['Показатели эффективности', 'indicator'],
  ])('«%s» → %s', (heading, field) => {
    expect(matchHeading(heading)).toMatchObject({ field, confidence: 1, exact: true });
  });

  it('guesses from keywords with a lower confidence, and knows nothing of other headings', () => {
    expect(matchHeading('Сроки выполнения работ')).toMatchObject({ field: 'deadline', exact: false });
    expect(matchHeading('Ответственные за исполнение')).toMatchObject({ field: 'responsible', exact: false });
    expect(matchHeading('Примечание')).toBeNull();
    expect(matchHeading('')).toBeNull();
  });
});

describe('mapColumns', () => {
  const sample = (index: number, heading: string, cells: string[]) => ({ index, heading, cells });

  it('«Содержание» is the content when another column is the activity', () => {
    const columns = mapColumns([sample(0, 'Мероприятия', ['a']), sample(1, 'Содержание', ['b']), sample(2, 'Сроки', ['май'])], undefined);
    expect(columns.map((c) => c.mappedTo)).toEqual(['activity', 'content', 'deadline']);
  });

  it('a second column naming the same field stays unmapped', () => {
    const columns = mapColumns([sample(0, 'Мероприятия', ['a']), sample(1, 'Ответственный', ['x']), sample(2, 'Ответственные', ['y'])], undefined);
    expect(columns[2]).toMatchObject({ mappedTo: null, reason: 'заголовок «Ответственные» повторяет поле «Ответственный» — столбец не распознан' });
  });

  it('recognises columns by content: numbers, dates and months, names with initials, percentages', () => {
    const columns = mapColumns(
      [
        sample(0, '', ['1.1', '1.2', '2.1']),
        sample(1, '', ['Анкетирование педагогов', 'Встреча наставников', 'Итоговая конференция']),
        sample(2, '', ['до 01.10.2023', 'Ноябрь 2023', 'в течение года']),
        sample(3, '', ['Иванова И.И.', 'зам. директора по ВР', 'куратор П.П. Петров']),
        sample(4, '', ['не менее 10%', '90% участников', '100%']),
        sample(5, '', ['Протокол', 'Приказ', 'Справка']),
      ],
      undefined,
    );
    expect(columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'indicator', 'expectedResult']);
    expect(columns.every((c) => c.source === 'content')).toBe(true);
  });
});

describe('section headings', () => {
  it('split the title from «Задача этапа:» and «Результат:»', () => {
    expect(splitSectionText('Подготовка условий Задача этапа: информирование Результат: определены ресурсы')).toEqual({
      title: 'Подготовка условий',
      task: 'информирование',
      result: 'определены ресурсы',
    });
    expect(splitSectionText('Основной этап')).toEqual({ title: 'Основной этап', task: '', result: '' });
  });
});
