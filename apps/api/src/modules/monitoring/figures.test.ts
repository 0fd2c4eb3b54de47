import { roadmapExecution } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import { figuresOf, itemsFromExecutionCounts, sumMonitoringCounts, type MonitoringCounts } from './figures.js';
import { EMPTY_SURVEYS } from './queries.js';
import { conclusionRu } from './reports.js';

const empty: MonitoringCounts = {
  schools: 1,
  schoolsWithHeadcount: 0,
  pupils: 0,
  teachers: 0,
  pupilParticipants: 3,
  teacherParticipants: 0,
  pupilParticipantsCounted: 0,
  teacherParticipantsCounted: 0,
  mentors: 0,
  mentees: 3,
  partnerMentors: 0,
  participants: 3,
  withConsent: 3,
  finalInvited: 0,
  finalAttended: 0,
  ...EMPTY_SURVEYS,
  planPercents: {},
  execution: { total: 0, onTime: 0, late: 0, overdue: 0, notYetDue: 0, doneUndated: 0 },
  byRoleCategory: [{ role: 'mentee', category: 'pupil', count: 3 }],
};

describe('monitoring figures from counts', () => {
  it('execution counts of a snapshot give the same counts back through the domain formula', () => {
    const counts = { total: 9, onTime: 4, late: 1, overdue: 2, notYetDue: 2, doneUndated: 1 };
    expect(roadmapExecution(itemsFromExecutionCounts(counts, '2025-10-15'), '2025-10-15').counts).toEqual(counts);
  });

  it('no headcount: coverage «нет данных» (grey), never a division by zero; consents 100 %', () => {
    const f = figuresOf(empty, '2025-10-15');
    expect(f.pupilCoverage).toMatchObject({ value: null, display: 'нет данных', light: 'grey' });
    expect(f.federalTarget70.value).toBeNull();
    expect(f.consentsCollected).toMatchObject({ value: 100, display: '100,0 %', light: 'green' });
    expect(f.plansDone.display).toBe('нет данных');
    expect(f.partnerMentorShare).toMatchObject({ value: null, light: null });
    // No final meetings and no finished pairs: «нет данных», grey.
    expect(f.finalEventAttendance).toMatchObject({ value: null, display: 'нет данных', light: 'grey', target: { value: 90, met: null } });
  });

  it('final events: participants of pairs that held the final meeting ÷ those of pairs due it', () => {
    const f = figuresOf({ ...empty, finalInvited: 10, finalAttended: 8 }, '2025-10-15');
    expect(f.finalEventAttendance).toMatchObject({ value: 80, numerator: 8, denominator: 10, light: 'yellow', target: { value: 90, met: false } });
    expect(f.finalEventAttendance.inputs.map((i) => i.label)).toEqual([
      'Участники пар, проведших итоговую встречу',
      'Участники пар, завершивших работу или проведших итоговую встречу',
    ]);
    expect(
      sumMonitoringCounts([
        { ...empty, finalInvited: 3, finalAttended: 2 },
        { ...empty, finalInvited: 4, finalAttended: 4 },
      ]),
    ).toMatchObject({ finalInvited: 7, finalAttended: 6 });
  });

  it('a roll-up sums counts and weighs coverage by headcount (schools without one left out)', () => {
    const a = { ...empty, schoolsWithHeadcount: 1, pupils: 100, pupilParticipants: 10, pupilParticipantsCounted: 10, planPercents: { '100': 1, none: 2 } };
    const b = { ...empty, schoolsWithHeadcount: 1, pupils: 300, pupilParticipants: 15, pupilParticipantsCounted: 15, planPercents: { '50': 1 } };
    const total = sumMonitoringCounts([a, b, empty]);
    expect(total).toMatchObject({ schools: 3, pupils: 400, pupilParticipants: 28, pupilParticipantsCounted: 25, planPercents: { '100': 1, '50': 1, none: 2 } });
    const f = figuresOf(total, '2025-10-15', { coverageRows: [a, b, empty] });
    expect(f.pupilCoverage).toMatchObject({ value: 6.25, display: '6,2 %', light: 'yellow' });
    expect(f.plansDone).toMatchObject({ value: 75, numerator: 150, denominator: 2 });
    expect(total.byRoleCategory).toEqual([{ role: 'mentee', category: 'pupil', count: 9 }]);
  });

  it('writes the conclusions of the note in Russian', () => {
    const a = { ...empty, schoolsWithHeadcount: 1, pupils: 8, pupilParticipants: 1 };
    expect(conclusionRu('Охват обучающихся наставничеством', figuresOf(a, '2025-10-15').pupilCoverage)).toBe(
      'Охват обучающихся наставничеством составил 12,5 % (цель 10 % достигнута).',
    );
    expect(conclusionRu('Охват обучающихся наставничеством', figuresOf(empty, '2025-10-15').pupilCoverage)).toMatch(
      /^Охват обучающихся наставничеством: нет данных/,
    );
  });
});
