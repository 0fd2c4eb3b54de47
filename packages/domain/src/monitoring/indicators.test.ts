import { describe, expect, it } from 'vitest';
import { describeIndicatorRu, evaluateIndicator, parseIndicator, type ParsedIndicator } from './indicators.js';
import { consentsCollected, coverage } from './kpi.js';

describe('parseIndicator: the seeds’ indicators', () => {
  const cases: Array<[string, ParsedIndicator]> = [
    ['Не менее 10% от общего количества членов каждой целевой группы', { kpi: 'coverage', op: '>=', value: 10, unit: '%' }],
    [
      'Не менее 2% организаций, предприятий, социальных партнёров вошли в программы наставничества, предоставив своих наставников',
      { kpi: 'partnerOrganizationShare', op: '>=', value: 2, unit: '%' },
    ],
    [
      '2% организаций, предприятий (организаций), вошедших в программы наставничества, предоставив наставников',
      { kpi: 'partnerOrganizationShare', op: '>=', value: 2, unit: '%' },
    ],
    ['Не менее 5 публикаций', { kpi: 'count', subject: 'публикации', op: '>=', value: 5 }],
    ['Индивидуальные планы реализованы не менее чем на 90%', { kpi: 'plansDone', op: '>=', value: 90, unit: '%' }],
    ['Согласия на обработку персональных данных у 100% участников', { kpi: 'consentsCollected', op: '>=', value: 100, unit: '%' }],
    ['Приняло участие не менее 90% участников программы', { kpi: 'finalEventAttendance', op: '>=', value: 90, unit: '%' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(parseIndicator(text)).toEqual(expected);
  });
});

describe('parseIndicator: other wordings', () => {
  it.each<[string, ParsedIndicator]>([
    ['не менее 70% обучающихся вовлечены в различные формы наставничества', { kpi: 'federalTarget70', op: '>=', value: 70, unit: '%' }],
    ['Охват не менее 30 % обучающихся', { kpi: 'coverage', op: '>=', value: 30, unit: '%' }],
    ['Вовлечено 25 процентов педагогов', { kpi: 'coverage', op: '>=', value: 25, unit: '%' }],
    ['Не менее 12,5% молодых специалистов', { kpi: 'coverage', op: '>=', value: 12.5, unit: '%' }],
    ['Не менее 20% наставников — сотрудники организаций-партнёров', { kpi: 'partnerMentorShare', op: '>=', value: 20, unit: '%' }],
    ['В итоговом мероприятии приняли участие не менее 80% обучающихся', { kpi: 'finalEventAttendance', op: '>=', value: 80, unit: '%' }],
    ['Не менее 85% участников удовлетворены участием в программе', { kpi: 'satisfiedShare', op: '>=', value: 85, unit: '%' }],
    ['Мероприятия дорожной карты выполнены не менее чем на 95 %', { kpi: 'roadmapExecution', op: '>=', value: 95, unit: '%' }],
    ['Согласие\u00a0получено у 100\u00a0% участников', { kpi: 'consentsCollected', op: '>=', value: 100, unit: '%' }],
    ['Не менее 3 методических семинаров', { kpi: 'count', subject: 'семинары', op: '>=', value: 3 }],
    ['В 2024 году не более 2 выступлений', { kpi: 'count', subject: 'выступления', op: '<=', value: 2 }],
    ['Более 10 наставнических пар', { kpi: 'count', subject: 'пары', op: '>', value: 10 }],
    ['1 публикация в месяц', { kpi: 'count', subject: 'публикации', op: '>=', value: 1 }],
    ['Не менее 4 кейсов, Не менее 2 статей', { kpi: 'count', subject: 'кейсы', op: '>=', value: 4 }],
  ])('%s', (text, expected) => {
    expect(parseIndicator(text)).toEqual(expected);
  });

  it.each([
    'Протокол педагогического совета',
    'Приказ № 336 от 31.08.2021',
    'Сентябрь 2021, 2022, 2023',
    '2 раза в год',
    'Рост на 15% успеваемости', // a percentage of nothing recognised
    '',
    '   ',
  ])('%s → null, kept as text', (text) => {
    expect(parseIndicator(text)).toBeNull();
  });

  it('null and undefined → null', () => {
    expect(parseIndicator(null)).toBeNull();
    expect(parseIndicator(undefined)).toBeNull();
  });
});

describe('describeIndicatorRu', () => {
  it('words the machine target', () => {
    expect(describeIndicatorRu({ kpi: 'coverage', op: '>=', value: 10, unit: '%' })).toBe('Охват целевой группы: не менее 10 %');
    expect(describeIndicatorRu({ kpi: 'count', subject: 'публикации', op: '>=', value: 5 })).toBe('Публикации: не менее 5');
    expect(describeIndicatorRu({ kpi: 'plansDone', op: '<=', value: 12.5, unit: '%' })).toBe('Выполнение индивидуальных планов: не более 12,5 %');
  });
});

describe('evaluateIndicator', () => {
  const tenPercent = parseIndicator('Не менее 10% от общего количества членов каждой целевой группы');
  const publications = parseIndicator('Не менее 5 публикаций');
  const consents = parseIndicator('Согласия на обработку персональных данных у 100% участников');

  it('met, not met, no data — from numbers or computed KPIs', () => {
    expect(evaluateIndicator(tenPercent, { coverage: 12.5 })).toEqual({ status: 'met', value: 12.5 });
    expect(evaluateIndicator(tenPercent, { coverage: coverage(9, 90) })).toEqual({ status: 'met', value: 10 });
    expect(evaluateIndicator(tenPercent, { coverage: 8 })).toEqual({ status: 'notMet', value: 8 });
    expect(evaluateIndicator(tenPercent, { coverage: coverage(5, 0) })).toEqual({ status: 'noData', value: null });
    expect(evaluateIndicator(tenPercent, {})).toEqual({ status: 'noData', value: null });
    expect(evaluateIndicator(consents, { consentsCollected: consentsCollected(9999, 10000) }).status).toBe('notMet');
    expect(evaluateIndicator(consents, { consentsCollected: consentsCollected(40, 40) }).status).toBe('met');
  });

  it('«каждой целевой группы»: every group must meet; a failing group decides before a missing one', () => {
    expect(evaluateIndicator(tenPercent, { coverage: [12, 15, 10] })).toEqual({ status: 'met', value: 10 });
    expect(evaluateIndicator(tenPercent, { coverage: [12, 4, null] })).toEqual({ status: 'notMet', value: 4 });
    expect(evaluateIndicator(tenPercent, { coverage: [12, null] })).toEqual({ status: 'noData', value: null });
    expect(evaluateIndicator(tenPercent, { coverage: [] })).toEqual({ status: 'noData', value: null });
  });

  it('counts by subject', () => {
    expect(evaluateIndicator(publications, { counts: { публикации: 6 } })).toEqual({ status: 'met', value: 6 });
    expect(evaluateIndicator(publications, { counts: { публикации: 4 } })).toEqual({ status: 'notMet', value: 4 });
    expect(evaluateIndicator(publications, { counts: { статьи: 9 } })).toEqual({ status: 'noData', value: null });
  });

  it('upper bounds and strict comparisons', () => {
    expect(evaluateIndicator({ kpi: 'count', subject: 'пары', op: '<=', value: 3 }, { counts: { пары: 3 } }).status).toBe('met');
    expect(evaluateIndicator({ kpi: 'count', subject: 'пары', op: '<', value: 3 }, { counts: { пары: 3 } }).status).toBe('notMet');
    expect(evaluateIndicator({ kpi: 'count', subject: 'пары', op: '>', value: 3 }, { counts: { пары: 4 } }).status).toBe('met');
    expect(evaluateIndicator({ kpi: 'coverage', op: '<=', value: 5, unit: '%' }, { coverage: [1, 4] })).toEqual({ status: 'met', value: 4 });
  });

  it('an unreadable indicator has no data', () => {
    expect(evaluateIndicator(parseIndicator('Протокол'), { coverage: 50 })).toEqual({ status: 'noData', value: null });
  });
});
