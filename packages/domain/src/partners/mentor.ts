import { pluralRu } from '../plural.js';
import { normalizePhoneRu } from '../programmes/participants.js';
import { normalizeTags } from '../programmes/tags.js';
import type { ValidationIssue } from '../roadmap/model.js';

/** A partner's mentor as typed in the form or a CSV row (the consent is checked on its own). */
export interface PartnerMentorProfileInput {
  lastName?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  birthDate?: string | null;
  position?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: readonly (string | null | undefined)[] | null;
  text?: string | null;
  availability?: string | null;
  capacity?: number | null;
}

export interface PartnerMentorProfile {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  freeText: string;
  availability: string;
  capacity: number;
}

/** Longest values of a partner mentor's profile (the form shows them as counters while typing). */
export const PARTNER_MENTOR_LIMITS = { name: 100, position: 200, email: 255, text: 2000, availability: 500, tags: 30, capacityMax: 30 } as const;

export const PARTNER_MENTOR_MESSAGES_RU = {
  nameRequired: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} ${pluralRu(max, ['символа', 'символов', 'символов'])}`,
  capacity: `Сколько наставляемых: от 1 до ${PARTNER_MENTOR_LIMITS.capacityMax}`,
  invalidDate: (label: string) => `${label}: некорректная дата`,
  invalidPhone: (value: string) => `Телефон: некорректный номер «${value}»`,
  invalidEmail: (value: string) => `Эл. почта: некорректный адрес «${value}»`,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A partner mentor's profile checked and normalised, every problem at once (the API and the admin's
 * form read the same rules): names required, lengths, e-mail and phone shapes, capacity 1–30; tags
 * in the catalogue's spelling.
 */
export function checkPartnerMentorProfile(input: PartnerMentorProfileInput): { issues: ValidationIssue[]; profile: PartnerMentorProfile } {
  const M = PARTNER_MENTOR_MESSAGES_RU;
  const L = PARTNER_MENTOR_LIMITS;
  const issues: ValidationIssue[] = [];
  const error = (field: string, message: string) => issues.push({ field, message, severity: 'error' });
  const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');
  const lastName = text(input.lastName);
  const firstName = text(input.firstName);
  const middleName = text(input.middleName);
  for (const [field, label, value] of [
    ['lastName', 'Фамилия', lastName],
    ['firstName', 'Имя', firstName],
  ] as const) {
    if (!value) error(field, M.nameRequired(label));
    else if (value.length > L.name) error(field, M.tooLong(label, L.name));
  }
  if (middleName.length > L.name) error('middleName', M.tooLong('Отчество', L.name));
  const birthDate = text(input.birthDate) || null;
  if (birthDate && !ISO_DATE.test(birthDate)) error('birthDate', M.invalidDate('Дата рождения'));
  const position = text(input.position) || null;
  if (position && position.length > L.position) error('position', M.tooLong('Должность', L.position));
  const email = text(input.email).toLowerCase() || null;
  if (email && (!EMAIL.test(email) || email.length > L.email)) error('email', M.invalidEmail(email));
  const phoneText = text(input.phone);
  const phone = phoneText ? normalizePhoneRu(phoneText) : null;
  if (phoneText && !phone) error('phone', M.invalidPhone(phoneText));
  // Canonical tags of the shared catalogue (synonyms, case, «ё»): a school's requests meet them in matching.
  const tags = normalizeTags((input.tags ?? []).map((t) => text(t))).slice(0, L.tags);
  const freeText = (input.text ?? '').trim();
  if (freeText.length > L.text) error('text', M.tooLong('Компетенции', L.text));
  const availability = text(input.availability);
  if (availability.length > L.availability) error('availability', M.tooLong('Доступность', L.availability));
  const capacity = input.capacity ?? 1;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > L.capacityMax) error('capacity', M.capacity);
  return {
    issues,
    profile: { lastName, firstName, middleName: middleName || null, birthDate, position, email, phone, tags, freeText, availability, capacity },
  };
}
