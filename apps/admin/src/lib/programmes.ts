/**
 * Programmes (issue 5) in the admin: paths, who gives consent by the date of birth, the participant
 * and programme forms' checks and inputs, the order's download address. Pure, so unit-tested.
 */
import { ageOn, checkInput, isMinor, programmeInputSchema, validateParticipant, type ParticipantCategory, type ProgrammeInputValues } from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { parseDateRu } from './roadmap/dates';
import type { FieldErrors } from './validation';

export type ProgrammeTab = 'mentees' | 'mentors' | 'matching' | 'pairs';
export const PROGRAMME_TABS: readonly ProgrammeTab[] = ['mentees', 'mentors', 'matching', 'pairs'];

export function programmeTabOf(value: string | null): ProgrammeTab {
  return PROGRAMME_TABS.includes(value as ProgrammeTab) ? (value as ProgrammeTab) : 'mentees';
}

export const programmePaths = {
  list: () => '/programmes',
  create: () => '/programmes/new',
  programme: (id: string, tab?: ProgrammeTab) => `/programmes/${encodeURIComponent(id)}${tab && tab !== 'mentees' ? `?tab=${tab}` : ''}`,
  newParticipant: (id: string, role: 'MENTOR' | 'MENTEE') => `/programmes/${encodeURIComponent(id)}/participants/new?role=${role}`,
  participant: (id: string, participantId: string) => `/programmes/${encodeURIComponent(id)}/participants/${encodeURIComponent(participantId)}`,
  importBase: (id: string, role: 'mentor' | 'mentee') => `/programmes/${encodeURIComponent(id)}/import?role=${role}`,
  pairsOrder: (id: string, number: string, dateIso: string) => {
    const query = new URLSearchParams();
    if (number.trim()) query.set('number', number.trim());
    if (dateIso) query.set('date', dateIso);
    const text = query.toString();
    return `/exports/programmes/${encodeURIComponent(id)}/pairs-order.docx${text ? `?${text}` : ''}`;
  },
};

/** «математика, олимпиады;  шахматы» → ['математика', 'олимпиады', 'шахматы']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Who gives the consent, as the form reads the date of birth typed so far. */
export type ConsentGiverView = { kind: 'self' } | { kind: 'representative'; age: number } | { kind: 'unknown' };

export function consentGiverFor(birthDateText: string, today: string): ConsentGiverView {
  const birth = parseDateRu(birthDateText);
  if (!birth) return birthDateText.trim() ? { kind: 'unknown' } : { kind: 'self' };
  const age = ageOn(birth, today);
  if (age === null) return { kind: 'unknown' };
  return isMinor(birth, today) ? { kind: 'representative', age } : { kind: 'self' };
}

/** ГГГГ-ММ-ДД plus whole months, the day kept within the month. */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface ProgrammeDraft {
  name: string;
  form: string;
  kind: string;
  periodStart: string;
  periodEnd: string;
  curatorName: string;
  targetGroups: string;
}

export type ProgrammeValues = ProgrammeInputValues;

function requireDate(text: string, key: string, errors: Record<string, string>): string {
  if (!text.trim()) {
    errors[key] = ru.programmes.requiredField;
    return '';
  }
  const iso = parseDateRu(text);
  if (!iso) errors[key] = ru.programmes.badDate;
  return iso ?? '';
}

/** The shared schema's fields → the form's (one select for the forms, one for the kinds). */
const PROGRAMME_FIELD_OF: Record<string, keyof ProgrammeDraft> = { forms: 'form', kinds: 'kind' };

/**
 * The programme form through the domain's shared schema (the API checks the same input with it):
 * every problem at once, in the API's words. Only a date typed in a wrong format is the form's own
 * message — the API never sees ДД.ММ.ГГГГ.
 */
export function validateProgramme(draft: ProgrammeDraft): { errors: FieldErrors<keyof ProgrammeDraft>; values: ProgrammeValues | null } {
  const typedDate = (text: string) => (text.trim() ? parseDateRu(text) : '');
  const periodStart = typedDate(draft.periodStart);
  const periodEnd = typedDate(draft.periodEnd);
  const result = checkInput(programmeInputSchema, {
    name: draft.name,
    forms: draft.form ? [draft.form] : [],
    kinds: draft.kind ? [draft.kind] : [],
    targetGroups: splitList(draft.targetGroups),
    periodStart: periodStart ?? '',
    periodEnd: periodEnd ?? '',
    curatorName: draft.curatorName,
  });
  const errors: FieldErrors<keyof ProgrammeDraft> = {};
  for (const issue of result.issues) errors[PROGRAMME_FIELD_OF[issue.field] ?? (issue.field as keyof ProgrammeDraft)] = issue.message;
  if (periodStart === null) errors.periodStart = ru.programmes.badDate;
  if (periodEnd === null) errors.periodEnd = ru.programmes.badDate;
  const ok = result.ok && periodStart !== null && periodEnd !== null;
  return { errors, values: ok ? result.value : null };
}

/** The participant form: the person, then the consent (their own or the representative's). */
export interface ParticipantDraft {
  role: string;
  lastName: string;
  firstName: string;
  middleName: string;
  category: string;
  birthDate: string;
  classOrPosition: string;
  tags: string;
  text: string;
  signedOn: string;
  textVersion: string;
  representativeName: string;
  representativeRelation: string;
  representativeDocument: string;
  /** Not typed: where the API's errors about the consent as a whole land. */
  givenBy: string;
  consents: string;
}

/**
 * The `CreateParticipantInput` for the draft (without `programmeId`). The person is checked here by
 * the domain's own rules (validateParticipant, as the API does), so every problem shows at once
 * beside its field; the consent rules stay the API's, its messages go beside the fields too.
 */
export function participantInput(draft: ParticipantDraft, today: string) {
  const errors: Record<string, string> = {};
  const birthDate = draft.birthDate.trim() ? parseDateRu(draft.birthDate) : null;
  if (draft.birthDate.trim() && !birthDate) errors.birthDate = ru.programmes.badDate;
  const role = draft.role === 'MENTOR' ? 'mentor' : 'mentee';
  const person = {
    lastName: draft.lastName,
    firstName: draft.firstName,
    middleName: draft.middleName,
    category: draft.category as ParticipantCategory,
    birthDate: draft.birthDate.trim() && !birthDate ? null : birthDate,
    classOrPosition: draft.classOrPosition,
    [role === 'mentor' ? 'competenceText' : 'requestText']: draft.text,
  };
  for (const issue of validateParticipant(person, { role, on: today })) {
    // The form's one free-text field is the mentor's competences or the mentee's request.
    const field = issue.field === 'competenceText' || issue.field === 'requestText' ? 'text' : issue.field;
    if (issue.severity === 'error' && field in draft && !(field in errors)) errors[field] = issue.message;
  }
  const signedOn = requireDate(draft.signedOn, 'signedOn', errors);
  if (Object.keys(errors).length > 0) return { errors: errors as FieldErrors<keyof ParticipantDraft>, values: null };
  const giver = consentGiverFor(draft.birthDate, today);
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const consent =
    giver.kind === 'representative'
      ? {
          givenBy: 'representative',
          representativeName: optional(draft.representativeName),
          representativeRelation: optional(draft.representativeRelation),
          representativeDocument: optional(draft.representativeDocument),
          signedOn,
          textVersion: draft.textVersion.trim(),
        }
      : { givenBy: 'self', signedOn, textVersion: draft.textVersion.trim() };
  return {
    errors: {} as FieldErrors<keyof ParticipantDraft>,
    values: {
      role: draft.role as 'MENTOR' | 'MENTEE',
      lastName: draft.lastName.trim(),
      firstName: draft.firstName.trim(),
      middleName: optional(draft.middleName),
      category: draft.category,
      birthDate,
      classOrPosition: optional(draft.classOrPosition),
      tags: splitList(draft.tags),
      text: optional(draft.text),
      consents: [consent],
    },
  };
}

/** The person as `updateParticipant` takes it, unchanged but for the login linked to them. */
export function participantDataWithUsername(
  person: {
    category: string;
    lastName?: string | null;
    firstName?: string | null;
    middleName?: string | null;
    birthDate?: string | null;
    classOrPosition?: string | null;
    email?: string | null;
    phone?: string | null;
    experienceYears?: number | null;
    specialGroups: readonly string[];
    tags: readonly string[];
    freeText: string;
    partnerId?: string | null;
  },
  username: string,
) {
  return {
    category: person.category,
    lastName: person.lastName ?? '',
    firstName: person.firstName ?? '',
    middleName: person.middleName ?? null,
    birthDate: person.birthDate ?? null,
    classOrPosition: person.classOrPosition ?? null,
    email: person.email ?? null,
    phone: person.phone ?? null,
    experienceYears: person.experienceYears ?? null,
    specialGroups: [...person.specialGroups],
    tags: [...person.tags],
    text: person.freeText || null,
    partnerId: person.partnerId ?? null,
    username: username.trim() || null,
  };
}

/** Another consent on the card: who gave it, for what, when. */
export interface ConsentDraft {
  givenBy: string;
  representativeName: string;
  representativeRelation: string;
  representativeDocument: string;
  /** Where the representative agreed to receive letters about the minor (with «связь по электронной почте»). */
  representativeEmail: string;
  signedOn: string;
  textVersion: string;
  /** Comma-separated scope codes (processing, publication, photo-video, contact-email). */
  scopes: string;
}

export function consentInputOf(draft: ConsentDraft) {
  const errors: Record<string, string> = {};
  const signedOn = requireDate(draft.signedOn, 'signedOn', errors);
  const scopes = splitList(draft.scopes);
  if (scopes.length === 0) errors.scopes = ru.programmes.requiredField;
  if (Object.keys(errors).length > 0) return { errors: errors as FieldErrors<keyof ConsentDraft>, values: null };
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const representative = draft.givenBy === 'representative';
  return {
    errors: {} as FieldErrors<keyof ConsentDraft>,
    values: {
      givenBy: representative ? 'representative' : 'self',
      representativeName: representative ? optional(draft.representativeName) : null,
      representativeRelation: representative ? optional(draft.representativeRelation) : null,
      representativeDocument: representative ? optional(draft.representativeDocument) : null,
      representativeEmail: representative ? optional(draft.representativeEmail) : null,
      signedOn,
      textVersion: draft.textVersion.trim(),
      scopes,
    },
  };
}
