/**
 * Partner organisations in the admin (issue 6): the public sign-up form (REST `/partners/districts`,
 * `/partners/apply`, no token), the officers' review, the partner's mentor registry (CSV import over
 * REST with the token), agreements and the navigation. The checks are the domain's (check digits of
 * ИНН/ОГРН/КПП, agreement dates); the API checks again and its messages go beside the same fields.
 */
import {
  checkInput,
  checkPartnerMentorProfile,
  declineReasonSchema,
  issuesByField,
  isPartnerKind,
  PARTNER_APPLICATION_CONSENT_RU,
  PARTNER_KIND_LABELS_RU,
  PARTNER_KINDS,
  normalizeTag,
  parseTagText,
  rejectionReasonSchema,
  tagKey,
  validatePartnerAgreement,
  validatePartnerApplication,
  writeCsv,
  type PartnerApplicationInput,
  type PartnerMentorProfile,
} from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { attachmentErrorOf, AttachmentError } from './attachments';
import { classifyError, type AppError } from './errors';
import { fieldErrorsFor, type FormFailure } from './forms';
import { platformRoleOf, type GrantLike, type NavItem } from './access';
import { parseDateRu } from './roadmap/dates';
import type { Tone } from './roadmap/enums';
import type { FieldErrors } from './validation';

const P = () => ru.partnerPortal;

// ————— the public sign-up —————

export interface PublicDistrict {
  id: string;
  name: string;
  region: { id: string; name: string };
}

export type ApplicationField = keyof PartnerApplicationInput | 'consent';

export interface ApplicationDraft {
  name: string;
  kind: string;
  inn: string;
  ogrn: string;
  kpp: string;
  address: string;
  regionId: string;
  districtId: string;
  contactName: string;
  contactPosition: string;
  contactEmail: string;
  contactPhone: string;
  /** `yes` once the contact person's consent to the processing of their personal data is ticked. */
  consent: string;
}

export const emptyApplicationDraft = (): ApplicationDraft => ({
  name: '',
  kind: '',
  inn: '',
  ogrn: '',
  kpp: '',
  address: '',
  regionId: '',
  districtId: '',
  contactName: '',
  contactPosition: '',
  contactEmail: '',
  contactPhone: '',
  consent: '',
});

export const partnerKindOptions = () => PARTNER_KINDS.map((code) => ({ code, label: PARTNER_KIND_LABELS_RU[code] }));

/** The form checked with the domain's rules (check digits included), and the body for `/partners/apply`. */
export function validateApplicationDraft(draft: ApplicationDraft): {
  errors: FieldErrors<keyof ApplicationDraft>;
  values: PartnerApplicationInput | null;
} {
  const { consent, ...input } = draft;
  const errors: FieldErrors<keyof ApplicationDraft> = {};
  for (const issue of validatePartnerApplication({ ...input, kpp: input.kpp || null, contactPosition: input.contactPosition || null })) {
    const field = issue.field as keyof ApplicationDraft;
    if (issue.severity === 'error' && !errors[field]) errors[field] = issue.message;
  }
  if (consent !== 'yes') errors.consent = P().join.consentRequired;
  if (Object.keys(errors).length > 0) return { errors, values: null };
  return {
    errors,
    values: { ...input, kpp: input.kpp.trim() || null, contactPosition: input.contactPosition.trim() || null },
  };
}

/** Regions that have districts to apply to, by name. */
export function regionsOf(districts: readonly PublicDistrict[]): Array<{ id: string; name: string }> {
  const regions = new Map(districts.map((d) => [d.region.id, d.region]));
  return [...regions.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export function districtsOfRegion(districts: readonly PublicDistrict[], regionId: string): PublicDistrict[] {
  return districts.filter((d) => d.region.id === regionId).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** `GET /partners/districts`: where an organisation may apply. */
export async function fetchPartnerDistricts(fetchImpl: typeof fetch = fetch): Promise<PublicDistrict[]> {
  let response: Response;
  try {
    response = await fetchImpl('/partners/districts', { headers: { Accept: 'application/json' } });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as PublicDistrict[];
}

/** `POST /partners/apply`; the API's refusal (field and Russian message) is thrown as an AttachmentError. */
export async function submitApplication(values: PartnerApplicationInput, fetchImpl: typeof fetch = fetch): Promise<{ id: string; status: string }> {
  let response: Response;
  try {
    response = await fetchImpl('/partners/apply', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      // The form is sent only with the consent ticked; its version tells the API which text was shown.
      body: JSON.stringify({ ...values, consent: true, consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version }),
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(applyErrorOf(response.status, text));
  return JSON.parse(text) as { id: string; status: string };
}

/** The API's answer to a refused application → what the form shows (429: the limit, in Russian). */
export function applyErrorOf(status: number, bodyText: string) {
  const error = attachmentErrorOf(status, bodyText);
  const russian = /[а-яё]/i.test(bodyText);
  if (status === 413 && !russian) return { ...error, message: P().join.tooLarge };
  if (status === 429 && !russian) return { ...error, message: P().join.rateLimited };
  return error;
}

// ————— review —————

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export function applicationStatusOf(value: string | null): ApplicationStatus | '' {
  return (APPLICATION_STATUSES as readonly string[]).includes(value ?? '') ? (value as ApplicationStatus) : '';
}

export function applicationStatusLabel(status: string): string {
  return P().applicationStatus[status as ApplicationStatus] ?? status;
}

export function applicationTone(status: string): Tone {
  return status === 'approved' ? 'agreed' : status === 'rejected' ? 'returned' : 'review';
}

export function partnerKindLabel(code: string): string {
  return isPartnerKind(code) ? PARTNER_KIND_LABELS_RU[code] : code;
}

/**
 * A reason to reject an application (`rejection`) or to decline an agreement (`decline`) through the
 * domain's shared schema, which the API checks it with too: required, at most 2000 characters.
 */
export function checkReason(kind: 'rejection' | 'decline', text: string): { errors: { reason?: string }; values: { reason: string } | null } {
  const result = checkInput(kind === 'rejection' ? rejectionReasonSchema : declineReasonSchema, { reason: text });
  return { errors: issuesByField(result.issues), values: result.value };
}

// ————— the mentor registry —————

export interface MentorLike {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  position?: string | null;
  tags: readonly string[];
  archivedOn?: string | null;
}

/** A page of the registry filtered by a search over name, position and competences (the API returns the whole registry). */
export function mentorPage<T extends MentorLike>(mentors: readonly T[], search: string, offset: number, limit: number) {
  const words = search.trim().toLocaleLowerCase('ru').split(/\s+/).filter(Boolean);
  const matching = words.length
    ? mentors.filter((m) => {
        const text = [m.lastName, m.firstName, m.middleName ?? '', m.position ?? '', ...m.tags].join(' ').toLocaleLowerCase('ru');
        return words.every((w) => text.includes(w));
      })
    : [...mentors];
  const start = offset >= matching.length ? Math.max(0, Math.floor((matching.length - 1) / limit) * limit) : offset;
  return { items: matching.slice(start, start + limit), total: matching.length, limit, offset: start };
}

/** «программирование, робототехника; 3D» → distinct lower-case tags. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((t) => t.trim().toLocaleLowerCase('ru'))
        .filter(Boolean),
    ),
  ];
}

/** The tags of a comma-separated field, canonical (the shared catalogue's synonyms, case, «ё»). */
export const tagsOfText = (text: string): string[] => parseTagText(text);

/** Adds a tag to a comma-separated field, or removes it when it is there already (compared canonically). */
export function toggleTagInText(text: string, tag: string): string {
  const canonical = normalizeTag(tag);
  if (!canonical) return text;
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const key = tagKey(canonical);
  const kept = parts.filter((p) => tagKey(normalizeTag(p) ?? '') !== key);
  return (kept.length === parts.length ? [...parts, canonical] : kept).join(', ');
}

export interface MentorDraft {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  position: string;
  email: string;
  phone: string;
  tags: string;
  text: string;
  availability: string;
  capacity: string;
  consentText: string;
  consentDate: string;
  /** `yes`: the signed consent is on paper with the partner. */
  consent: string;
}

export const emptyMentorDraft = (today: string): MentorDraft => ({
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  position: '',
  email: '',
  phone: '',
  tags: '',
  text: '',
  availability: '',
  capacity: '1',
  consentText: '',
  consentDate: today.split('-').reverse().join('.'),
  consent: '',
});

/** The `createPartnerMentor` input: the domain's checked profile, its text as `text`, with the consent. */
export type MentorInputValues = Omit<PartnerMentorProfile, 'freeText'> & { text: string; consent: { textVersion: string; signedOn: string } };

/** What the form checks before sending (the API checks the rest: e-mail, phone, consent dates). */
export function validateMentorDraft(draft: MentorDraft): { errors: FieldErrors<keyof MentorDraft>; values: MentorInputValues | null } {
  const M = P().mentorForm;
  const errors: FieldErrors<keyof MentorDraft> = {};
  if (!draft.lastName.trim()) errors.lastName = M.required(M.lastName);
  if (!draft.firstName.trim()) errors.firstName = M.required(M.firstName);
  const birthDate = draft.birthDate.trim() ? parseDateRu(draft.birthDate) : null;
  if (draft.birthDate.trim() && !birthDate) errors.birthDate = M.invalidDate(M.birthDateShort);
  const capacity = Number(draft.capacity.trim() || '1');
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 30) errors.capacity = M.capacityRange;
  // The profile by the rules the API applies (lengths, e-mail, phone): every problem at once.
  const { issues } = checkPartnerMentorProfile({ ...draft, birthDate, tags: splitTags(draft.tags), capacity: Number.isInteger(capacity) ? capacity : 1 });
  for (const issue of issues) {
    const field = issue.field as keyof MentorDraft;
    if (field in draft && !errors[field]) errors[field] = issue.message;
  }
  if (!draft.consentText.trim()) errors.consentText = M.required(M.consentTextShort);
  const signedOn = parseDateRu(draft.consentDate);
  if (!signedOn) errors.consentDate = draft.consentDate.trim() ? M.invalidDate(M.consentDateShort) : M.required(M.consentDateShort);
  if (draft.consent !== 'yes') errors.consent = M.consentRequired;
  if (Object.keys(errors).length > 0) return { errors, values: null };
  const orNull = (v: string) => v.trim() || null;
  return {
    errors,
    values: {
      lastName: draft.lastName.trim(),
      firstName: draft.firstName.trim(),
      middleName: orNull(draft.middleName),
      birthDate,
      position: orNull(draft.position),
      email: orNull(draft.email),
      phone: orNull(draft.phone),
      tags: splitTags(draft.tags),
      text: draft.text.trim(),
      availability: draft.availability.trim(),
      capacity,
      consent: { textVersion: draft.consentText.trim(), signedOn: signedOn! },
    },
  };
}

/** The API's field of a mentor (`consent.signedOn`, …) → the form's field. */
export const MENTOR_FIELD_OF_API: Readonly<Record<string, keyof MentorDraft>> = {
  signedOn: 'consentDate',
  textVersion: 'consentText',
  validUntil: 'consentDate',
  scopes: 'consent',
};

/**
 * A failed submission → the form's messages: GraphQL errors and the REST endpoints' errors
 * (AttachmentError) alike; `rename` maps the API's field names onto the form's.
 */
export function failureOf<K extends string>(error: unknown, fields: readonly K[], rename: Readonly<Record<string, K>> = {}): FormFailure<K> {
  const appError = error instanceof AttachmentError ? error.appError : classifyError(error);
  const renamed: AppError = {
    ...appError,
    fieldErrors: Object.fromEntries(Object.entries(appError.fieldErrors).map(([key, message]) => [rename[key] ?? key, message])),
  };
  const fieldErrors = fieldErrorsFor(renamed, fields);
  return { fieldErrors, formError: Object.keys(fieldErrors).length > 0 ? ru.form.fixErrors : appError.message, appError };
}

/**
 * Columns of the registry's CSV, as the API reads them (apps/api MENTOR_CSV_COLUMNS: headers matched
 * case-insensitively; «Фамилия», «Имя» and both consent columns are required).
 */
export const MENTOR_CSV_HEADERS = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Должность',
  'Эл. почта',
  'Телефон',
  'Компетенции (теги через запятую)',
  'Описание компетенций',
  'Доступность',
  'Сколько наставляемых',
  'Согласие: версия текста',
  'Согласие: дата подписания',
] as const;

/** The template to fill in Excel: UTF-8 with BOM, «;», the header and one example row. */
export function mentorTemplateCsv(): string {
  const example = [
    'Кузнецов',
    'Олег',
    'Петрович',
    '1985-04-12',
    'Инженер-программист',
    'kuznetsov@example.ru',
    '+7 912 345-67-89',
    'программирование, робототехника',
    'Веду кружок робототехники',
    'вт, чт после 16:00',
    '2',
    'Согласие на обработку ПДн, ред. 1',
    '2025-10-01',
  ];
  return writeCsv([[...MENTOR_CSV_HEADERS], example]);
}

export interface MentorImportReport {
  total: number;
  imported: number;
  rows: Array<{ rowNumber: number; ok: boolean; mentorId: string | null; field: string | null; message: string | null }>;
}

/** Which files the import takes: the API reads an Excel book (.xlsx, the first sheet) or CSV (UTF-8, «;» or «,»). */
export function importFileProblem(file: { name: string; size: number }): string | null {
  if (!/\.(csv|xlsx)$/i.test(file.name)) return P().import.onlyCsv;
  if (file.size > 1024 * 1024) return P().import.tooLarge;
  if (file.size === 0) return P().import.empty;
  return null;
}

/** `POST /partners/mentors/import` with the token (the API tells XLSX from CSV by the content): the per-row report. */
export async function importMentorsFile(
  getToken: () => Promise<string>,
  file: Blob & { name?: string },
  fetchImpl: typeof fetch = fetch,
): Promise<MentorImportReport> {
  const csv = !file.name || /\.csv$/i.test(file.name);
  let response: Response;
  try {
    response = await fetchImpl('/partners/mentors/import', {
      method: 'POST',
      headers: { Authorization: `Bearer ${await getToken()}`, 'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as MentorImportReport;
}

// ————— agreements —————

export interface AgreementDraft {
  level: string;
  districtId: string;
  organizationId: string;
  subject: string;
  number: string;
  signedOn: string;
  periodStart: string;
  periodEnd: string;
}

export const emptyAgreementDraft = (): AgreementDraft => ({
  level: 'school',
  districtId: '',
  organizationId: '',
  subject: '',
  number: '',
  signedOn: '',
  periodStart: '',
  periodEnd: '',
});

export interface AgreementInputValues {
  level: 'school' | 'district';
  organizationId: string | null;
  districtId: string | null;
  subject: string;
  number: string | null;
  signedOn: string | null;
  periodStart: string;
  periodEnd: string | null;
}

/** Dates typed as ДД.ММ.ГГГГ, the party and the period checked with the domain's rules. */
export function validateAgreementDraft(draft: AgreementDraft): { errors: FieldErrors<keyof AgreementDraft>; values: AgreementInputValues | null } {
  const errors: FieldErrors<keyof AgreementDraft> = {};
  const A = P().agreementForm;
  const level = draft.level === 'district' ? 'district' : 'school';
  const date = (field: 'signedOn' | 'periodStart' | 'periodEnd', label: string) => {
    const text = draft[field].trim();
    if (!text) return null;
    const iso = parseDateRu(text);
    if (!iso) errors[field] = `${label}: некорректная дата (ДД.ММ.ГГГГ)`;
    return iso;
  };
  const signedOn = date('signedOn', A.signedOnShort);
  const periodStart = date('periodStart', A.periodStartShort);
  const periodEnd = date('periodEnd', A.periodEndShort);
  if (!draft.districtId) errors.districtId = A.required(A.district);
  const party =
    level === 'school' ? { level: 'school' as const, organizationId: draft.organizationId } : { level: 'district' as const, districtId: draft.districtId };
  for (const issue of validatePartnerAgreement({
    party,
    subject: draft.subject,
    number: draft.number.trim() || null,
    signedOn: signedOn as never,
    periodStart: (periodStart ?? (draft.periodStart.trim() ? '0000-00-00' : '')) as never,
    periodEnd: periodEnd as never,
  })) {
    if (issue.severity !== 'error') continue;
    const field: keyof AgreementDraft =
      issue.field === 'party' ? (level === 'school' ? 'organizationId' : 'districtId') : (issue.field as keyof AgreementDraft);
    if (!errors[field]) errors[field] = issue.message;
  }
  if (Object.keys(errors).length > 0) return { errors, values: null };
  return {
    errors,
    values: {
      level,
      organizationId: level === 'school' ? draft.organizationId : null,
      districtId: level === 'district' ? draft.districtId : null,
      subject: draft.subject.trim(),
      number: draft.number.trim() || null,
      signedOn,
      periodStart: periodStart!,
      periodEnd,
    },
  };
}

export function agreementTone(status: string): Tone {
  switch (status) {
    case 'active':
      return 'agreed';
    case 'proposed':
      return 'review';
    case 'declined':
      return 'returned';
    case 'notStarted':
      return 'progress';
    default:
      return 'muted';
  }
}

/** «01.09.2025 — 31.05.2026», «с 01.09.2025 бессрочно». */
export function agreementPeriodRu(start: string, end: string | null | undefined): string {
  const ruDate = (iso: string) => iso.split('-').reverse().join('.');
  return end ? `${ruDate(start)} — ${ruDate(end)}` : P().agreements.openEnded(ruDate(start));
}

/** The other party as a line: the school (and its district) or the whole district. */
export function agreementPartyName(agreement: { level: string; organization?: { shortName: string } | null; district?: { name: string } | null }): string {
  const district = agreement.district?.name ?? '';
  if (agreement.level === 'school') return [agreement.organization?.shortName ?? '', district].filter(Boolean).join(', ');
  return P().agreements.wholeDistrict(district);
}

// ————— who sees which screen —————

const hasRole = (grants: readonly GrantLike[], ...roles: string[]) => grants.some((g) => roles.includes(platformRoleOf(g.role) ?? ''));

export const canReviewApplications = (grants: readonly GrantLike[]) => hasRole(grants, 'district-officer', 'platform-admin');
export const canDecideAgreements = (grants: readonly GrantLike[]) => hasRole(grants, 'school-director', 'district-officer', 'platform-admin');
export const isPartnerAdmin = (grants: readonly GrantLike[]) => hasRole(grants, 'partner-admin');

export const partnerPaths = {
  applications: '/partners/applications',
  application: (id: string) => `/partners/applications/${encodeURIComponent(id)}`,
  agreements: '/partners/agreements',
  my: '/my-partner',
  myTab: (tab: PartnerTab) => `/my-partner?tab=${tab}`,
  newMentor: '/my-partner/mentors/new',
  importMentors: '/my-partner/mentors/import',
  newAgreement: '/my-partner/agreements/new',
} as const;

export type PartnerTab = 'mentors' | 'agreements' | 'placements';
export const PARTNER_TABS: readonly PartnerTab[] = ['mentors', 'agreements', 'placements'];
export const partnerTabOf = (value: string | null): PartnerTab => (PARTNER_TABS.includes(value as PartnerTab) ? (value as PartnerTab) : 'mentors');

/** What the partners' screens add to the left navigation (after the general items). */
export function partnerNavItems(grants: readonly GrantLike[], existing: readonly NavItem[] = []): NavItem[] {
  const items: NavItem[] = [];
  if (canReviewApplications(grants)) items.push({ key: 'partner-applications', label: ru.partnerPortal.nav.applications, to: partnerPaths.applications });
  if (canDecideAgreements(grants)) items.push({ key: 'partner-agreements', label: ru.partnerPortal.nav.agreements, to: partnerPaths.agreements });
  return items.filter((item) => !existing.some((e) => e.key === item.key || ('to' in e && 'to' in item && e.to === item.to)));
}

// ————— the signed agreement files (REST /partner-files, bearer token) —————

/** What a signed agreement may be (the API checks again, by content too). */
export const AGREEMENT_FILE_EXTENSIONS = ['pdf', 'docx', 'jpg', 'jpeg', 'png'] as const;
export const AGREEMENT_FILE_ACCEPT =
  '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png';

export interface AgreementFileCard {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
  uploadedBySide?: string;
}

export const agreementFilePaths = {
  upload: (agreementId: string, fileName: string) => `/partner-files/agreements/${encodeURIComponent(agreementId)}?${new URLSearchParams({ fileName })}`,
  download: (fileId: string) => `/partner-files/${encodeURIComponent(fileId)}`,
};

/** The file field's problem before sending (type by extension, emptiness), or null. */
export function agreementFileProblem(file: { name: string; size: number }): string | null {
  const F = P().agreementFiles;
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(AGREEMENT_FILE_EXTENSIONS as readonly string[]).includes(extension)) return F.badType;
  if (file.size === 0) return F.empty;
  return null;
}

/** `POST /partner-files/agreements/<id>?fileName=…` with the bytes; the API's Russian refusal as an AttachmentError. */
export async function uploadAgreementFile(
  getToken: () => Promise<string>,
  agreementId: string,
  file: Blob & { name: string },
  fetchImpl: typeof fetch = fetch,
): Promise<AgreementFileCard> {
  let response: Response;
  try {
    response = await fetchImpl(agreementFilePaths.upload(agreementId, file.name), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await getToken()}`, 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as AgreementFileCard;
}

/** May files still be added (proposed, or accepted and not over)? */
export const agreementOpenForFiles = (status: string) => status === 'proposed' || status === 'notStarted' || status === 'active';

/** «Подписанный экземпляр» uploaded by the partner, «от школы / муниципалитета» otherwise. */
export function agreementFileSideLabel(side: string | null | undefined): string {
  return side === 'counterpart' ? P().agreementFiles.fromCounterpart : P().agreementFiles.fromPartner;
}
