import { describe, expect, it } from 'vitest';
import {
  publicPageEmbedCode,
  percentOfShare,
  barWidths,
  checkNews,
  checkSwot,
  cleanSwotLines,
  dateTimeRu,
  drillFromParams,
  drillTargetsFor,
  executionIsEmpty,
  executionMonthText,
  executionScale,
  formatInput,
  isoDateRu,
  isPersonKind,
  kpiHint,
  kpiLinkHint,
  kpiLinkLight,
  kpiLinkValue,
  LIGHT_COLOURS,
  lightLabel,
  lightOf,
  monitoringExports,
  monitoringPaths,
  publicSchoolPath,
  ruDateToIso,
  shortMonth,
  sortWithNoDataLast,
  swotErrorTarget,
  swotErrorsOf,
} from './monitoring';

describe('traffic lights', () => {
  it('knows the four colours and nothing else', () => {
    expect(lightOf('green')).toBe('green');
    expect(lightOf('yellow')).toBe('yellow');
    expect(lightOf('red')).toBe('red');
    expect(lightOf('grey')).toBe('grey');
    expect(lightOf(null)).toBeNull();
    expect(lightOf('blue')).toBeNull();
  });

  it('gives each light a distinct colour, grey for «нет данных»', () => {
    expect(new Set(Object.values(LIGHT_COLOURS)).size).toBe(4);
    expect(LIGHT_COLOURS.green).toMatch(/^#/);
    expect(lightLabel('grey')).toBe('нет данных');
    expect(lightLabel('red')).toBe('красный');
    expect(lightLabel('green', 'зелёный (цель достигнута)')).toBe('зелёный (цель достигнута)');
    expect(lightLabel(null, 'что-то')).toBeNull();
  });
});

describe('sortWithNoDataLast', () => {
  const rows = [
    { name: 'Б', value: 10 },
    { name: 'А', value: null },
    { name: 'В', value: 50 },
    { name: 'Г', value: 10 },
    { name: 'Д', value: undefined },
  ];
  const names = (sorted: typeof rows) => sorted.map((row) => row.name).join('');

  it('sorts ascending with «нет данных» last, ties by name', () => {
    expect(
      names(
        sortWithNoDataLast(
          rows,
          (r) => r.value,
          (r) => r.name,
        ),
      ),
    ).toBe('БГВАД');
  });

  it('keeps «нет данных» last when descending', () => {
    expect(
      names(
        sortWithNoDataLast(
          rows,
          (r) => r.value,
          (r) => r.name,
          true,
        ),
      ),
    ).toBe('ВБГАД');
  });

  it('does not change the input', () => {
    sortWithNoDataLast(
      rows,
      (r) => r.value,
      (r) => r.name,
      true,
    );
    expect(names(rows)).toBe('БАВГД');
  });
});

describe('kpiHint', () => {
  it('spells out the formula, the inputs (with «нет данных»), the target and the light', () => {
    const hint = kpiHint({
      labelRu: 'Охват обучающихся',
      display: '12,5 %',
      formulaRu: 'участники-обучающиеся / обучающиеся × 100',
      inputs: [
        { label: 'Участники-обучающиеся', value: 25 },
        { label: 'Обучающиеся', value: 1200 },
        { label: 'Партнёры', value: null },
      ],
      target: { textRu: 'не менее 10 %' },
      light: 'green',
      lightRu: null,
    });
    expect(hint.split('\n')).toEqual([
      'Охват обучающихся: 12,5 %',
      'Формула: участники-обучающиеся / обучающиеся × 100',
      '• Участники-обучающиеся: 25',
      `• Обучающиеся: ${formatInput(1200)}`,
      '• Партнёры: нет данных',
      'Цель: не менее 10 %',
      'Светофор: зелёный',
    ]);
  });

  it('formats fractions the Russian way', () => {
    expect(formatInput(12.345)).toBe('12,35');
    expect(formatInput(Number.NaN)).toBe('нет данных');
  });
});

describe('dates, bars, paths', () => {
  it('writes the as-of time as ДД.ММ.ГГГГ ЧЧ:ММ', () => {
    expect(dateTimeRu('2026-03-05T07:04:00Z', 'Europe/Moscow')).toBe('05.03.2026 10:04 (МСК)');
    expect(dateTimeRu('2026-03-05T21:30:00Z', 'Asia/Yekaterinburg')).toBe('06.03.2026 02:30 (МСК+2)');
    expect(dateTimeRu('2026-12-04T23:38:00Z', 'Europe/Moscow')).toBe('05.12.2026 02:38 (МСК)');
  });

  it('scales bars to 100 % (or the largest value), no data → null', () => {
    expect(barWidths([50, null, 0])).toEqual([0.5, null, 0]);
    expect(barWidths([200, 100])).toEqual([1, 0.5]);
  });

  it('carries the district and the year', () => {
    expect(monitoringPaths.district('d 1', '2025/2026')).toBe('/monitoring/district?district=d+1&year=2025%2F2026');
    expect(monitoringPaths.school('o-1', null, null)).toBe('/monitoring/schools/o-1');
    expect(monitoringExports.statForm('2025/2026')).toBe('/exports/stat-form.xlsx?academicYear=2025%2F2026');
    expect(monitoringExports.districtNote('2025/2026')).toBe('/exports/district-note.docx?academicYear=2025%2F2026');
  });
});

const month = (planned: number, doneOnTime = 0, doneLate = 0, overdue = 0) => ({
  month: '2025-09',
  monthRu: 'сентябрь 2025',
  planned,
  doneOnTime,
  doneLate,
  overdue,
});

describe('execution chart', () => {
  it('rounds the scale up to 1, 2 or 5 × 10ⁿ with whole-number ticks', () => {
    expect(executionScale([])).toEqual({ max: 1, ticks: [0, 1] });
    expect(executionScale([month(0)])).toEqual({ max: 1, ticks: [0, 1] });
    expect(executionScale([month(3, 1)])).toEqual({ max: 5, ticks: [0, 1, 2, 3, 4, 5] });
    expect(executionScale([month(7, 2, 1, 9)])).toEqual({ max: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(executionScale([month(10)])).toEqual({ max: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(executionScale([month(11)])).toEqual({ max: 20, ticks: [0, 4, 8, 12, 16, 20] });
    expect(executionScale([month(1, 0, 0, 130)]).max).toBe(200);
  });

  it('knows an empty year and reads a month out', () => {
    expect(executionIsEmpty([])).toBe(true);
    expect(executionIsEmpty([month(0), month(0)])).toBe(true);
    expect(executionIsEmpty([month(0, 0, 0, 1)])).toBe(false);
    expect(executionMonthText(month(4, 2, 1, 1))).toBe('сентябрь 2025: запланировано — 4, выполнено в срок — 2, выполнено с опозданием — 1, просрочено — 1');
    expect(shortMonth('сентябрь 2025')).toBe('сен');
    expect(shortMonth('май 2026')).toBe('май');
  });
});

describe('drill-down', () => {
  it('maps figures to the lists the API has; the region gets items only', () => {
    expect(drillTargetsFor('pupilCoverage', true)).toEqual([{ kind: 'PARTICIPANTS', category: 'pupil' }]);
    expect(drillTargetsFor('pupilCoverage', false)).toEqual([]);
    expect(drillTargetsFor('roadmapExecution', false).map((t) => t.kind)).toEqual(['ITEMS_OVERDUE', 'ITEMS_ON_TIME', 'ITEMS_LATE', 'ITEMS_ALL']);
    expect(drillTargetsFor('satisfaction', true)).toEqual([]);
    expect(isPersonKind('FINAL_MEETING_MISSING')).toBe(true);
    expect(isPersonKind('ITEMS_LATE')).toBe(false);
  });

  it('reads the URL back and ignores anything unknown', () => {
    expect(drillFromParams('ITEMS_OVERDUE', null)).toEqual({ kind: 'ITEMS_OVERDUE', category: null });
    expect(drillFromParams('PARTICIPANTS', 'young-specialist')).toEqual({ kind: 'PARTICIPANTS', category: 'young-specialist' });
    expect(drillFromParams('PARTICIPANTS', 'x;drop')).toEqual({ kind: 'PARTICIPANTS', category: null });
    expect(drillFromParams('EVERYTHING', null)).toBeNull();
    expect(drillFromParams(null, null)).toBeNull();
    expect(monitoringPaths.drill('o-1', { kind: 'PARTICIPANTS', category: 'pupil' }, 'd-1', '2025/2026')).toBe(
      '/monitoring/schools/o-1?district=d-1&year=2025%2F2026&drill=PARTICIPANTS&category=pupil#drill-down',
    );
  });
});

describe('KPI link of a roadmap item', () => {
  const link = {
    describedRu: 'Охват целевой группы: не менее 10 %',
    kpiLabelRu: 'Охват целевой группы',
    currentDisplay: '7,5 %',
    statusRu: 'Не выполнено',
    academicYear: '2025/2026',
    source: 'suggested',
    setByName: null,
    figures: [
      {
        labelRu: 'Охват обучающихся',
        display: '7,5 %',
        value: 7.5,
        formulaRu: 'участники ÷ обучающиеся × 100',
        inputs: [
          { label: 'Участники', value: 30 },
          { label: 'Обучающиеся', value: 400 },
        ],
      },
    ],
  };

  it('colours met green, not met red, anything else grey', () => {
    expect(kpiLinkLight('met')).toBe('green');
    expect(kpiLinkLight('notMet')).toBe('red');
    expect(kpiLinkLight('noData')).toBe('grey');
    expect(kpiLinkLight('whatever')).toBe('grey');
  });

  it('does not repeat «нет данных» after «Нет данных»', () => {
    const noData = { ...link, status: 'noData', statusRu: 'Нет данных', currentDisplay: 'нет данных' };
    expect(kpiLinkValue(noData)).toBeNull();
    expect(kpiLinkValue({ ...noData, status: undefined })).toBeNull();
    expect(kpiLinkHint(noData).split('\n')[1]).toBe('Статус: Нет данных (2025/2026)');
    expect(kpiLinkValue(link)).toBe('7,5 %');
  });

  it('explains the status with the formula and inputs of each figure', () => {
    const hint = kpiLinkHint(link);
    expect(hint.split('\n').slice(0, 3)).toEqual([
      'Охват целевой группы: не менее 10 %',
      'Статус: Не выполнено (7,5 %, 2025/2026)',
      'Связь распознана из текста показателя.',
    ]);
    expect(hint).toContain('Формула: участники ÷ обучающиеся × 100');
    expect(hint).toContain('• Обучающиеся: 400');
    expect(kpiLinkHint({ ...link, source: 'manual', setByName: 'Петрова А. А.', figures: [] })).toContain('Связь задана: Петрова А. А.');
  });
});

describe('SWOT form', () => {
  it('trims lines and drops empty ones', () => {
    expect(cleanSwotLines(['  Опыт ', '', '   ', 'Поддержка'])).toEqual(['Опыт', 'Поддержка']);
  });

  it('checks with the shared schema: a line too long named by its list and number among the cleaned lines, in the API’s words', () => {
    const { values, errors, input } = checkSwot({ strengths: ['a'], weaknesses: ['', 'x'.repeat(1001)], opportunities: [], threats: ['  '] }, '', '2025/2026');
    expect(values).toEqual({ strengths: ['a'], weaknesses: ['x'.repeat(1001)], opportunities: [], threats: [] });
    expect(errors).toEqual({ lines: { weaknesses: { 0: 'Поле «Слабые стороны, пункт 1»: не более 1000 символов.' } }, lists: {} });
    expect(input).toBeNull();
    expect(checkSwot({ strengths: ['x'.repeat(1000)], weaknesses: [], opportunities: [], threats: [] }, '', '2025/2026').errors).toEqual({
      lines: {},
      lists: {},
    });
  });

  it('every problem at once: too many points, each long line, a date typed wrongly (the form’s own words)', () => {
    const { errors } = checkSwot(
      { strengths: Array.from({ length: 51 }, (_, i) => `Пункт ${i}`), weaknesses: [], opportunities: ['y'.repeat(1001)], threats: ['z'.repeat(1001)] },
      '31.02.2025',
      '2025/2026',
    );
    expect(errors).toEqual({
      lines: {
        opportunities: { 0: 'Поле «Возможности, пункт 1»: не более 1000 символов.' },
        threats: { 0: 'Поле «Угрозы, пункт 1»: не более 1000 символов.' },
      },
      lists: { strengths: 'Поле «Сильные стороны»: не более 50 пунктов.' },
      formDate: 'Дата заполнения: укажите дату в виде ДД.ММ.ГГГГ.',
    });
  });

  it('a valid form gives the API’s input: the date as ГГГГ-ММ-ДД, none means today', () => {
    const draft = { strengths: [' Опыт '], weaknesses: [''], opportunities: [], threats: [] };
    expect(checkSwot(draft, '01.10.2025', '2025/2026').input).toEqual({
      academicYear: '2025/2026',
      formDate: '2025-10-01',
      strengths: ['Опыт'],
      weaknesses: [],
      opportunities: [],
      threats: [],
    });
    expect(checkSwot(draft, ' ', '2025/2026').input?.formDate).toBeNull();
  });

  it('places the API’s field errors', () => {
    expect(swotErrorTarget('weaknesses[0]')).toEqual({ list: 'weaknesses', index: 0 });
    expect(swotErrorTarget('threats')).toEqual({ list: 'threats', index: null });
    expect(swotErrorTarget('formDate')).toEqual({ field: 'formDate' });
    expect(swotErrorsOf({ 'weaknesses[0]': 'a', threats: 'b', formDate: 'c', programmeId: 'd' })).toEqual({
      lines: { weaknesses: { 0: 'a' } },
      lists: { threats: 'b' },
      formDate: 'c',
      other: 'd',
    });
    expect(monitoringPaths.swot('o-1', null, '2025/2026')).toBe('/monitoring/schools/o-1/swot?year=2025%2F2026');
    expect(monitoringExports.swot('o-1', '2025/2026')).toBe('/exports/swot.docx?organizationId=o-1&academicYear=2025%2F2026');
  });
});

describe('dates and the public page', () => {
  it('converts ДД.ММ.ГГГГ and ГГГГ-ММ-ДД, real dates only', () => {
    expect(isoDateRu('2025-10-01')).toBe('01.10.2025');
    expect(isoDateRu(null)).toBe('');
    expect(ruDateToIso('1.10.2025')).toBe('2025-10-01');
    expect(ruDateToIso('29.02.2024')).toBe('2024-02-29');
    expect(ruDateToIso('29.02.2025')).toBeNull();
    expect(ruDateToIso('2025-10-01')).toBeNull();
    expect(ruDateToIso('')).toBeNull();
  });

  it('checks a news item with the shared schema: title and text required, the title ≤ 300, the date real', () => {
    expect(checkNews({ title: '  ', body: '', date: '', published: false })).toEqual({
      errors: { title: 'Поле «Заголовок» обязательно.', body: 'Поле «Текст» обязательно.' },
      values: null,
    });
    expect(checkNews({ title: 'x'.repeat(301), body: 'b', date: '31.02.2025', published: true }).errors).toEqual({
      title: 'Поле «Заголовок»: не более 300 символов.',
      date: 'Дата новости: укажите дату в виде ДД.ММ.ГГГГ.',
    });
    expect(checkNews({ title: ' Итоги ', body: ' Текст ', date: '10.10.2025', published: true }).values).toEqual({
      title: 'Итоги',
      body: 'Текст',
      publishedOn: '2025-10-10',
      published: true,
    });
    expect(checkNews({ title: 'a', body: 'b', date: '', published: false }).values?.publishedOn).toBeNull();
  });

  it('builds the public page address from the codes', () => {
    expect(publicSchoolPath('sibay', 'gimnaziya')).toBe('/public/schools/sibay/gimnaziya.html');
    expect(monitoringPaths.news('o-1', 'd-1')).toBe('/monitoring/schools/o-1/news?district=d-1');
  });
});

describe('percentOfShare', () => {
  it('writes a share as a Russian percent with one decimal', () => {
    expect(percentOfShare(0.5)).toBe('50,0 %');
    expect(percentOfShare(0.0667)).toBe('6,7 %');
    expect(percentOfShare(0)).toBe('0,0 %');
  });
});

describe('publicPageEmbedCode', () => {
  it('frames the public page with a title and escapes what it quotes', () => {
    expect(publicPageEmbedCode('https://nastavnik.example', '/public/schools/sibay/gimnaziya.html', 'Наставничество: МОБУ «Гимназия» & Ко')).toBe(
      '<iframe src="https://nastavnik.example/public/schools/sibay/gimnaziya.html" title="Наставничество: МОБУ «Гимназия» &amp; Ко" width="100%" height="900" style="border:0" loading="lazy"></iframe>',
    );
  });
});
