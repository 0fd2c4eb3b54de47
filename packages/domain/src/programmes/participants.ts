import { isIsoDate, isoDate, isLeapYear, type IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';
import { writeCsv } from './csv.js';
import {
  BUILT_IN_FORMS,
  PARTICIPANT_CATEGORIES,
  PARTICIPANT_CATEGORY_LABELS_RU,
  SPECIAL_GROUPS,
  formParticipants,
  isParticipantCategory,
  isSpecialGroup,
  type MentorshipForm,
  type MentorshipKind,
  type ParticipantCategory,
  type SpecialGroup,
} from './catalog.js';

/**
 * People of a programme's bases (база наставников, база наставляемых) and their rules: ages from
 * docs/domain.md, the categories each form admits, the checks of a record as typed and of a row of
 * a bulk import (XLSX/CSV). Dates are ISO `YYYY-MM-DD` calendar days, as in the roadmap model.
 */

export type ParticipantRole = 'mentor' | 'mentee';

export const PARTICIPANT_ROLE_LABELS_RU: Readonly<Record<ParticipantRole, string>> = {
  mentor: 'Наставник',
  mentee: 'Наставляемый',
};

export interface Participant {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  category: ParticipantCategory;
  /** Required for categories that may be minors (`MAY_BE_MINOR`); optional for adults (data minimisation, 152-ФЗ art. 5). */
  birthDate: IsoDate | null;
  /** The school whose base holds the person. */
  organizationId: string | null;
  /** For partner employees: the partner organisation that provides them. */
  partnerId: string | null;
  /** «7 «Б»» for a pupil, «учитель математики» for a teacher, «2 курс, 44.02.02» for a student. */
  classOrPosition: string | null;
  /** Teaching (or working) experience in years; a young specialist has 0–3. */
  experienceYears: number | null;
  email: string | null;
  phone: string | null;
  specialGroups: readonly SpecialGroup[];
  /** A mentor's competences: tags from the shared catalogue plus free text. */
  competenceTags: readonly string[];
  competenceText: string;
  /** A mentee's request (запрос), same shape. */
  requestTags: readonly string[];
  requestText: string;
}

export const PARTICIPANT_FIELD_LABELS_RU: Readonly<Record<Exclude<keyof Participant, 'id'>, string>> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  category: 'Категория',
  birthDate: 'Дата рождения',
  organizationId: 'Организация',
  partnerId: 'Организация-партнёр',
  classOrPosition: 'Класс / должность',
  experienceYears: 'Стаж',
  email: 'Эл. почта',
  phone: 'Телефон',
  specialGroups: 'Особые группы',
  competenceTags: 'Компетенции',
  competenceText: 'Компетенции (описание)',
  requestTags: 'Запрос',
  requestText: 'Запрос (описание)',
};

export const NAME_MAX = 100;
export const CLASS_OR_POSITION_MAX = 200;
export const FREE_TEXT_MAX = 2000;
export const ADULT_AGE = 18;
export const YOUNG_SPECIALIST_MAX_EXPERIENCE = 3;

/** Categories whose members may be under 18: their date of birth is needed for the consent rules. */
export const MAY_BE_MINOR: readonly ParticipantCategory[] = ['pupil', 'student', 'alumnus'];

// ————— age —————

/**
 * Full years at a date. A birthday of 29 February counts on 28 February in other years (ГК РФ
 * art. 192: a term ending on a day the month lacks ends on its last day). Null for invalid dates or a
 * reference date before the birth.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number | null {
  if (!isIsoDate(birthDate) || !isIsoDate(on) || on < birthDate) return null;
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7));
  let bd = Number(birthDate.slice(8, 10));
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  const d = Number(on.slice(8, 10));
  if (bm === 2 && bd === 29 && !isLeapYear(y)) bd = 28;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Under 18 at the date; a missing or invalid date of birth is not a minor by this function (see `mayBeMinor`). */
export function isMinor(birthDate: IsoDate | null, on: IsoDate): boolean {
  if (birthDate === null) return false;
  const age = ageOn(birthDate, on);
  return age !== null && age < ADULT_AGE;
}

/**
 * Whether the law must treat the person as a minor: under 18, or of a category that may be a minor
 * with no valid date of birth (the careful reading — a representative's consent is then required).
 */
export function mustTreatAsMinor(person: Pick<Participant, 'birthDate' | 'category'>, on: IsoDate): boolean {
  if (person.birthDate !== null && ageOn(person.birthDate, on) !== null) return isMinor(person.birthDate, on);
  return MAY_BE_MINOR.includes(person.category);
}

export interface AgeRule {
  category: ParticipantCategory;
  role: ParticipantRole;
  min: number;
  max: number;
}

/** docs/domain.md: pupils are mentees at 10–19 and mentors at 15–19 (full years, inclusive). */
export const AGE_RULES: readonly AgeRule[] = [
  { category: 'pupil', role: 'mentee', min: 10, max: 19 },
  { category: 'pupil', role: 'mentor', min: 15, max: 19 },
];

export function ageRule(category: ParticipantCategory, role: ParticipantRole): AgeRule | null {
  return AGE_RULES.find((r) => r.category === category && r.role === role) ?? null;
}

const ROLE_WITH_CATEGORY_DATIVE_RU: Readonly<Record<ParticipantRole, string>> = {
  mentor: 'наставнику',
  mentee: 'наставляемому',
};
const CATEGORY_SUFFIX_RU: Partial<Record<ParticipantCategory, string>> = { pupil: 'обучающемуся' };

export const PARTICIPANT_MESSAGES_RU = {
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  invalidDate: (label: string) => `${label}: некорректная дата (ДД.ММ.ГГГГ)`,
  futureBirthDate: 'Дата рождения: дата ещё не наступила',
  implausibleAge: (age: number) => `Дата рождения: проверьте год (возраст ${age})`,
  birthDateRequired: (category: ParticipantCategory) =>
    `Дата рождения: обязательна для категории «${PARTICIPANT_CATEGORY_LABELS_RU[category]}» — по ней проверяются возраст и согласия`,
  ageOutOfRange: (rule: AgeRule, age: number) =>
    `Дата рождения: ${ROLE_WITH_CATEGORY_DATIVE_RU[rule.role]}-${CATEGORY_SUFFIX_RU[rule.category] ?? PARTICIPANT_CATEGORY_LABELS_RU[rule.category].toLowerCase()} должно быть от ${rule.min} до ${rule.max} лет (сейчас ${age})`,
  adultUnder18: (category: ParticipantCategory, age: number) =>
    `Дата рождения: для категории «${PARTICIPANT_CATEGORY_LABELS_RU[category]}» возраст ${age} — проверьте дату`,
  unknownCategory: (value: string) => `Категория: неизвестное значение «${value}»`,
  categoryNotInForm: (category: ParticipantCategory, role: ParticipantRole, formLabel: string) =>
    `Категория: «${PARTICIPANT_CATEGORY_LABELS_RU[category]}» не может быть ${role === 'mentor' ? 'наставником' : 'наставляемым'} в форме «${formLabel}»`,
  categoryNeverInRole: (category: ParticipantCategory, role: ParticipantRole) =>
    `Категория: «${PARTICIPANT_CATEGORY_LABELS_RU[category]}» не может быть ${role === 'mentor' ? 'наставником' : 'наставляемым'} ни в одной форме`,
  experienceRequired: 'Стаж: укажите стаж молодого специалиста (от 0 до 3 лет)',
  experienceInvalid: 'Стаж: число лет от 0 до 70',
  youngSpecialistExperience: (years: number) =>
    `Стаж: у молодого специалиста стаж от 0 до ${YOUNG_SPECIALIST_MAX_EXPERIENCE} лет (указано ${formatNumberRu(years)})`,
  partnerRequired: 'Организация-партнёр: укажите для сотрудника организации-партнёра',
  invalidEmail: (value: string) => `Эл. почта: некорректный адрес «${value}»`,
  invalidPhone: (value: string) => `Телефон: некорректный номер «${value}» (10 цифр, можно с +7 или 8)`,
  unknownSpecialGroup: (value: string) => `Особые группы: неизвестное значение «${value}»`,
  specialGroupsForLearners: 'Особые группы: отмечаются только у обучающихся и студентов',
  nothingToMatch: (role: ParticipantRole) =>
    role === 'mentor'
      ? 'Компетенции: укажите теги или описание — без них подбор пары невозможен'
      : 'Запрос: укажите теги или описание — без них подбор пары невозможен',
} as const;

function formatNumberRu(value: number): string {
  return String(value).replace('.', ',');
}

/** The age rule a person breaks in a role at a date, or null (also null when no rule applies or the date is unknown). */
export function checkAgeRule(
  person: Pick<Participant, 'category' | 'birthDate'>,
  role: ParticipantRole,
  on: IsoDate,
): { rule: AgeRule; age: number; message: string } | null {
  const rule = ageRule(person.category, role);
  if (!rule || person.birthDate === null) return null;
  const age = ageOn(person.birthDate, on);
  if (age === null || (age >= rule.min && age <= rule.max)) return null;
  return { rule, age, message: PARTICIPANT_MESSAGES_RU.ageOutOfRange(rule, age) };
}

// ————— categories by form —————

/** Whether a category may take a role in a form (under a kind: reverse mentoring opens both ways). */
export function categoryAllowed(category: ParticipantCategory, role: ParticipantRole, form: MentorshipForm, kind: MentorshipKind = 'traditional'): boolean {
  return formParticipants(form, kind)[role].includes(category);
}

/** The categories that can take a role in at least one of the forms. */
export function categoriesForRole(role: ParticipantRole, forms: readonly MentorshipForm[] = BUILT_IN_FORMS): ParticipantCategory[] {
  return PARTICIPANT_CATEGORIES.filter((c) => forms.some((f) => (role === 'mentor' ? f.mentorCategories : f.menteeCategories).includes(c)));
}

// ————— validation of a record —————

export interface ParticipantContext {
  role: ParticipantRole;
  /** The reference date of the age rules: today, or the programme's start. */
  on: IsoDate;
  /** When given, the category must be admitted by the form in this role. */
  form?: MentorshipForm;
  kind?: MentorshipKind;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Russian phone numbers: 10 digits after +7 / 8 / 7; spaces, dashes and brackets allowed. */
export function normalizePhoneRu(value: string): string | null {
  if (!/^[\d\s()+-]+$/.test(value.trim())) return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length === 10) return `+7${digits}`;
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return `+7${digits.slice(1)}`;
  return null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Checks a person record as typed. Errors block saving; warnings (an adult category under 18, no
 * competences yet) are shown next to the field. Messages name the field first.
 */
export function validateParticipant(person: Partial<Participant>, context: ParticipantContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (field: string, message: string) => issues.push({ field, message, severity: 'error' });
  const warning = (field: string, message: string) => issues.push({ field, message, severity: 'warning' });
  const L = PARTICIPANT_FIELD_LABELS_RU;
  const M = PARTICIPANT_MESSAGES_RU;

  for (const field of ['lastName', 'firstName', 'middleName'] as const) {
    const value = text(person[field]);
    if (!value && field !== 'middleName') error(field, M.required(L[field]));
    else if (value.length > NAME_MAX) error(field, M.tooLong(L[field], NAME_MAX));
  }
  if (text(person.classOrPosition).length > CLASS_OR_POSITION_MAX) {
    error('classOrPosition', M.tooLong(L.classOrPosition, CLASS_OR_POSITION_MAX));
  }
  for (const field of ['competenceText', 'requestText'] as const) {
    if (text(person[field]).length > FREE_TEXT_MAX) error(field, M.tooLong(L[field], FREE_TEXT_MAX));
  }

  const category = person.category;
  if (category === undefined || (category as unknown) === null || (category as unknown) === '') {
    error('category', M.required(L.category));
  } else if (!isParticipantCategory(category)) {
    error('category', M.unknownCategory(String(category)));
  }
  const knownCategory = isParticipantCategory(category) ? category : null;

  // Date of birth and ages.
  const birthDate = person.birthDate ?? null;
  if (birthDate !== null && !isIsoDate(birthDate)) {
    error('birthDate', M.invalidDate(L.birthDate));
  } else if (birthDate !== null) {
    const age = ageOn(birthDate, context.on);
    if (age === null) error('birthDate', M.futureBirthDate);
    else if (age > 100 || age < 3) error('birthDate', M.implausibleAge(age));
    else if (knownCategory) {
      const broken = checkAgeRule({ category: knownCategory, birthDate }, context.role, context.on);
      if (broken) error('birthDate', broken.message);
      if (!MAY_BE_MINOR.includes(knownCategory) && age < ADULT_AGE) warning('birthDate', M.adultUnder18(knownCategory, age));
    }
  } else if (knownCategory && MAY_BE_MINOR.includes(knownCategory)) {
    error('birthDate', M.birthDateRequired(knownCategory));
  }

  // Category in the role and form.
  if (knownCategory) {
    if (context.form) {
      if (!categoryAllowed(knownCategory, context.role, context.form, context.kind)) {
        error('category', M.categoryNotInForm(knownCategory, context.role, context.form.labelRu));
      }
    } else if (!categoriesForRole(context.role).includes(knownCategory)) {
      error('category', M.categoryNeverInRole(knownCategory, context.role));
    }
  }

  // Experience.
  const experience = person.experienceYears ?? null;
  if (experience !== null && (!Number.isFinite(experience) || experience < 0 || experience > 70)) {
    error('experienceYears', M.experienceInvalid);
  } else if (knownCategory === 'young-specialist') {
    if (experience === null) error('experienceYears', M.experienceRequired);
    else if (experience > YOUNG_SPECIALIST_MAX_EXPERIENCE) error('experienceYears', M.youngSpecialistExperience(experience));
  }

  if (knownCategory === 'partner-employee' && !text(person.partnerId)) error('partnerId', M.partnerRequired);

  const email = text(person.email);
  if (email && !EMAIL.test(email)) error('email', M.invalidEmail(email));
  const phone = text(person.phone);
  if (phone && normalizePhoneRu(phone) === null) error('phone', M.invalidPhone(phone));

  const groups = person.specialGroups ?? [];
  for (const group of groups) {
    if (!isSpecialGroup(group)) error('specialGroups', M.unknownSpecialGroup(String(group)));
  }
  if (groups.length > 0 && knownCategory && knownCategory !== 'pupil' && knownCategory !== 'student') {
    warning('specialGroups', M.specialGroupsForLearners);
  }

  const tags = context.role === 'mentor' ? person.competenceTags : person.requestTags;
  const about = context.role === 'mentor' ? person.competenceText : person.requestText;
  if ((tags ?? []).length === 0 && !text(about)) {
    warning(context.role === 'mentor' ? 'competenceTags' : 'requestTags', M.nothingToMatch(context.role));
  }
  return issues;
}

// ————— bulk import (XLSX / CSV rows) —————

/**
 * The columns of the import template. `fullName` («ФИО» in one cell, as many school spreadsheets
 * have it) may replace the three name columns. `tags` and `text` are the competences of a mentor or
 * the request of a mentee, by the base being imported.
 */
export const PARTICIPANT_IMPORT_FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'fullName',
  'category',
  'birthDate',
  'classOrPosition',
  'experienceYears',
  'email',
  'phone',
  'specialGroups',
  'tags',
  'text',
] as const;
export type ParticipantImportField = (typeof PARTICIPANT_IMPORT_FIELDS)[number];

/** Header of the template per field; the mentor's and the mentee's tags and text differ. */
export function participantImportHeaderRu(field: ParticipantImportField, role: ParticipantRole): string {
  switch (field) {
    case 'fullName':
      return 'ФИО';
    case 'experienceYears':
      return 'Стаж, лет';
    case 'tags':
      return role === 'mentor' ? 'Компетенции (теги)' : 'Запрос (теги)';
    case 'text':
      return role === 'mentor' ? 'Компетенции (описание)' : 'Запрос (описание)';
    default:
      return PARTICIPANT_FIELD_LABELS_RU[field];
  }
}

/** Other headings seen in school spreadsheets, normalised (`normalizeCell`). */
const HEADER_ALIASES: Readonly<Record<ParticipantImportField, readonly string[]>> = {
  lastName: ['фамилия'],
  firstName: ['имя'],
  middleName: ['отчество'],
  fullName: ['фио', 'ф.и.о.', 'ф. и. о.', 'фамилия имя отчество', 'фамилия, имя, отчество'],
  category: ['категория', 'категория участника'],
  birthDate: ['дата рождения', 'д/р', 'дата рожд.'],
  classOrPosition: ['класс / должность', 'класс/должность', 'класс', 'должность', 'класс, должность', 'курс', 'группа'],
  experienceYears: ['стаж, лет', 'стаж', 'педагогический стаж', 'стаж работы', 'стаж (лет)'],
  email: ['эл. почта', 'электронная почта', 'e-mail', 'email', 'почта'],
  phone: ['телефон', 'тел.', 'контактный телефон', 'мобильный телефон'],
  specialGroups: ['особые группы', 'особая группа', 'категория обучающегося'],
  tags: ['компетенции (теги)', 'запрос (теги)', 'компетенции', 'запрос', 'теги'],
  text: ['компетенции (описание)', 'запрос (описание)', 'описание', 'опыт', 'комментарий', 'о себе'],
};

/** Lower case, «ё» → «е», single spaces, no surrounding quotes or trailing colon. */
export function normalizeCell(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/^["«»\s]+|["«»:\s]+$/g, '')
    .trim();
}

export interface ImportColumnMapping {
  role: ParticipantRole;
  /** The field of each column of the file, by position; null for a column the platform ignores. */
  fields: ReadonlyArray<ParticipantImportField | null>;
  /** The headers as in the file, for the report. */
  headers: readonly string[];
}

export const IMPORT_ROW_MESSAGES_RU = {
  missingColumn: (header: string) => `В файле нет столбца «${header}»`,
  duplicateColumn: (header: string) => `Столбец «${header}» встречается дважды — используется первый`,
  ignoredColumn: (header: string) => `Столбец «${header}» не распознан и не загружается`,
  fullNameIncomplete: 'ФИО: укажите фамилию и имя',
  unknownCategory: (value: string) => `Категория: неизвестное значение «${value}»`,
  unknownSpecialGroup: (value: string) => `Особые группы: неизвестное значение «${value}»`,
  invalidDate: (value: string) => `Дата рождения: «${value}» — ожидается дата ДД.ММ.ГГГГ`,
  invalidNumber: (label: string, value: string) => `${label}: «${value}» — ожидается число`,
  unknownTag: (label: string, value: string) => `${label}: тега «${value}» нет в каталоге — добавлен в описание`,
  duplicateRow: (rowNumber: number) => `Строка повторяет строку ${rowNumber} (ФИО и дата рождения)`,
  unexpected: 'Строка не прочитана из-за внутренней ошибки; остальные строки загружены',
} as const;

/**
 * Maps the header row of a file to the fields. Missing required columns are errors of the whole
 * file (no row can be read without names and category); unknown columns are warnings.
 */
export function resolveImportColumns(headers: readonly string[], role: ParticipantRole): { mapping: ImportColumnMapping; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const seen = new Set<ParticipantImportField>();
  const fields = headers.map((header, index): ParticipantImportField | null => {
    const key = normalizeCell(header);
    if (!key) return null;
    const exact = PARTICIPANT_IMPORT_FIELDS.find((f) => normalizeCell(participantImportHeaderRu(f, role)) === key);
    const field = exact ?? PARTICIPANT_IMPORT_FIELDS.find((f) => HEADER_ALIASES[f].includes(key)) ?? null;
    if (field === null) {
      issues.push({ field: `columns[${index}]`, message: IMPORT_ROW_MESSAGES_RU.ignoredColumn(header.trim()), severity: 'warning' });
      return null;
    }
    if (seen.has(field)) {
      issues.push({ field: `columns[${index}]`, message: IMPORT_ROW_MESSAGES_RU.duplicateColumn(header.trim()), severity: 'warning' });
      return null;
    }
    seen.add(field);
    return field;
  });
  const required: ParticipantImportField[] = seen.has('fullName') ? ['category'] : ['lastName', 'firstName', 'category'];
  for (const field of required) {
    if (!seen.has(field)) {
      issues.push({ field, message: IMPORT_ROW_MESSAGES_RU.missingColumn(participantImportHeaderRu(field, role)), severity: 'error' });
    }
  }
  return { mapping: { role, fields, headers }, issues };
}

/** The downloadable template: headers and one example row (the API writes it as XLSX or CSV). */
export function participantImportTemplate(role: ParticipantRole): { headers: string[]; example: string[] } {
  const fields: ParticipantImportField[] = PARTICIPANT_IMPORT_FIELDS.filter((f) => f !== 'fullName');
  const example: Record<ParticipantImportField, string> =
    role === 'mentee'
      ? {
          lastName: 'Иванова',
          firstName: 'Мария',
          middleName: 'Сергеевна',
          fullName: '',
          category: 'Обучающийся',
          birthDate: '14.03.2012',
          classOrPosition: '7 «Б»',
          experienceYears: '',
          email: '',
          phone: '',
          specialGroups: 'Одарённые обучающиеся',
          tags: 'Математика; Олимпиады',
          text: 'Хочу подготовиться к олимпиаде по математике',
        }
      : {
          lastName: 'Петров',
          firstName: 'Алексей',
          middleName: 'Игоревич',
          fullName: '',
          category: 'Педагог',
          birthDate: '',
          classOrPosition: 'Учитель математики',
          experienceYears: '12',
          email: 'petrov@example.ru',
          phone: '+7 900 123-45-67',
          specialGroups: '',
          tags: 'Математика; Олимпиады',
          text: 'Готовлю призёров муниципального этапа олимпиады',
        };
  return { headers: fields.map((f) => participantImportHeaderRu(f, role)), example: fields.map((f) => example[f]) };
}

/** The template as CSV for Excel in a Russian locale: BOM, «;» separators, CRLF. */
export function participantImportTemplateCsv(role: ParticipantRole): string {
  const { headers, example } = participantImportTemplate(role);
  return writeCsv([headers, example]);
}

const CATEGORY_WORDS: ReadonlyArray<[string, ParticipantCategory]> = [
  ['молодой специалист', 'young-specialist'],
  ['молодой педагог', 'young-specialist'],
  ['молодой учитель', 'young-specialist'],
  ['начинающий педагог', 'young-specialist'],
  ['сотрудник организации-партнера', 'partner-employee'],
  ['сотрудник партнера', 'partner-employee'],
  ['сотрудник предприятия', 'partner-employee'],
  ['представитель предприятия', 'partner-employee'],
  ['работодатель', 'partner-employee'],
  ['обучающийся', 'pupil'],
  ['обучающаяся', 'pupil'],
  ['учащийся', 'pupil'],
  ['учащаяся', 'pupil'],
  ['ученик', 'pupil'],
  ['ученица', 'pupil'],
  ['школьник', 'pupil'],
  ['педагог', 'teacher'],
  ['учитель', 'teacher'],
  ['преподаватель', 'teacher'],
  ['воспитатель', 'teacher'],
  ['выпускник', 'alumnus'],
  ['выпускница', 'alumnus'],
  ['родитель', 'parent'],
  ['студент', 'student'],
  ['студентка', 'student'],
];

/** Reads a category from a cell: a code, a label or a common word («ученик», «педагог»…). */
export function parseCategoryRu(value: string): ParticipantCategory | null {
  const key = normalizeCell(value);
  if (!key) return null;
  if (isParticipantCategory(key)) return key;
  for (const c of PARTICIPANT_CATEGORIES) {
    if (normalizeCell(PARTICIPANT_CATEGORY_LABELS_RU[c]) === key) return c;
  }
  return CATEGORY_WORDS.find(([word]) => key === word || key.startsWith(`${word} `))?.[1] ?? null;
}

const SPECIAL_GROUP_WORDS: ReadonlyArray<[RegExp, SpecialGroup]> = [
  [/овз|ограниченн\S* возможност/, 'disability'],
  [/одар/, 'gifted'],
  [/тжс|трудн\S* жизненн/, 'difficult-life-situation'],
  [/сирот|без попечения/, 'orphan'],
  [/малообесп|малоимущ/, 'low-income-rural'],
];

/** Reads special groups from a cell: «ОВЗ; одарённый», codes or labels, separated by «;», «,» or new lines. */
export function parseSpecialGroupsRu(value: string): { groups: SpecialGroup[]; unknown: string[] } {
  const groups = new Set<SpecialGroup>();
  const unknown: string[] = [];
  for (const part of splitList(value)) {
    const key = normalizeCell(part);
    const direct = isSpecialGroup(key) ? key : SPECIAL_GROUP_WORDS.find(([re]) => re.test(key))?.[1];
    if (direct) groups.add(direct);
    else if (!/^(и )?дети$/.test(key)) unknown.push(part.trim());
  }
  return { groups: SPECIAL_GROUPS.filter((g) => groups.has(g)), unknown };
}

function splitList(value: string): string[] {
  return value
    .split(/[;,\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * A date from a cell: «14.03.2012», «14.03.2012 г.», ISO «2012-03-14» (also with a time, as
 * converters write it), or an Excel serial number (1900 date system). Two-digit years and bare
 * years are refused.
 */
export function parseImportDate(value: string | number): IsoDate | null {
  if (typeof value === 'number' || /^\d{1,6}(\.\d+)?$/.test(value.trim())) {
    const serial = Math.floor(Number(value));
    // Below 10000 (18.05.1927) a number is more likely a bare year («2012») than a date.
    if (!Number.isFinite(serial) || serial < 10000 || serial > 2958465) return null;
    // Serial 25569 is 1970-01-01; Excel's phantom 29.02.1900 only shifts dates before March 1900.
    const date = new Date((serial - 25569) * 86400000);
    return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  const s = value.trim().replace(/\s*г\.?$/i, '');
  const ru = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (ru) return isoDate(Number(ru[3]), Number(ru[2]), Number(ru[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** A tag of the shared catalogue: a stable code and the label people type. */
export interface TagDefinition {
  code: string;
  labelRu: string;
}

export interface ImportRowContext extends ParticipantContext {
  /** 1-based number of the row in the file, for the report. */
  rowNumber: number;
  /** When given, tags are read against it (by code or label); unknown ones go to the description. */
  tagCatalog?: readonly TagDefinition[];
}

/** A person read from a row: everything but the ids the API assigns. */
export type ParticipantDraft = Omit<Participant, 'id' | 'organizationId' | 'partnerId'>;

export type ImportCell = string | number | boolean | null | undefined;

export interface ImportRowIssue extends ValidationIssue {
  /** The column's header in the file, when the issue is about one cell. */
  column: string | null;
}

export interface ImportRowReport {
  rowNumber: number;
  /** `empty` rows (all cells blank) are skipped silently; `error` rows are not loaded. */
  status: 'ok' | 'warning' | 'error' | 'empty';
  participant: ParticipantDraft | null;
  issues: ImportRowIssue[];
}

function cellText(cell: ImportCell): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).trim();
}

function tagIndex(catalog: readonly TagDefinition[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const tag of catalog) {
    index.set(normalizeCell(tag.code), tag.code);
    index.set(normalizeCell(tag.labelRu), tag.code);
  }
  return index;
}

/**
 * Reads and checks one row. Never throws and depends on nothing but the row, so a bad row cannot
 * affect the others; an unexpected failure becomes an error of this row only.
 */
export function validateImportRow(row: readonly ImportCell[], columns: ImportColumnMapping, context: ImportRowContext): ImportRowReport {
  return safeReadRow(row, columns, context, context.tagCatalog ? tagIndex(context.tagCatalog) : null);
}

function safeReadRow(row: readonly ImportCell[], columns: ImportColumnMapping, context: ImportRowContext, tags: Map<string, string> | null): ImportRowReport {
  try {
    return readRow(row, columns, context, tags);
  } catch {
    return {
      rowNumber: context.rowNumber,
      status: 'error',
      participant: null,
      issues: [{ field: 'row', column: null, message: IMPORT_ROW_MESSAGES_RU.unexpected, severity: 'error' }],
    };
  }
}

function readRow(row: readonly ImportCell[], columns: ImportColumnMapping, context: ImportRowContext, tags: Map<string, string> | null): ImportRowReport {
  const issues: ImportRowIssue[] = [];
  const cells = new Map<ParticipantImportField, { value: string; raw: ImportCell; header: string }>();
  for (const [index, field] of columns.fields.entries()) {
    if (field === null) continue;
    const raw = row[index];
    cells.set(field, { value: cellText(raw), raw, header: columns.headers[index]?.trim() ?? field });
  }
  if (row.every((cell) => cellText(cell) === '')) {
    return { rowNumber: context.rowNumber, status: 'empty', participant: null, issues: [] };
  }
  const get = (field: ParticipantImportField) => cells.get(field)?.value ?? '';
  const headerOf = (field: ParticipantImportField) => cells.get(field)?.header ?? null;
  const cellIssue = (field: ParticipantImportField, target: string, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ field: target, column: headerOf(field), message, severity });

  let lastName = get('lastName');
  let firstName = get('firstName');
  let middleName = get('middleName');
  if (!lastName && !firstName && get('fullName')) {
    const parts = get('fullName').split(/\s+/);
    lastName = parts[0] ?? '';
    firstName = parts[1] ?? '';
    middleName = parts.slice(2).join(' ');
    if (!firstName) cellIssue('fullName', 'firstName', IMPORT_ROW_MESSAGES_RU.fullNameIncomplete);
  }

  const categoryText = get('category');
  const category = parseCategoryRu(categoryText);
  if (categoryText && category === null) cellIssue('category', 'category', IMPORT_ROW_MESSAGES_RU.unknownCategory(categoryText));

  const birthCell = cells.get('birthDate');
  let birthDate: IsoDate | null = null;
  if (birthCell && birthCell.value) {
    birthDate = parseImportDate(typeof birthCell.raw === 'number' ? birthCell.raw : birthCell.value);
    if (birthDate === null) cellIssue('birthDate', 'birthDate', IMPORT_ROW_MESSAGES_RU.invalidDate(birthCell.value));
  }

  let experienceYears: number | null = null;
  const experienceText = get('experienceYears');
  if (experienceText) {
    const n = Number(experienceText.replace(',', '.').replace(/\s*(лет|года?|г\.)$/i, ''));
    if (Number.isFinite(n)) experienceYears = n;
    else cellIssue('experienceYears', 'experienceYears', IMPORT_ROW_MESSAGES_RU.invalidNumber(PARTICIPANT_FIELD_LABELS_RU.experienceYears, experienceText));
  }

  const { groups, unknown } = parseSpecialGroupsRu(get('specialGroups'));
  for (const value of unknown) cellIssue('specialGroups', 'specialGroups', IMPORT_ROW_MESSAGES_RU.unknownSpecialGroup(value));

  const tagField = context.role === 'mentor' ? 'competenceTags' : 'requestTags';
  const tagCodes: string[] = [];
  const extraText: string[] = [];
  for (const value of splitList(get('tags'))) {
    const code = tags ? tags.get(normalizeCell(value)) : value;
    if (code === undefined) {
      extraText.push(value);
      cellIssue('tags', tagField, IMPORT_ROW_MESSAGES_RU.unknownTag(PARTICIPANT_FIELD_LABELS_RU[tagField], value), 'warning');
    } else if (!tagCodes.includes(code)) {
      tagCodes.push(code);
    }
  }
  const about = [get('text'), ...extraText].filter(Boolean).join('; ');

  const fields: Omit<ParticipantDraft, 'category'> = {
    lastName,
    firstName,
    middleName: middleName || null,
    birthDate,
    classOrPosition: get('classOrPosition') || null,
    experienceYears,
    email: get('email') || null,
    phone: get('phone') ? (normalizePhoneRu(get('phone')) ?? get('phone')) : null,
    specialGroups: groups,
    competenceTags: context.role === 'mentor' ? tagCodes : [],
    competenceText: context.role === 'mentor' ? about : '',
    requestTags: context.role === 'mentee' ? tagCodes : [],
    requestText: context.role === 'mentee' ? about : '',
  };

  // The record's own rules. Cells already reported as unreadable are not reported twice; the
  // partner of partner employees is chosen for the whole file by the API, not per row.
  const reported = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field));
  const nameColumn = (field: 'lastName' | 'firstName' | 'middleName') => (cells.has(field) ? field : 'fullName');
  const columnOfField: Partial<Record<string, ParticipantImportField>> = {
    lastName: nameColumn('lastName'),
    firstName: nameColumn('firstName'),
    middleName: nameColumn('middleName'),
    category: 'category',
    birthDate: 'birthDate',
    classOrPosition: 'classOrPosition',
    experienceYears: 'experienceYears',
    email: 'email',
    phone: 'phone',
    specialGroups: 'specialGroups',
    competenceTags: 'tags',
    requestTags: 'tags',
    competenceText: 'text',
    requestText: 'text',
  };
  for (const issue of validateParticipant({ ...fields, category: category ?? undefined }, context)) {
    if (reported.has(issue.field) || issue.field === 'partnerId') continue;
    const source = columnOfField[issue.field];
    issues.push({ ...issue, column: source ? headerOf(source) : null });
  }

  const status = issues.some((i) => i.severity === 'error') ? 'error' : issues.length > 0 ? 'warning' : 'ok';
  const participant = status !== 'error' && category !== null ? { ...fields, category } : null;
  return { rowNumber: context.rowNumber, status, participant, issues };
}

export interface ImportReport {
  rows: ImportRowReport[];
  summary: { total: number; ok: number; warning: number; error: number; empty: number };
}

/**
 * Every row of a file (after the header), each checked on its own; a later row repeating an earlier
 * one (same name and date of birth) is loaded with a warning, so the curator decides.
 */
export function validateImportRows(
  rows: ReadonlyArray<readonly ImportCell[]>,
  columns: ImportColumnMapping,
  context: Omit<ImportRowContext, 'rowNumber'> & { firstRowNumber?: number },
): ImportReport {
  const first = context.firstRowNumber ?? 2;
  const index = context.tagCatalog ? tagIndex(context.tagCatalog) : null;
  const seen = new Map<string, number>();
  const reports = rows.map((row, i): ImportRowReport => {
    const rowNumber = first + i;
    const report = safeReadRow(row, columns, { ...context, rowNumber }, index);
    const p = report.participant;
    if (p) {
      const key = [p.lastName, p.firstName, p.middleName ?? '', p.birthDate ?? ''].map(normalizeCell).join('|');
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        report.issues.push({ field: 'row', column: null, message: IMPORT_ROW_MESSAGES_RU.duplicateRow(earlier), severity: 'warning' });
        if (report.status === 'ok') report.status = 'warning';
      } else {
        seen.set(key, rowNumber);
      }
    }
    return report;
  });
  const summary = { total: reports.length, ok: 0, warning: 0, error: 0, empty: 0 };
  for (const r of reports) summary[r.status] += 1;
  return { rows: reports, summary };
}
