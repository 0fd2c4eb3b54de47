import { describe, expect, it } from 'vitest';
import { consentsCollected, coverage, finalEventAttendance } from './kpi.js';
import { defaultLinkTarget, describeKpiLinkRu, evaluateKpiLink, isLinkableKpi, suggestKpiLink } from './links.js';

describe('suggestKpiLink', () => {
  it('links the template’s percentages, not counts or plain text', () => {
    expect(suggestKpiLink('Не менее 10% от общего количества членов каждой целевой группы')).toEqual({ kpi: 'coverage', op: '>=', target: 10 });
    expect(suggestKpiLink('Согласия на обработку персональных данных у 100% участников')).toEqual({ kpi: 'consentsCollected', op: '>=', target: 100 });
    expect(suggestKpiLink('Приняло участие не менее 90% участников программы')).toEqual({ kpi: 'finalEventAttendance', op: '>=', target: 90 });
    expect(suggestKpiLink('Не менее 5 публикаций')).toBeNull();
    expect(suggestKpiLink('Проведено совещание')).toBeNull();
    expect(suggestKpiLink('')).toBeNull();
  });

  it('defaults a hand-chosen target to the suggestion’s (same KPI) or the methodology’s', () => {
    expect(defaultLinkTarget('coverage', 'Не менее 15% обучающихся')).toBe(15);
    expect(defaultLinkTarget('consentsCollected', 'Не менее 15% обучающихся')).toBe(100);
    expect(defaultLinkTarget('partnerMentorShare', '')).toBeNull();
    expect(isLinkableKpi('plansDone')).toBe(true);
    expect(isLinkableKpi('count')).toBe(false);
    expect(describeKpiLinkRu({ kpi: 'coverage', op: '>=', target: 10 })).toBe('Охват целевой группы: не менее 10 %');
  });
});

describe('evaluateKpiLink', () => {
  it('coverage is met only when every group reaches the target', () => {
    const link = { kpi: 'coverage' as const, op: '>=' as const, target: 10 };
    expect(evaluateKpiLink(link, { pupilCoverage: coverage(30, 200), teacherCoverage: coverage(5, 40) })).toMatchObject({ status: 'met', value: 12.5 });
    expect(evaluateKpiLink(link, { pupilCoverage: coverage(30, 200), teacherCoverage: coverage(3, 40) })).toMatchObject({ status: 'notMet', value: 7.5 });
    // A group without a headcount is «нет данных» (no division by zero); a failing group still fails.
    expect(evaluateKpiLink(link, { pupilCoverage: coverage(5, 200), teacherCoverage: coverage(3, 0) })).toMatchObject({ status: 'notMet', value: 2.5 });
    expect(evaluateKpiLink(link, { pupilCoverage: coverage(30, 200), teacherCoverage: coverage(5, 0) })).toMatchObject({
      status: 'noData',
      statusRu: 'Нет данных',
      value: null,
    });
  });

  it('a missing or uncomputed figure is «нет данных»', () => {
    expect(evaluateKpiLink({ kpi: 'consentsCollected', op: '>=', target: 100 }, { consentsCollected: consentsCollected(10, 10) })).toMatchObject({
      status: 'met',
      statusRu: 'Выполнено',
    });
    expect(evaluateKpiLink({ kpi: 'consentsCollected', op: '>=', target: 100 }, { consentsCollected: consentsCollected(9, 10) })).toMatchObject({
      status: 'notMet',
      statusRu: 'Не выполнено',
      value: 90,
    });
    expect(evaluateKpiLink({ kpi: 'finalEventAttendance', op: '>=', target: 90 }, { finalEventAttendance: finalEventAttendance(0, 0) }).status).toBe('noData');
    expect(evaluateKpiLink({ kpi: 'partnerOrganizationShare', op: '>=', target: 2 }, {}).status).toBe('noData');
    expect(evaluateKpiLink({ kpi: 'satisfiedShare', op: '>=', target: 80 }, {}).status).toBe('noData');
  });
});

describe('satisfaction and impact from sums (as the API aggregates them in SQL)', () => {
  it('give the same figures as from the lists', async () => {
    const { impact, impactFromSums, satisfaction, satisfactionFromSums } = await import('./kpi.js');
    const scores = [5, 4, 3, 5, 7, null];
    const fromList = satisfaction(scores, 5);
    const fromSums = satisfactionFromSums({ answers: 4, sum: 17, satisfied: 3, outOfScale: 1 }, 5);
    expect(fromSums).toEqual(fromList);
    expect(fromSums).toMatchObject({ display: '4,3 из 5', inconsistent: true, satisfiedShare: { value: 75 } });
    expect(satisfactionFromSums({ answers: 0, sum: 0, satisfied: 0, outOfScale: 0 }, 5)).toMatchObject({
      value: null,
      display: 'нет данных',
      satisfiedShare: { value: null },
    });
    const before = [
      { participantId: 'a', score: 2 },
      { participantId: 'b', score: 4 },
      { participantId: 'c', score: 3 },
    ];
    const after = [
      { participantId: 'a', score: 4 },
      { participantId: 'b', score: 3.5 },
    ];
    expect(impactFromSums({ pairs: 2, sum: 1.5, improved: 1, unpaired: 1 })).toEqual(impact(before, after));
    expect(impactFromSums({ pairs: 0, sum: 0, improved: 0, unpaired: 3 })).toMatchObject({
      value: null,
      display: 'нет данных',
      improvedShare: { value: null },
    });
  });
});
