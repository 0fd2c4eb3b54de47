import { isValidCode } from '../codes.js';
import type { IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';

/**
 * Catalogues of a school's mentorship programme (docs/domain.md, «A programme's life», «Forms»,
 * «Participant categories»). Codes are stable kebab-case strings (as roles and `CODE_PATTERN`), so a
 * region or district can add its own forms with codes of the same shape; labels are Russian.
 */

// ————— participant categories and special groups —————

export const PARTICIPANT_CATEGORIES = ['pupil', 'teacher', 'young-specialist', 'alumnus', 'parent', 'student', 'partner-employee'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

export const PARTICIPANT_CATEGORY_LABELS_RU: Readonly<Record<ParticipantCategory, string>> = {
  pupil: 'Обучающийся',
  teacher: 'Педагог',
  'young-specialist': 'Молодой специалист',
  alumnus: 'Выпускник',
  parent: 'Родитель',
  student: 'Студент',
  'partner-employee': 'Сотрудник организации-партнёра',
};

export function isParticipantCategory(value: unknown): value is ParticipantCategory {
  return typeof value === 'string' && (PARTICIPANT_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Target groups among pupils (and students) that programmes single out. `disability` (ОВЗ) is
 * health data — a special category under 152-ФЗ art. 10 — so it is erased on anonymisation.
 */
export const SPECIAL_GROUPS = ['disability', 'gifted', 'difficult-life-situation', 'orphan', 'low-income-rural'] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

export const SPECIAL_GROUP_LABELS_RU: Readonly<Record<SpecialGroup, string>> = {
  disability: 'Дети с ОВЗ',
  gifted: 'Одарённые обучающиеся',
  'difficult-life-situation': 'Обучающиеся в трудной жизненной ситуации',
  orphan: 'Дети-сироты и дети, оставшиеся без попечения родителей',
  'low-income-rural': 'Обучающиеся из малообеспеченных сельских семей',
};

export function isSpecialGroup(value: unknown): value is SpecialGroup {
  return typeof value === 'string' && (SPECIAL_GROUPS as readonly string[]).includes(value);
}

// ————— forms of mentorship (формы) —————

/** A form: who may be the mentor and who the mentee. Regions and districts add their own. */
export interface MentorshipForm {
  code: string;
  labelRu: string;
  mentorCategories: readonly ParticipantCategory[];
  menteeCategories: readonly ParticipantCategory[];
  /** `builtIn` for the federal list; otherwise who added it (a region's or district's code). */
  source: 'builtIn' | { level: 'region' | 'district'; code: string };
}

export const BUILT_IN_FORM_CODES = [
  'pupil-pupil',
  'teacher-teacher',
  'student-pupil',
  'employer-pupil',
  'employer-student',
  'teacher-pupil',
  'head-teacher',
] as const;
export type BuiltInFormCode = (typeof BUILT_IN_FORM_CODES)[number];

export const FORM_LABELS_RU: Readonly<Record<BuiltInFormCode, string>> = {
  'pupil-pupil': 'Ученик – ученик',
  'teacher-teacher': 'Учитель – учитель',
  'student-pupil': 'Студент – ученик',
  'employer-pupil': 'Работодатель – ученик',
  'employer-student': 'Работодатель – студент',
  'teacher-pupil': 'Учитель – ученик',
  'head-teacher': 'Руководитель образовательной организации – учитель',
};

/**
 * Who takes part in each federal form. A young specialist is a teacher with 0–3 years of
 * experience: a mentee of «учитель – учитель», a mentor of pupils. The head of an organisation is a
 * teacher by category (the position says «директор»). Graduates mentor as students or as employees;
 * parents mentor pupils as representatives of their professions (Р-145, «работодатель – ученик»).
 */
const BUILT_IN_PARTICIPANTS: Readonly<Record<BuiltInFormCode, { mentor: readonly ParticipantCategory[]; mentee: readonly ParticipantCategory[] }>> = {
  'pupil-pupil': { mentor: ['pupil'], mentee: ['pupil'] },
  'teacher-teacher': { mentor: ['teacher'], mentee: ['teacher', 'young-specialist'] },
  'student-pupil': { mentor: ['student', 'alumnus'], mentee: ['pupil'] },
  'employer-pupil': { mentor: ['partner-employee', 'alumnus', 'parent'], mentee: ['pupil'] },
  'employer-student': { mentor: ['partner-employee', 'alumnus'], mentee: ['student'] },
  'teacher-pupil': { mentor: ['teacher', 'young-specialist'], mentee: ['pupil'] },
  'head-teacher': { mentor: ['teacher'], mentee: ['teacher', 'young-specialist'] },
};

export const BUILT_IN_FORMS: readonly MentorshipForm[] = BUILT_IN_FORM_CODES.map((code) => ({
  code,
  labelRu: FORM_LABELS_RU[code],
  mentorCategories: BUILT_IN_PARTICIPANTS[code].mentor,
  menteeCategories: BUILT_IN_PARTICIPANTS[code].mentee,
  source: 'builtIn' as const,
}));

/** A form added by a region or a district, as typed in its settings. */
export interface FormExtension {
  code: string;
  labelRu: string;
  mentorCategories: readonly string[];
  menteeCategories: readonly string[];
}

export interface FormCatalogLayer {
  level: 'region' | 'district';
  /** The region's or district's code. */
  code: string;
  forms: readonly FormExtension[];
}

export const CATALOG_MESSAGES_RU = {
  invalidCode: (code: string) => `Код формы «${code}»: допускаются строчные латинские буквы, цифры и дефис (2–63 символа)`,
  duplicateCode: (code: string, label: string) => `Код формы «${code}» уже занят формой «${label}»`,
  labelRequired: (code: string) => `Форма «${code}»: укажите название`,
  unknownCategory: (code: string, value: string) => `Форма «${code}»: неизвестная категория участников «${value}»`,
  noCategories: (code: string, role: 'mentor' | 'mentee') =>
    `Форма «${code}»: укажите хотя бы одну категорию ${role === 'mentor' ? 'наставников' : 'наставляемых'}`,
} as const;

/**
 * The forms available to a district: the federal list, then the region's additions, then the
 * district's. An addition cannot redefine an existing code (a district cannot change a region's
 * form); invalid additions are skipped and reported, the others still apply.
 */
export function mergeFormCatalog(
  layers: readonly FormCatalogLayer[],
  base: readonly MentorshipForm[] = BUILT_IN_FORMS,
): { forms: MentorshipForm[]; issues: ValidationIssue[] } {
  const forms = [...base];
  const byCode = new Map(forms.map((f) => [f.code, f]));
  const issues: ValidationIssue[] = [];
  const ordered = [...layers].sort((a, b) => (a.level === b.level ? 0 : a.level === 'region' ? -1 : 1));
  for (const layer of ordered) {
    for (const [i, ext] of layer.forms.entries()) {
      const field = `${layer.level}:${layer.code}.forms[${i}]`;
      const errors: string[] = [];
      const existing = byCode.get(ext.code);
      if (!isValidCode(ext.code)) errors.push(CATALOG_MESSAGES_RU.invalidCode(ext.code));
      else if (existing) errors.push(CATALOG_MESSAGES_RU.duplicateCode(ext.code, existing.labelRu));
      if (!ext.labelRu.trim()) errors.push(CATALOG_MESSAGES_RU.labelRequired(ext.code));
      for (const value of [...ext.mentorCategories, ...ext.menteeCategories]) {
        if (!isParticipantCategory(value)) errors.push(CATALOG_MESSAGES_RU.unknownCategory(ext.code, value));
      }
      if (ext.mentorCategories.length === 0) errors.push(CATALOG_MESSAGES_RU.noCategories(ext.code, 'mentor'));
      if (ext.menteeCategories.length === 0) errors.push(CATALOG_MESSAGES_RU.noCategories(ext.code, 'mentee'));
      if (errors.length > 0) {
        for (const message of errors) issues.push({ field, message, severity: 'error' });
        continue;
      }
      const form: MentorshipForm = {
        code: ext.code,
        labelRu: ext.labelRu.trim(),
        mentorCategories: ext.mentorCategories.filter(isParticipantCategory),
        menteeCategories: ext.menteeCategories.filter(isParticipantCategory),
        source: { level: layer.level, code: layer.code },
      };
      forms.push(form);
      byCode.set(form.code, form);
    }
  }
  return { forms, issues };
}

// ————— kinds of mentorship (виды) —————

export const MENTORSHIP_KINDS = ['traditional', 'group', 'virtual', 'short-term', 'reverse', 'situational', 'speed'] as const;
export type MentorshipKind = (typeof MENTORSHIP_KINDS)[number];

export const MENTORSHIP_KIND_LABELS_RU: Readonly<Record<MentorshipKind, string>> = {
  traditional: 'Традиционная (один на один)',
  group: 'Групповая',
  virtual: 'Виртуальная (дистанционная)',
  'short-term': 'Краткосрочная (целеполагающая)',
  reverse: 'Реверсивная',
  situational: 'Ситуационная',
  speed: 'Скоростная',
};

/** Only the group kind puts two or more mentees with one mentor; every other kind is one to one. */
export function isGroupKind(kind: MentorshipKind): boolean {
  return kind === 'group';
}

/**
 * The categories allowed as mentor and mentee of a form under a kind. In reverse mentoring the
 * younger or less experienced teaches the elder (a young specialist shows a teacher digital tools),
 * so either side may come from either list; age rules still apply to pupils.
 */
export function formParticipants(
  form: MentorshipForm,
  kind: MentorshipKind = 'traditional',
): { mentor: readonly ParticipantCategory[]; mentee: readonly ParticipantCategory[] } {
  if (kind !== 'reverse') return { mentor: form.mentorCategories, mentee: form.menteeCategories };
  const both = PARTICIPANT_CATEGORIES.filter((c) => form.mentorCategories.includes(c) || form.menteeCategories.includes(c));
  return { mentor: both, mentee: both };
}

// ————— meetings in the methodology's order —————

export const MEETING_TYPES = ['acquaintance', 'trial', 'planning', 'regular', 'final'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS_RU: Readonly<Record<MeetingType, string>> = {
  acquaintance: 'Встреча-знакомство',
  trial: 'Пробная встреча',
  planning: 'Встреча-планирование',
  regular: 'Регулярная встреча',
  final: 'Итоговая встреча',
};

/**
 * What may come next after the meetings held so far: знакомство → пробная → планирование → one or
 * more регулярные → итоговая, then nothing. A history already out of order (entered on paper and
 * typed in afterwards) is read by its furthest step, so the pair is never stuck.
 */
export function nextAllowedMeetingTypes(history: readonly MeetingType[]): MeetingType[] {
  let furthest = -1;
  for (const type of history) furthest = Math.max(furthest, MEETING_TYPES.indexOf(type));
  switch (furthest) {
    case -1:
      return ['acquaintance'];
    case 0:
      return ['trial'];
    case 1:
      return ['planning'];
    case 2:
      return ['regular'];
    case 3:
      return ['regular', 'final'];
    default:
      return [];
  }
}

// ————— completion —————

export const COMPLETION_REASONS = ['plan-done', 'mentor-request', 'mentee-request', 'curator-plan-not-done', 'curator-force-majeure'] as const;
export type CompletionReason = (typeof COMPLETION_REASONS)[number];

export const COMPLETION_REASON_LABELS_RU: Readonly<Record<CompletionReason, string>> = {
  'plan-done': 'Индивидуальный план выполнен',
  'mentor-request': 'По инициативе наставника (уважительная причина)',
  'mentee-request': 'По инициативе наставляемого (уважительная причина)',
  'curator-plan-not-done': 'Решение куратора: план не реализуется',
  'curator-force-majeure': 'Решение куратора: форс-мажор',
};

/** How a pair or group ends its planned period: completed with a reason, or extended. */
export type PairOutcome =
  { kind: 'completed'; reason: CompletionReason; on: IsoDate; comment: string } | { kind: 'extended'; until: IsoDate; on: IsoDate; comment: string };

export const PAIR_OUTCOME_LABELS_RU: Readonly<Record<PairOutcome['kind'], string>> = {
  completed: 'Завершена',
  extended: 'Продлена',
};
