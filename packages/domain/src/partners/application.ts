import { normalizePhoneRu } from '../programmes/participants.js';
import type { ValidationIssue } from '../roadmap/model.js';
import { validateInn, validateKpp, validateOgrn, type RequisiteHolder } from './requisites.js';

/**
 * Partner organisations (docs/domain.md, «The hierarchy»: outside the hierarchy, they provide
 * mentors under cooperation agreements) and their sign-up through the public page (issue 6).
 */

// ————— kinds —————

/**
 * Kebab-case like the other domain codes; the API's GraphQL enum `PartnerKind` has the same members
 * upper-cased with underscores (`culture-sport` ↔ `CULTURE_SPORT`).
 */
export const PARTNER_KINDS = ['enterprise', 'university', 'ngo', 'culture-sport', 'alumni', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS_RU: Readonly<Record<PartnerKind, string>> = {
  enterprise: 'Предприятие',
  university: 'Организация высшего или профессионального образования',
  ngo: 'Некоммерческая организация',
  'culture-sport': 'Организация культуры и спорта',
  alumni: 'Сообщество выпускников',
  other: 'Другое',
};

export function isPartnerKind(value: unknown): value is PartnerKind {
  return typeof value === 'string' && (PARTNER_KINDS as readonly string[]).includes(value);
}

/**
 * Kinds that may apply without ИНН and ОГРН: an alumni community is often an informal group with
 * no legal entity. When given, the numbers are still checked.
 */
export const PARTNER_KINDS_WITHOUT_REQUISITES: readonly PartnerKind[] = ['alumni'];

// ————— the application —————

/** The sign-up form as typed on the public page. */
export interface PartnerApplicationInput {
  /** Full name as registered: «ПАО «Сбербанк России»», «МАУК «Городской дом культуры»». */
  name: string;
  kind: string;
  inn: string;
  ogrn: string;
  /** Optional; organisations only. */
  kpp?: string | null;
  address: string;
  regionId: string;
  /** The district whose officers review the application. */
  districtId: string;
  /** ФИО of the contact person, who gets the `partner-admin` account on approval. */
  contactName: string;
  contactPosition?: string | null;
  contactEmail: string;
  contactPhone: string;
}

/** The application once valid: trimmed, numbers without spaces, phone as +7XXXXXXXXXX, e-mail lower-case. */
export interface PartnerApplication {
  name: string;
  kind: PartnerKind;
  inn: string | null;
  ogrn: string | null;
  kpp: string | null;
  /** From the ИНН (or ОГРН): a legal entity or an individual entrepreneur; null without numbers. */
  holder: RequisiteHolder | null;
  address: string;
  regionId: string;
  districtId: string;
  contactName: string;
  contactPosition: string | null;
  contactEmail: string;
  contactPhone: string;
}

export type PartnerApplicationField = keyof PartnerApplicationInput;

export const PARTNER_APPLICATION_FIELD_LABELS_RU: Readonly<Record<PartnerApplicationField, string>> = {
  name: 'Наименование организации',
  kind: 'Тип организации',
  inn: 'ИНН',
  ogrn: 'ОГРН',
  kpp: 'КПП',
  address: 'Адрес',
  regionId: 'Регион',
  districtId: 'Муниципальное образование',
  contactName: 'Контактное лицо',
  contactPosition: 'Должность контактного лица',
  contactEmail: 'Эл. почта',
  contactPhone: 'Телефон',
};

export const PARTNER_NAME_MAX = 1000;
export const PARTNER_ADDRESS_MAX = 1000;
export const PARTNER_CONTACT_MAX = 300;
export const PARTNER_EMAIL_MAX = 254;

const holderRu = (holder: RequisiteHolder) => (holder === 'organization' ? 'организации' : 'ИП');

export const PARTNER_APPLICATION_MESSAGES_RU = {
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  unknownKind: (value: string) => `Тип организации: неизвестное значение «${value}»`,
  invalidEmail: (value: string) => `Эл. почта: некорректный адрес «${value}»`,
  invalidPhone: (value: string) => `Телефон: некорректный номер «${value}» (10 цифр, можно с +7 или 8)`,
  holderMismatch: (inn: RequisiteHolder, ogrn: RequisiteHolder) =>
    `ОГРН: ИНН — ${holderRu(inn)} (${inn === 'organization' ? 10 : 12} цифр), а ОГРН — ${holderRu(ogrn)} (${ogrn === 'organization' ? 13 : 15} цифр)`,
  kppForIndividual: 'КПП: у индивидуального предпринимателя нет КПП',
  duplicateInn: (existingName: string) => `ИНН: организация с этим ИНН уже зарегистрирована («${existingName}»)`,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
}

function check(input: Partial<PartnerApplicationInput>): { issues: ValidationIssue[]; value: PartnerApplication } {
  const issues: ValidationIssue[] = [];
  const error = (field: PartnerApplicationField, message: string) => issues.push({ field, message, severity: 'error' });
  const L = PARTNER_APPLICATION_FIELD_LABELS_RU;
  const M = PARTNER_APPLICATION_MESSAGES_RU;

  const required = (field: PartnerApplicationField, max: number): string => {
    const value = text(input[field]);
    if (!value) error(field, M.required(L[field]));
    else if (value.length > max) error(field, M.tooLong(L[field], max));
    return value;
  };

  const name = required('name', PARTNER_NAME_MAX);
  const kindText = text(input.kind);
  if (!kindText) error('kind', M.required(L.kind));
  else if (!isPartnerKind(kindText)) error('kind', M.unknownKind(kindText));
  const kind = isPartnerKind(kindText) ? kindText : 'other';

  // ИНН and ОГРН: required unless the kind may have none; when present, always checked.
  const optionalRequisites = isPartnerKind(kindText) && PARTNER_KINDS_WITHOUT_REQUISITES.includes(kindText);
  const requisite = (field: 'inn' | 'ogrn', validate: typeof validateInn) => {
    if (optionalRequisites && !text(input[field])) return null;
    const result = validate(input[field]);
    if (!result.ok) {
      error(field, result.message);
      return null;
    }
    return result;
  };
  const inn = requisite('inn', validateInn);
  const ogrn = requisite('ogrn', validateOgrn);
  if (inn && ogrn && inn.holder !== ogrn.holder) error('ogrn', M.holderMismatch(inn.holder, ogrn.holder));
  const holder = inn?.holder ?? ogrn?.holder ?? null;

  let kpp: string | null = null;
  if (text(input.kpp)) {
    if (holder === 'individual') {
      error('kpp', M.kppForIndividual);
    } else {
      const result = validateKpp(input.kpp);
      if (result.ok) kpp = result.normalized;
      else error('kpp', result.message);
    }
  }

  const address = required('address', PARTNER_ADDRESS_MAX);
  const regionId = required('regionId', PARTNER_CONTACT_MAX);
  const districtId = required('districtId', PARTNER_CONTACT_MAX);
  const contactName = required('contactName', PARTNER_CONTACT_MAX);
  const contactPosition = text(input.contactPosition);
  if (contactPosition.length > PARTNER_CONTACT_MAX) error('contactPosition', M.tooLong(L.contactPosition, PARTNER_CONTACT_MAX));

  const email = text(input.contactEmail);
  if (!email) error('contactEmail', M.required(L.contactEmail));
  else if (email.length > PARTNER_EMAIL_MAX) error('contactEmail', M.tooLong(L.contactEmail, PARTNER_EMAIL_MAX));
  else if (!EMAIL.test(email)) error('contactEmail', M.invalidEmail(email));

  const phoneText = text(input.contactPhone);
  const phone = phoneText ? normalizePhoneRu(phoneText) : null;
  if (!phoneText) error('contactPhone', M.required(L.contactPhone));
  else if (phone === null) error('contactPhone', M.invalidPhone(phoneText));

  return {
    issues,
    value: {
      name,
      kind,
      inn: inn?.normalized ?? null,
      ogrn: ogrn?.normalized ?? null,
      kpp,
      holder,
      address,
      regionId,
      districtId,
      contactName,
      contactPosition: contactPosition || null,
      contactEmail: email.toLowerCase(),
      contactPhone: phone ?? phoneText,
    },
  };
}

/** Checks the sign-up form; messages name the field first («ИНН: контрольная сумма не сходится»). */
export function validatePartnerApplication(input: Partial<PartnerApplicationInput>): ValidationIssue[] {
  return check(input).issues;
}

/** The normalised application to store, or null while it has errors (see `validatePartnerApplication`). */
export function normalizePartnerApplication(input: Partial<PartnerApplicationInput>): PartnerApplication | null {
  const { issues, value } = check(input);
  return issues.some((issue) => issue.severity === 'error') ? null : value;
}

// ————— the contact person's consent (152-ФЗ) —————

/**
 * The consent the contact person gives on the public page: the page shows `text`, the API stores
 * the version, the moment and this very text with the application. A new wording gets a new version
 * (an application sent with an older one is refused: the page is reloaded and shows the new text).
 */
export const PARTNER_APPLICATION_CONSENT_RU = {
  version: 'partner-application-2026-11',
  text: 'Контактное лицо даёт согласие на обработку его персональных данных (ФИО, должность, эл. почта, телефон) органом управления образованием выбранного муниципалитета и оператором платформы «Наставник» для рассмотрения заявки и создания учётной записи администратора организации (152-ФЗ). Если заявка отклонена, данные удаляются по истечении срока хранения или раньше — по запросу.',
} as const;

/** Days a rejected application keeps the contact person's data (then they are erased, the requisites stay). */
export const PARTNER_APPLICANT_RETENTION_DAYS = 180;

export const PARTNER_CONSENT_MESSAGES_RU = {
  required: 'Согласие на обработку персональных данных: обязательно — контактное лицо должно дать согласие',
  outdated: 'Согласие на обработку персональных данных: текст согласия изменился — обновите страницу и подтвердите согласие ещё раз',
} as const;

/** Checks the consent part of a sign-up: `consent: true` and the current text's version. */
export function validatePartnerApplicationConsent(consent: unknown, textVersion: unknown): ValidationIssue[] {
  if (consent !== true && consent !== 'true' && consent !== 'yes') {
    return [{ field: 'consent', message: PARTNER_CONSENT_MESSAGES_RU.required, severity: 'error' }];
  }
  if (textVersion !== PARTNER_APPLICATION_CONSENT_RU.version) {
    return [{ field: 'consentTextVersion', message: PARTNER_CONSENT_MESSAGES_RU.outdated, severity: 'error' }];
  }
  return [];
}
