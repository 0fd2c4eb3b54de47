import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_FORMS,
  COMPLETION_REASONS,
  COMPLETION_REASON_LABELS_RU,
  FORM_LABELS_RU,
  MEETING_TYPES,
  MEETING_TYPE_LABELS_RU,
  MENTORSHIP_KINDS,
  MENTORSHIP_KIND_LABELS_RU,
  PARTICIPANT_CATEGORIES,
  PARTICIPANT_CATEGORY_LABELS_RU,
  SPECIAL_GROUPS,
  SPECIAL_GROUP_LABELS_RU,
  formParticipants,
  isGroupKind,
  mergeFormCatalog,
  nextAllowedMeetingTypes,
  type MeetingType,
  type MentorshipForm,
} from './catalog.js';

const form = (code: string): MentorshipForm => BUILT_IN_FORMS.find((f) => f.code === code) as MentorshipForm;

describe('catalogues', () => {
  it('lists the seven federal forms with Russian labels, each admitting mentors and mentees', () => {
    expect(BUILT_IN_FORMS.map((f) => f.labelRu)).toEqual([
      'Ученик – ученик',
      'Учитель – учитель',
      'Студент – ученик',
      'Работодатель – ученик',
      'Работодатель – студент',
      'Учитель – ученик',
      'Руководитель образовательной организации – учитель',
    ]);
    for (const f of BUILT_IN_FORMS) {
      expect(f.source).toBe('builtIn');
      expect(f.mentorCategories.length).toBeGreaterThan(0);
      expect(f.menteeCategories.length).toBeGreaterThan(0);
      expect(FORM_LABELS_RU[f.code as keyof typeof FORM_LABELS_RU]).toBe(f.labelRu);
    }
  });

  it.each([
    [PARTICIPANT_CATEGORIES, PARTICIPANT_CATEGORY_LABELS_RU, 7],
    [SPECIAL_GROUPS, SPECIAL_GROUP_LABELS_RU, 5],
    [MENTORSHIP_KINDS, MENTORSHIP_KIND_LABELS_RU, 7],
    [MEETING_TYPES, MEETING_TYPE_LABELS_RU, 5],
    [COMPLETION_REASONS, COMPLETION_REASON_LABELS_RU, 5],
  ] as Array<[readonly string[], Readonly<Record<string, string>>, number]>)('every code has a Russian label (%#)', (codes, labels, count) => {
    expect(codes).toHaveLength(count);
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(labels[code]).toMatch(/[А-Яа-яЁё]/);
  });

  it('keeps the meetings in the methodology order', () => {
    expect(MEETING_TYPES.map((t) => MEETING_TYPE_LABELS_RU[t])).toEqual([
      'Встреча-знакомство',
      'Пробная встреча',
      'Встреча-планирование',
      'Регулярная встреча',
      'Итоговая встреча',
    ]);
  });

  it('has only the group kind as a group', () => {
    expect(MENTORSHIP_KINDS.filter(isGroupKind)).toEqual(['group']);
  });
});

describe('formParticipants', () => {
  it.each([
    ['pupil-pupil', 'traditional', ['pupil'], ['pupil']],
    ['teacher-teacher', 'traditional', ['teacher'], ['teacher', 'young-specialist']],
    ['student-pupil', 'group', ['student', 'alumnus'], ['pupil']],
    ['employer-pupil', 'traditional', ['partner-employee', 'alumnus', 'parent'], ['pupil']],
    ['employer-student', 'virtual', ['partner-employee', 'alumnus'], ['student']],
    ['teacher-pupil', 'traditional', ['teacher', 'young-specialist'], ['pupil']],
    ['head-teacher', 'traditional', ['teacher'], ['teacher', 'young-specialist']],
    ['teacher-teacher', 'reverse', ['teacher', 'young-specialist'], ['teacher', 'young-specialist']],
  ] as const)('%s (%s): mentors %j, mentees %j', (code, kind, mentor, mentee) => {
    expect(formParticipants(form(code), kind)).toEqual({ mentor, mentee });
  });
});

describe('mergeFormCatalog', () => {
  it('adds the region forms, then the district ones, whatever the order given', () => {
    const { forms, issues } = mergeFormCatalog([
      {
        level: 'district',
        code: 'sibay',
        forms: [{ code: 'alumni-pupil', labelRu: 'Выпускник – ученик', mentorCategories: ['alumnus'], menteeCategories: ['pupil'] }],
      },
      {
        level: 'region',
        code: 'bashkortostan',
        forms: [{ code: 'parent-pupil', labelRu: ' Родитель – ученик ', mentorCategories: ['parent'], menteeCategories: ['pupil'] }],
      },
    ]);
    expect(issues).toEqual([]);
    expect(forms.map((f) => f.code).slice(-2)).toEqual(['parent-pupil', 'alumni-pupil']);
    expect(forms.at(-2)).toEqual({
      code: 'parent-pupil',
      labelRu: 'Родитель – ученик',
      mentorCategories: ['parent'],
      menteeCategories: ['pupil'],
      source: { level: 'region', code: 'bashkortostan' },
    });
    expect(forms).toHaveLength(BUILT_IN_FORMS.length + 2);
  });

  it('skips invalid additions with a message naming the form and keeps the valid ones', () => {
    const { forms, issues } = mergeFormCatalog([
      {
        level: 'region',
        code: 'kursk',
        forms: [
          { code: 'pupil-pupil', labelRu: 'Ученик – ученик (наш)', mentorCategories: ['pupil'], menteeCategories: ['pupil'] },
          { code: 'Parent_Pupil', labelRu: 'Родитель – ученик', mentorCategories: ['parent'], menteeCategories: ['pupil'] },
          { code: 'granny-pupil', labelRu: '', mentorCategories: ['grandmother'], menteeCategories: [] },
          { code: 'student-student', labelRu: 'Студент – студент', mentorCategories: ['student'], menteeCategories: ['student'] },
        ],
      },
      {
        level: 'district',
        code: 'kursk-city',
        forms: [{ code: 'student-student', labelRu: 'Другое', mentorCategories: ['student'], menteeCategories: ['student'] }],
      },
    ]);
    expect(forms.map((f) => f.code).at(-1)).toBe('student-student');
    expect(forms.at(-1)?.labelRu).toBe('Студент – студент');
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['region:kursk.forms[0]', 'Код формы «pupil-pupil» уже занят формой «Ученик – ученик»'],
      ['region:kursk.forms[1]', 'Код формы «Parent_Pupil»: допускаются строчные латинские буквы, цифры и дефис (2–63 символа)'],
      ['region:kursk.forms[2]', 'Форма «granny-pupil»: укажите название'],
      ['region:kursk.forms[2]', 'Форма «granny-pupil»: неизвестная категория участников «grandmother»'],
      ['region:kursk.forms[2]', 'Форма «granny-pupil»: укажите хотя бы одну категорию наставляемых'],
      ['district:kursk-city.forms[0]', 'Код формы «student-student» уже занят формой «Студент – студент»'],
    ]);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });
});

describe('nextAllowedMeetingTypes', () => {
  it.each<[MeetingType[], MeetingType[]]>([
    [[], ['acquaintance']],
    [['acquaintance'], ['trial']],
    [['acquaintance', 'trial'], ['planning']],
    [['acquaintance', 'trial', 'planning'], ['regular']],
    [
      ['acquaintance', 'trial', 'planning', 'regular'],
      ['regular', 'final'],
    ],
    [
      ['acquaintance', 'trial', 'planning', 'regular', 'regular', 'regular'],
      ['regular', 'final'],
    ],
    [['acquaintance', 'trial', 'planning', 'regular', 'final'], []],
    // typed in afterwards, out of order: read by the furthest step
    [['planning', 'acquaintance'], ['regular']],
  ])('after %j → %j', (history, next) => {
    expect(nextAllowedMeetingTypes(history)).toEqual(next);
  });
});
