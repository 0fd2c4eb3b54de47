import type { PlatformRole } from './roles.js';

/**
 * Russian texts shared by the API (error messages) and the admin (labels). One place, so that an
 * English catalogue can follow with the same keys.
 */
export const ROLE_LABELS_RU: Readonly<Record<PlatformRole, string>> = {
  'platform-admin': 'Администратор платформы',
  'region-coordinator': 'Координатор региона (РНЦ)',
  'district-officer': 'Специалист органа управления образованием',
  'district-head': 'Руководитель органа управления образованием',
  'school-director': 'Директор',
  'school-curator': 'Куратор наставничества',
  mentor: 'Наставник',
  mentee: 'Наставляемый',
  'partner-admin': 'Представитель организации-партнёра',
};

export const ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERRORS_RU = {
  unauthenticated: 'Требуется вход в систему: токен отсутствует, просрочен или недействителен.',
  forbidden: 'Недостаточно прав для этого действия.',
  noGrants: 'У учётной записи нет ролей платформы «Наставник» с привязкой к региону, округу или организации.',
  notFound: 'Объект не найден.',
  districtNotFound: 'Муниципалитет не найден.',
  organizationNotFound: 'Организация не найдена.',
  regionNotFound: 'Регион не найден.',
  internal: 'Внутренняя ошибка сервера. Попробуйте позже.',
  invalidCode: (field: string) => `Поле «${field}»: допускаются строчные латинские буквы, цифры и дефис (2–63 символа), первым символом — буква или цифра.`,
  required: (field: string) => `Поле «${field}» обязательно.`,
  tooLong: (field: string, max: number) => `Поле «${field}»: не более ${max} символов.`,
  duplicateCode: (field: string, code: string) => `Поле «${field}»: код «${code}» уже занят.`,
  outOfRange: (field: string, min: number, max: number) => `Поле «${field}»: значение от ${min} до ${max}.`,
  invalidAcademicYear: (field: string) => `Поле «${field}»: учебный год в формате «2025/2026».`,
} as const;
