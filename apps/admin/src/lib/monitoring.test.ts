import { describe, expect, it } from 'vitest';
import { barWidths, dateTimeRu, formatInput, kpiHint, LIGHT_COLOURS, lightLabel, lightOf, monitoringExports, monitoringPaths, sortWithNoDataLast } from './monitoring';

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
    expect(names(sortWithNoDataLast(rows, (r) => r.value, (r) => r.name))).toBe('БГВАД');
  });

  it('keeps «нет данных» last when descending', () => {
    expect(names(sortWithNoDataLast(rows, (r) => r.value, (r) => r.name, true))).toBe('ВБГАД');
  });

  it('does not change the input', () => {
    sortWithNoDataLast(rows, (r) => r.value, (r) => r.name, true);
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
    expect(dateTimeRu('2026-03-05T07:04:00Z', 'UTC')).toBe('05.03.2026 07:04');
    expect(dateTimeRu('2026-03-05T21:30:00Z', 'Asia/Yekaterinburg')).toBe('06.03.2026 02:30');
    expect(dateTimeRu('2026-03-05T00:00:00Z', 'UTC')).toBe('05.03.2026 00:00');
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
