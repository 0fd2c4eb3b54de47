import { describe, expect, it } from 'vitest';
import {
  KPI_CODES,
  KPI_LABELS_RU,
  TRAFFIC_LIGHT_LABELS_RU,
  consentsCollected,
  coverage,
  federalTarget70,
  finalEventAttendance,
  impact,
  partnerMentorShare,
  partnerOrganizationShare,
  plansDone,
  roadmapExecution,
  satisfaction,
  trafficLight,
  type Kpi,
} from './kpi.js';

/** No NaN or Infinity may leak anywhere into a figure. */
function expectFinite(kpi: Kpi) {
  for (const n of [kpi.value, kpi.numerator, kpi.denominator, ...kpi.inputs.map((i) => i.value)]) {
    if (n !== null) expect(Number.isFinite(n)).toBe(true);
  }
  expect(kpi.display).not.toMatch(/NaN|Infinity/);
}

describe('coverage', () => {
  it('25 of 200 pupils: 12,5 %, the 10 % target met', () => {
    const kpi = coverage(25, 200, { groupRu: 'обучающиеся' });
    expect(kpi).toEqual({
      code: 'coverage',
      labelRu: 'Охват целевой группы: обучающиеся',
      unit: 'percent',
      value: 12.5,
      display: '12,5 %',
      numerator: 25,
      denominator: 200,
      formulaRu: 'участники ÷ численность группы × 100 %',
      inputs: [
        { label: 'Участники (обучающиеся)', value: 25 },
        { label: 'Численность группы (обучающиеся)', value: 200 },
      ],
      target: { value: 10, met: true, textRu: 'не менее 10 %' },
      inconsistent: false,
      warningRu: null,
    });
  });

  it('the boundary meets the target; just below does not', () => {
    expect(coverage(9, 90).target?.met).toBe(true); // exactly 10 %
    expect(coverage(8, 90).target).toEqual({ value: 10, met: false, textRu: 'не менее 10 %' }); // 8,88… %
    expect(coverage(8, 90).display).toBe('8,8 %');
  });

  it('one decimal, Russian comma, truncated — and exact from the integer ratio', () => {
    expect(coverage(1, 3).display).toBe('33,3 %');
    expect(coverage(2, 3).display).toBe('66,6 %'); // 66,66… is not shown as 66,7
    expect(coverage(29, 100).display).toBe('29,0 %'); // 0.29 × 100 is 28.999… in floating point
    expect(coverage(1, 8).display).toBe('12,5 %');
    expect(coverage(1234, 1234).display).toBe('100,0 %');
    expect(coverage(1, 1000).display).toBe('0,1 %');
    expect(coverage(1, 1001).display).toBe('0,0 %');
    expect(coverage(2, 3).value).toBeCloseTo(66.6667, 4);
  });

  it('no participants is 0 %, not «нет данных»', () => {
    const kpi = coverage(0, 50);
    expect(kpi.value).toBe(0);
    expect(kpi.display).toBe('0,0 %');
    expect(kpi.target?.met).toBe(false);
  });

  it('an empty group or a headcount not entered: «нет данных», never NaN or Infinity', () => {
    for (const kpi of [coverage(0, 0), coverage(5, 0), coverage(5, null), coverage(5, undefined), coverage(null, 100), coverage(undefined, undefined)]) {
      expect(kpi.value).toBeNull();
      expect(kpi.display).toBe('нет данных');
      expect(kpi.target).toEqual({ value: 10, met: null, textRu: 'не менее 10 %' });
      expect(kpi.inconsistent).toBe(false);
      expectFinite(kpi);
    }
    expect(coverage(5, 0).inputs).toEqual([
      { label: 'Участники', value: 5 },
      { label: 'Численность группы', value: 0 },
    ]);
  });

  it('negative or non-numeric counts are «нет данных»', () => {
    for (const kpi of [coverage(-1, 100), coverage(10, -100), coverage(Number.NaN, 100), coverage(10, Number.POSITIVE_INFINITY)]) {
      expect(kpi.value).toBeNull();
      expect(kpi.display).toBe('нет данных');
      expectFinite(kpi);
    }
  });

  it('more participants than members: the real value, flagged', () => {
    const kpi = coverage(120, 100);
    expect(kpi.value).toBe(120);
    expect(kpi.display).toBe('120,0 %');
    expect(kpi.inconsistent).toBe(true);
    expect(kpi.warningRu).toBe('Участников больше, чем членов группы: проверьте численность группы');
    expect(coverage(100, 100).inconsistent).toBe(false);
  });

  it("a district's own target replaces 10 %; null removes it", () => {
    expect(coverage(25, 200, { target: 15 }).target).toEqual({ value: 15, met: false, textRu: 'не менее 15 %' });
    expect(coverage(25, 200, { target: 12.5 }).target).toEqual({ value: 12.5, met: true, textRu: 'не менее 12,5 %' });
    expect(coverage(25, 200, { target: null })).not.toHaveProperty('target');
  });
});

describe('federalTarget70', () => {
  it('700 of 1000 pupils and teachers: met; 699: not met', () => {
    const met = federalTarget70(700, 1000);
    expect(met).toMatchObject({ code: 'federalTarget70', value: 70, display: '70,0 %' });
    expect(met.target).toEqual({ value: 70, met: true, textRu: 'не менее 70 %' });
    expect(federalTarget70(70, 100, '2026/2027').target?.textRu).toBe('не менее 70 % к концу 2026/2027 учебного года');
    expect(federalTarget70(70, 100, '2025/2026').target?.textRu).toBe('не менее 70 % к концу 2025/2026 учебного года');
    expect(federalTarget70(699, 1000)).toMatchObject({ display: '69,9 %', target: { met: false } });
    expect(met.formulaRu).toBe('участники (обучающиеся и педагоги) ÷ численность обучающихся и педагогов × 100 %');
  });

  it('no headcount: «нет данных»', () => {
    expect(federalTarget70(10, 0)).toMatchObject({ value: null, display: 'нет данных', target: { met: null } });
  });
});

describe('partner shares', () => {
  it('partnerMentorShare: 12 of 48 mentors, no target by default', () => {
    const kpi = partnerMentorShare(12, 48);
    expect(kpi).toMatchObject({ code: 'partnerMentorShare', value: 25, display: '25,0 %', numerator: 12, denominator: 48 });
    expect(kpi).not.toHaveProperty('target');
    expect(partnerMentorShare(12, 48, { target: 20 }).target?.met).toBe(true);
    expect(partnerMentorShare(0, 0).display).toBe('нет данных');
  });

  it('partnerOrganizationShare: the 2 % indicator — 3 of 150 met, 2 of 150 not', () => {
    expect(partnerOrganizationShare(3, 150)).toMatchObject({ value: 2, display: '2,0 %', target: { value: 2, met: true, textRu: 'не менее 2 %' } });
    expect(partnerOrganizationShare(2, 150)).toMatchObject({ display: '1,3 %', target: { met: false } });
    expect(partnerOrganizationShare(5, 3).inconsistent).toBe(true);
    expect(partnerOrganizationShare(1, null)).toMatchObject({ value: null, target: { met: null } });
  });
});

describe('consentsCollected', () => {
  it('100 % needed: one missing consent of 10 000 is not met and never shows «100,0 %»', () => {
    expect(consentsCollected(40, 40)).toMatchObject({ value: 100, display: '100,0 %', target: { value: 100, met: true, textRu: 'не менее 100 %' } });
    expect(consentsCollected(999, 1000)).toMatchObject({ display: '99,9 %', target: { met: false } });
    expect(consentsCollected(9999, 10000)).toMatchObject({ display: '99,9 %', target: { met: false } });
  });

  it('no participants: «нет данных»', () => {
    expect(consentsCollected(0, 0)).toMatchObject({ value: null, display: 'нет данных', target: { met: null } });
  });
});

describe('finalEventAttendance', () => {
  it('45 of 50 invited: 90 %, met; 44: 88 %, not met', () => {
    expect(finalEventAttendance(45, 50)).toMatchObject({ value: 90, display: '90,0 %', target: { value: 90, met: true } });
    expect(finalEventAttendance(44, 50)).toMatchObject({ value: 88, display: '88,0 %', target: { met: false } });
    expect(finalEventAttendance(0, 0).display).toBe('нет данных');
  });
});

describe('plansDone', () => {
  it('average completion against 90 %, the share of plans at 90 %, plans without tasks left out', () => {
    const kpi = plansDone([{ percent: 100 }, { percent: 90 }, { percent: 80 }, { percent: null }, { percent: 50 }]);
    expect(kpi).toMatchObject({ code: 'plansDone', value: 80, display: '80,0 %', numerator: 320, denominator: 4, withoutTasks: 1 });
    expect(kpi.target).toEqual({ value: 90, met: false, textRu: 'не менее 90 %' });
    expect(kpi.plansAtTarget).toMatchObject({ code: 'plansAtTarget', value: 50, display: '50,0 %', numerator: 2, denominator: 4 });
    expect(kpi.inputs).toContainEqual({ label: 'Планов без задач (не учитываются)', value: 1 });
  });

  it('met at 95 % on average', () => {
    const kpi = plansDone([{ percent: 100 }, { percent: 95 }, { percent: 90 }]);
    expect(kpi).toMatchObject({ value: 95, display: '95,0 %', target: { met: true } });
    expect(kpi.plansAtTarget.display).toBe('100,0 %');
  });

  it('truncates the average: 89,5 % is not met; 101 ÷ 3 shows 33,6 %', () => {
    expect(plansDone([{ percent: 89 }, { percent: 90 }])).toMatchObject({ value: 89.5, display: '89,5 %', target: { met: false } });
    expect(plansDone([{ percent: 33 }, { percent: 34 }, { percent: 34 }]).display).toBe('33,6 %');
  });

  it('no plans, or only plans without tasks: «нет данных»', () => {
    for (const kpi of [plansDone([]), plansDone([{ percent: null }, { percent: null }])]) {
      expect(kpi.value).toBeNull();
      expect(kpi.display).toBe('нет данных');
      expect(kpi.target?.met).toBeNull();
      expect(kpi.plansAtTarget.display).toBe('нет данных');
      expectFinite(kpi);
    }
    expect(plansDone([{ percent: null }]).withoutTasks).toBe(1);
  });

  it('takes planProgress results as they are', () => {
    const progress = { total: 3, done: 2, percent: 66, overdue: 0, labelRu: '66 %' };
    expect(plansDone([progress]).value).toBe(66);
  });
});

describe('roadmapExecution', () => {
  const today = '2024-12-01';
  const items = [
    { due: '2024-10-31', done: true, doneOn: '2024-10-30' }, // on time
    { due: '2024-10-31', done: true, doneOn: '2024-11-05' }, // late
    { due: '2024-11-30', done: false }, // overdue
    { due: '2024-12-01', done: false }, // due today: not overdue yet
    { due: '2025-05-31', done: false }, // not yet due
    { due: null, done: true }, // «постоянно», done: on time
    { due: null, done: false }, // «постоянно», open: never overdue
    { due: '2024-09-30', done: true, doneOn: null }, // done, date not recorded: on time
    { due: '2025-05-31', done: true, doneOn: '2024-11-20' }, // done early
  ];

  it('hand-counted: 4 on time, 1 late, 1 overdue, 3 not yet due → 4 ÷ 6', () => {
    const kpi = roadmapExecution(items, today);
    expect(kpi.counts).toEqual({ total: 9, onTime: 4, late: 1, overdue: 1, notYetDue: 3, doneUndated: 1 });
    expect(kpi).toMatchObject({ code: 'roadmapExecution', numerator: 4, denominator: 6, display: '66,6 %' });
    expect(kpi.value).toBeCloseTo(66.667, 3);
    expect(kpi.inputs).toEqual([
      { label: 'Выполнено в срок', value: 4 },
      { label: 'Выполнено или срок наступил', value: 6 },
      { label: 'Выполнено с опозданием', value: 1 },
      { label: 'Просрочено', value: 1 },
      { label: 'Срок не наступил', value: 3 },
      { label: 'Выполнено без даты (считается в срок)', value: 1 },
      { label: 'Всего мероприятий', value: 9 },
    ]);
    expect(kpi).not.toHaveProperty('target');
  });

  it('a target on request', () => {
    expect(roadmapExecution(items, today, { target: 80 }).target).toEqual({ value: 80, met: false, textRu: 'не менее 80 %' });
  });

  it('nothing due yet, or no items: «нет данных»', () => {
    expect(roadmapExecution([], today)).toMatchObject({ value: null, display: 'нет данных', counts: { total: 0 } });
    expect(roadmapExecution([{ due: '2025-01-31', done: false }], today)).toMatchObject({ value: null, counts: { notYetDue: 1 } });
  });
});

describe('satisfaction', () => {
  it('5, 4, 4, 3, 5 on 1–5: 4,2 из 5, 80 % satisfied (4–5)', () => {
    const kpi = satisfaction([5, 4, 4, 3, 5], 5);
    expect(kpi).toMatchObject({
      code: 'satisfaction',
      unit: 'score',
      value: 4.2,
      display: '4,2 из 5',
      numerator: 21,
      denominator: 5,
      outOfScale: 0,
      inconsistent: false,
    });
    expect(kpi.satisfiedShare).toMatchObject({ value: 80, display: '80,0 %', formulaRu: 'ответы с оценкой не ниже 4 ÷ все ответы × 100 %' });
  });

  it('means round half away from zero: 13 ÷ 3 → 4,3; 14 ÷ 3 → 4,7; 87 ÷ 20 → 4,4', () => {
    expect(satisfaction([4, 4, 5], 5).display).toBe('4,3 из 5');
    expect(satisfaction([4, 5, 5], 5).display).toBe('4,7 из 5');
    expect(satisfaction([...Array<number>(7).fill(5), ...Array<number>(13).fill(4)], 5).display).toBe('4,4 из 5');
  });

  it('answers off the scale are left out and flagged', () => {
    const kpi = satisfaction([5, 6, 0, null, Number.NaN], 5);
    expect(kpi).toMatchObject({ value: 5, denominator: 1, outOfScale: 3, inconsistent: true });
    expect(kpi.warningRu).toBe('Оценок вне шкалы 1–5: 3 — не учтены, проверьте анкеты');
  });

  it('the satisfied threshold: the upper quarter of the scale, or as given', () => {
    expect(satisfaction([7, 8, 10], 10).satisfiedShare.numerator).toBe(2); // 8–10 of 1–10
    expect(satisfaction([6, 7, 10], { min: 0, max: 10 }).satisfiedShare.numerator).toBe(2); // 7–10 of 0–10
    expect(satisfaction([2, 3, 4], { max: 4 }).satisfiedShare.numerator).toBe(2); // 3–4 of 1–4
    expect(satisfaction([3, 4, 5], { max: 5, satisfiedFrom: 5 }).satisfiedShare.numerator).toBe(1);
  });

  it('no answers: «нет данных»; a broken scale is a programming error', () => {
    expect(satisfaction([], 5)).toMatchObject({ value: null, display: 'нет данных' });
    expect(satisfaction([], 5).satisfiedShare.display).toBe('нет данных');
    expect(() => satisfaction([3], { min: 5, max: 5 })).toThrow(RangeError);
  });
});

describe('impact', () => {
  const before = [
    { participantId: 'a', score: 3 },
    { participantId: 'b', score: 4 },
    { participantId: 'c', score: 2 },
    { participantId: 'd', score: 5 },
  ];
  const after = [
    { participantId: 'c', score: 4 },
    { participantId: 'a', score: 4 },
    { participantId: 'b', score: 4 },
    { participantId: 'e', score: 3 },
  ];

  it('pairs by participant: +1, 0, +2 → +1,0 балла, 2 of 3 improved, d and e unpaired', () => {
    const kpi = impact(before, after);
    expect(kpi).toMatchObject({ code: 'impact', unit: 'scoreChange', value: 1, display: '+1,0 балла', numerator: 3, denominator: 3, pairs: 3, unpaired: 2 });
    expect(kpi.improvedShare).toMatchObject({ numerator: 2, denominator: 3, display: '66,6 %' });
  });

  it('a drop shows a minus sign; lower-is-better scales count drops as improvement', () => {
    const kpi = impact(
      [
        { participantId: 'a', score: 5 },
        { participantId: 'b', score: 4 },
        { participantId: 'c', score: 3 },
        { participantId: 'd', score: 4 },
      ],
      [
        { participantId: 'a', score: 4 },
        { participantId: 'b', score: 4 },
        { participantId: 'c', score: 3 },
        { participantId: 'd', score: 4 },
      ],
    );
    expect(kpi.value).toBe(-0.25);
    expect(kpi.display).toBe('−0,3 балла');
    expect(kpi.improvedShare.numerator).toBe(0);
    expect(impact([{ participantId: 'a', score: 5 }], [{ participantId: 'a', score: 4 }], { higherIsBetter: false }).improvedShare.value).toBe(100);
  });

  it('no change shows 0,0; the last answer of a participant counts; missing scores are ignored', () => {
    expect(impact([{ participantId: 'a', score: 3 }], [{ participantId: 'a', score: 3 }]).display).toBe('0,0 балла');
    const kpi = impact(
      [
        { participantId: 'a', score: 3 },
        { participantId: 'a', score: 2 },
        { participantId: 'b', score: null },
      ],
      [
        { participantId: 'a', score: 4 },
        { participantId: 'b', score: 5 },
      ],
    );
    expect(kpi).toMatchObject({ value: 2, pairs: 1, unpaired: 1 });
  });

  it('nobody answered both: «нет данных»', () => {
    const kpi = impact([{ participantId: 'a', score: 3 }], [{ participantId: 'b', score: 4 }]);
    expect(kpi).toMatchObject({ value: null, display: 'нет данных', pairs: 0, unpaired: 2 });
    expect(kpi.improvedShare.display).toBe('нет данных');
    expectFinite(kpi);
  });
});

describe('trafficLight', () => {
  it('higher is better: green from the green threshold, yellow from the yellow one', () => {
    const t = { green: 10, yellow: 5 };
    expect(trafficLight(coverage(25, 200), t)).toBe('green');
    expect(trafficLight(coverage(10, 100), t)).toBe('green');
    expect(trafficLight(coverage(7, 100), t)).toBe('yellow');
    expect(trafficLight(coverage(5, 100), t)).toBe('yellow');
    expect(trafficLight(coverage(3, 100), t)).toBe('red');
  });

  it('no data is grey', () => {
    expect(trafficLight(coverage(5, 0), { green: 10, yellow: 5 })).toBe('grey');
    expect(trafficLight(null, { green: 10, yellow: 5 })).toBe('grey');
  });

  it('lower is better when green is below yellow (overdue items)', () => {
    const t = { green: 0, yellow: 2 };
    expect(trafficLight(0, t)).toBe('green');
    expect(trafficLight(1, t)).toBe('yellow');
    expect(trafficLight(2, t)).toBe('yellow');
    expect(trafficLight(3, t)).toBe('red');
  });

  it('labels', () => {
    expect(TRAFFIC_LIGHT_LABELS_RU.grey).toBe('Нет данных');
  });
});

describe('labels', () => {
  it('every KPI has a Russian label', () => {
    for (const code of KPI_CODES) expect(KPI_LABELS_RU[code]).toMatch(/^[А-ЯЁ]/);
  });
});
