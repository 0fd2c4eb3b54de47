import { formatDateRu } from '../dates.js';
import { isIsoDate, type IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';
import type { ParticipantCategory } from './catalog.js';
import { ageOn, mustTreatAsMinor, type Participant } from './participants.js';

/**
 * Consents to the processing of personal data (152-ФЗ). A person is stored only with a valid
 * consent: their own if adult; a legal representative's if a minor (one of several representatives
 * suffices to store). Every rule here is pure: the API keeps the records, the signed files and the
 * audit log, and asks these functions what is allowed.
 *
 * Decisions (the careful reading of the law):
 * - A minor's own signature alone is not enough; a representative's consent does not carry over
 *   once the person turns 18 — an adult signs for themself. (Adults under guardianship are out of
 *   the platform's scope.)
 * - A person without a valid date of birth in a category that may be a minor (pupil, student,
 *   graduate) is treated as a minor.
 * - Any withdrawal of processing — by the person or by any one of the representatives — stops
 *   processing until a consent signed on or after the withdrawal is recorded. Representatives have
 *   equal rights, and the operator must not go on against one's objection.
 * - A withdrawal of publication or photo/video only stops those uses; the person stays.
 */

export const CONSENT_SCOPES = ['processing', 'publication', 'photo-video', 'contact-email'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_SCOPE_LABELS_RU: Readonly<Record<ConsentScope, string>> = {
  processing: 'Обработка персональных данных',
  publication: 'Публикация материалов (кейсы, лучшие практики, сайт организации)',
  'photo-video': 'Фото- и видеосъёмка и публикация изображений',
  'contact-email': 'Связь по электронной почте (уведомления о паре и встречах, ссылки на анкеты)',
};

export const REPRESENTATIVE_RELATIONS = ['mother', 'father', 'adoptive-parent', 'guardian', 'trustee', 'institution'] as const;
export type RepresentativeRelation = (typeof REPRESENTATIVE_RELATIONS)[number];

export const REPRESENTATIVE_RELATION_LABELS_RU: Readonly<Record<RepresentativeRelation, string>> = {
  mother: 'Мать',
  father: 'Отец',
  'adoptive-parent': 'Усыновитель',
  guardian: 'Опекун',
  trustee: 'Попечитель',
  institution: 'Представитель организации для детей-сирот',
};

export type ConsentGiver =
  | { kind: 'self' }
  | {
      kind: 'representative';
      /** «Иванова Елена Петровна». */
      name: string;
      relation: RepresentativeRelation;
      /** The document proving the authority: «свидетельство о рождении IV-АР № 123456», a guardianship decision. */
      document: string;
      /** Where the representative agreed to be written to (with the `contact-email` scope): a minor's letters go here. */
      email?: string | null;
    };

export interface ConsentWithdrawal {
  /** `all` withdraws the consent entirely; withdrawing `processing` has the same effect. */
  scopes: 'all' | readonly ConsentScope[];
  on: IsoDate;
}

export interface ConsentRecord {
  id: string;
  personId: string;
  givenBy: ConsentGiver;
  scopes: readonly ConsentScope[];
  /** The version of the consent text signed («Согласие v3 от 01.09.2024»). */
  textVersion: string;
  signedOn: IsoDate;
  validUntil: IsoDate | null;
  /** The scan of the signed paper. */
  fileId: string | null;
  withdrawals: readonly ConsentWithdrawal[];
}

export type ConsentSubject = Pick<Participant, 'id' | 'category' | 'birthDate'> & { lastName?: string; firstName?: string };

export const CONSENT_MESSAGES_RU = {
  textVersionRequired: 'Версия текста согласия: поле обязательно',
  signedOnInvalid: 'Дата согласия: некорректная дата',
  signedInFuture: 'Дата согласия: дата ещё не наступила',
  validUntilBeforeSigned: 'Срок действия: не может закончиться раньше даты согласия',
  noScopes: 'Объём согласия: отметьте хотя бы обработку персональных данных',
  processingRequired: 'Объём согласия: публикация и съёмка возможны только вместе с согласием на обработку персональных данных',
  representativeName: 'Законный представитель: укажите ФИО',
  representativeDocument: 'Законный представитель: укажите документ, подтверждающий полномочия',
  noFile: 'Скан согласия: приложите подписанный документ',
  minorSelf: (age: number | null) => `Кто даёт согласие: участник несовершеннолетний${age === null ? '' : ` (${age})`} — согласие даёт законный представитель`,
  adultRepresentative: (age: number) => `Кто даёт согласие: участнику ${age} — согласие даёт он сам`,
  // Reasons of a refused decision.
  noConsent: 'Нет согласия на обработку персональных данных: запись участника не может быть сохранена',
  withdrawn: (on: IsoDate) => `Согласие отозвано ${formatDateRu(on)}: обработка персональных данных прекращена`,
  needsRepresentative: 'Участник несовершеннолетний: нужно согласие законного представителя',
  needsOwnConsent: 'Участнику исполнилось 18 лет: нужно его собственное согласие',
  expired: (on: IsoDate) => `Срок действия согласия истёк ${formatDateRu(on)}`,
  notYetSigned: 'Согласие датировано будущим числом и ещё не действует',
  noProcessingScope: 'Согласие не охватывает обработку персональных данных',
  noScope: (scope: ConsentScope) => `Нет согласия на «${CONSENT_SCOPE_LABELS_RU[scope].toLowerCase()}»`,
  scopeWithdrawn: (scope: ConsentScope, on: IsoDate) => `Согласие на «${CONSENT_SCOPE_LABELS_RU[scope].toLowerCase()}» отозвано ${formatDateRu(on)}`,
  unknownConsent: 'Согласие не найдено у этого участника',
  alreadyWithdrawn: 'Согласие уже отозвано',
} as const;

/** Checks a consent record as entered, for the person it concerns, at a date (usually today). */
export function validateConsent(consent: Partial<ConsentRecord>, person: ConsentSubject, on: IsoDate): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (field: string, message: string) => issues.push({ field, message, severity: 'error' });
  const M = CONSENT_MESSAGES_RU;
  if (!(consent.textVersion ?? '').trim()) error('textVersion', M.textVersionRequired);
  const signedOn = consent.signedOn;
  if (!isIsoDate(signedOn)) error('signedOn', M.signedOnInvalid);
  else if (signedOn > on) error('signedOn', M.signedInFuture);
  if (consent.validUntil != null && isIsoDate(signedOn) && (!isIsoDate(consent.validUntil) || consent.validUntil < signedOn)) {
    error('validUntil', M.validUntilBeforeSigned);
  }
  const scopes = consent.scopes ?? [];
  if (scopes.length === 0) error('scopes', M.noScopes);
  else if (!scopes.includes('processing')) error('scopes', M.processingRequired);

  const giver = consent.givenBy;
  const at = isIsoDate(signedOn) && signedOn <= on ? signedOn : on;
  const minor = mustTreatAsMinor(person, at);
  if (giver?.kind === 'representative') {
    if (!giver.name.trim()) error('givenBy.name', M.representativeName);
    if (!giver.document.trim()) error('givenBy.document', M.representativeDocument);
    if (!minor && person.birthDate) error('givenBy', M.adultRepresentative(ageOn(person.birthDate, at) ?? 18));
  } else if (giver?.kind === 'self' && minor) {
    error('givenBy', M.minorSelf(person.birthDate ? ageOn(person.birthDate, at) : null));
  }
  if (!consent.fileId) issues.push({ field: 'fileId', message: M.noFile, severity: 'warning' });
  return issues;
}

/** The scopes of a consent still in force at a date: signed, not expired, minus what was withdrawn. */
export function effectiveScopes(consent: ConsentRecord, on: IsoDate): ConsentScope[] {
  if (consent.signedOn > on || (consent.validUntil !== null && consent.validUntil < on)) return [];
  const withdrawn = new Set<ConsentScope>();
  for (const w of consent.withdrawals) {
    if (w.on > on) continue;
    for (const scope of w.scopes === 'all' ? CONSENT_SCOPES : w.scopes) withdrawn.add(scope);
  }
  if (withdrawn.has('processing')) return [];
  return consent.scopes.filter((s) => !withdrawn.has(s));
}

/** The latest withdrawal of a scope among all the person's consents, up to a date (processing counts for every scope). */
function latestWithdrawal(consents: readonly ConsentRecord[], scope: ConsentScope, on: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const c of consents) {
    for (const w of c.withdrawals) {
      if (w.on > on) continue;
      const scopes = w.scopes === 'all' ? CONSENT_SCOPES : w.scopes;
      if ((scopes.includes(scope) || scopes.includes('processing')) && (latest === null || w.on > latest)) latest = w.on;
    }
  }
  return latest;
}

export type ConsentRefusal =
  'no-consent' | 'withdrawn' | 'needs-representative' | 'needs-own-consent' | 'expired' | 'not-yet-signed' | 'no-processing-scope' | 'no-scope';

export type ConsentDecision = { allowed: true; basis: ConsentRecord[] } | { allowed: false; reason: ConsentRefusal; message: string };

function giverAcceptable(consent: ConsentRecord, minor: boolean): boolean {
  return minor ? consent.givenBy.kind === 'representative' : consent.givenBy.kind === 'self';
}

function decide(person: ConsentSubject, consents: readonly ConsentRecord[], scope: ConsentScope, on: IsoDate): ConsentDecision {
  const M = CONSENT_MESSAGES_RU;
  const own = consents.filter((c) => c.personId === person.id);
  if (own.length === 0) return { allowed: false, reason: 'no-consent', message: M.noConsent };
  const minor = mustTreatAsMinor(person, on);
  const processingStop = latestWithdrawal(own, 'processing', on);
  const scopeStop = scope === 'processing' ? processingStop : latestWithdrawal(own, scope, on);
  const basis = own.filter(
    (c) =>
      giverAcceptable(c, minor) &&
      effectiveScopes(c, on).includes('processing') &&
      effectiveScopes(c, on).includes(scope) &&
      (processingStop === null || c.signedOn >= processingStop) &&
      (scopeStop === null || c.signedOn >= scopeStop),
  );
  if (basis.length > 0) return { allowed: true, basis };

  // Why not: the most telling reason first.
  if (processingStop !== null) return { allowed: false, reason: 'withdrawn', message: M.withdrawn(processingStop) };
  const acceptable = own.filter((c) => giverAcceptable(c, minor));
  if (acceptable.length === 0) {
    return minor
      ? { allowed: false, reason: 'needs-representative', message: M.needsRepresentative }
      : { allowed: false, reason: 'needs-own-consent', message: M.needsOwnConsent };
  }
  const live = acceptable.filter((c) => c.signedOn <= on);
  if (live.length === 0) return { allowed: false, reason: 'not-yet-signed', message: M.notYetSigned };
  const current = live.filter((c) => c.validUntil === null || c.validUntil >= on);
  if (current.length === 0) {
    const lastEnd = live
      .map((c) => c.validUntil as IsoDate)
      .sort()
      .at(-1) as IsoDate;
    return { allowed: false, reason: 'expired', message: M.expired(lastEnd) };
  }
  if (!current.some((c) => effectiveScopes(c, on).includes('processing'))) {
    return { allowed: false, reason: 'no-processing-scope', message: M.noProcessingScope };
  }
  if (scopeStop !== null) return { allowed: false, reason: 'no-scope', message: M.scopeWithdrawn(scope, scopeStop) };
  return { allowed: false, reason: 'no-scope', message: M.noScope(scope) };
}

/** Whether the person's record may be stored (and processed) at a date. */
export function canStore(person: ConsentSubject, consents: readonly ConsentRecord[], on: IsoDate): ConsentDecision {
  return decide(person, consents, 'processing', on);
}

/**
 * Whether material naming or showing the person (a best-practice case, a photo on the school's
 * site) may be published at a date: storage must be allowed and a consent in force must cover the
 * scope.
 */
export function canPublish(
  person: ConsentSubject,
  consents: readonly ConsentRecord[],
  scope: Exclude<ConsentScope, 'processing'>,
  on: IsoDate,
): ConsentDecision {
  const storage = canStore(person, consents, on);
  if (!storage.allowed) return storage;
  return decide(person, consents, scope, on);
}

/** Where a person's letters go: their own address, or (a minor) the consenting representative's. */
export type EmailContact =
  { ok: true; address: string; audience: 'participant' | 'representative'; name: string | null } | { ok: false; reason: 'no-consent' | 'no-address' };

/**
 * Whom to write to about a person (issue 16), or why nobody: storage must be allowed and a consent in
 * force must cover `contact-email`. An adult gets letters at their own address; a minor never does —
 * the letters go to the representative who consented, at the address they gave with that consent.
 */
export function emailContact(person: ConsentSubject & { email?: string | null }, consents: readonly ConsentRecord[], on: IsoDate): EmailContact {
  const storage = canStore(person, consents, on);
  if (!storage.allowed) return { ok: false, reason: 'no-consent' };
  const decision = decide(person, consents, 'contact-email', on);
  if (!decision.allowed) return { ok: false, reason: 'no-consent' };
  if (!mustTreatAsMinor(person, on)) {
    const address = person.email?.trim();
    return address ? { ok: true, address, audience: 'participant', name: null } : { ok: false, reason: 'no-address' };
  }
  for (const consent of decision.basis) {
    const giver = consent.givenBy;
    const address = giver.kind === 'representative' ? giver.email?.trim() : '';
    if (giver.kind === 'representative' && address) return { ok: true, address, audience: 'representative', name: giver.name.trim() || null };
  }
  return { ok: false, reason: 'no-address' };
}

// ————— withdrawal and anonymisation —————

/**
 * Personal data erased on anonymisation: names, exact date of birth, contacts, class or position,
 * experience, special groups (health and social status, art. 10), and the free text and tags of
 * competences and requests (they often say more than they should).
 */
export const PERSONAL_DATA_FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'email',
  'phone',
  'classOrPosition',
  'experienceYears',
  'specialGroups',
  'competenceTags',
  'competenceText',
  'requestTags',
  'requestText',
] as const satisfies ReadonlyArray<keyof Participant>;
export type PersonalDataField = (typeof PERSONAL_DATA_FIELDS)[number];

/**
 * What statistics keep: the surrogate id (pairs, meetings and programme counts still add up), the
 * category, the organisation or partner, and an age band at the date of withdrawal. Not the year of
 * birth: with the school and the category it can single out a child in a small school, and the
 * federal counts need age groups only.
 */
export const STATISTICS_FIELDS = ['id', 'category', 'organizationId', 'partnerId', 'ageBand'] as const;

export const AGE_BANDS = ['under-10', '10-14', '15-19', '20-24', '25-34', '35-49', '50-plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS_RU: Readonly<Record<AgeBand, string>> = {
  'under-10': 'до 10 лет',
  '10-14': '10–14 лет',
  '15-19': '15–19 лет',
  '20-24': '20–24 года',
  '25-34': '25–34 года',
  '35-49': '35–49 лет',
  '50-plus': '50 лет и старше',
  unknown: 'возраст не указан',
};

export function ageBand(birthDate: IsoDate | null, on: IsoDate): AgeBand {
  const age = birthDate === null ? null : ageOn(birthDate, on);
  if (age === null) return 'unknown';
  if (age < 10) return 'under-10';
  if (age < 15) return '10-14';
  if (age < 20) return '15-19';
  if (age < 25) return '20-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  return '50-plus';
}

/** A person after withdrawal: nothing that identifies them, only what the statistics count. */
export interface AnonymizedParticipant {
  id: string;
  anonymized: true;
  anonymizedOn: IsoDate;
  category: ParticipantCategory;
  organizationId: string | null;
  partnerId: string | null;
  ageBand: AgeBand;
}

/** Shown instead of the name wherever an anonymised person appears (pairs, orders, reports). */
export const ANONYMIZED_NAME_RU = 'Участник (данные обезличены)';

/**
 * Builds the anonymised record field by field (never by copying the person), so a field added to
 * `Participant` later cannot leak into it.
 */
export function anonymize(person: Pick<Participant, 'id' | 'category' | 'birthDate' | 'organizationId' | 'partnerId'>, on: IsoDate): AnonymizedParticipant {
  return {
    id: person.id,
    anonymized: true,
    anonymizedOn: on,
    category: person.category,
    organizationId: person.organizationId,
    partnerId: person.partnerId,
    ageBand: ageBand(person.birthDate, on),
  };
}

/** For the audit log: the API adds who recorded the withdrawal and when. */
export interface ConsentWithdrawnEvent {
  type: 'consent-withdrawn';
  personId: string;
  consentId: string;
  scopes: ConsentScope[];
  on: IsoDate;
}

export type WithdrawalEffect =
  /** Processing stops: erase the personal data, keep the statistics, take down what was published. */
  | {
      kind: 'anonymize';
      erase: PersonalDataField[];
      keep: Array<(typeof STATISTICS_FIELDS)[number]>;
      anonymized: AnonymizedParticipant;
      unpublish: true;
      event: ConsentWithdrawnEvent;
    }
  /** Only publication or photo/video stop; the person stays, published materials are taken down. */
  | { kind: 'restrict'; stop: ConsentScope[]; unpublish: true; event: ConsentWithdrawnEvent }
  | { kind: 'none'; reason: 'unknown-consent' | 'already-withdrawn'; message: string };

/**
 * What a withdrawal does. Withdrawing processing (or everything) always anonymises — even if another
 * representative's consent remains (see the decisions at the top). Withdrawing publication or
 * photo/video only restricts. A scope no longer in force cannot be withdrawn twice.
 */
export function withdrawalEffect(
  person: Pick<Participant, 'id' | 'category' | 'birthDate' | 'organizationId' | 'partnerId'>,
  consents: readonly ConsentRecord[],
  withdrawal: { consentId: string } & ConsentWithdrawal,
): WithdrawalEffect {
  const consent = consents.find((c) => c.id === withdrawal.consentId && c.personId === person.id);
  if (!consent) return { kind: 'none', reason: 'unknown-consent', message: CONSENT_MESSAGES_RU.unknownConsent };
  const earlier = consent.withdrawals.filter((w) => w.on <= withdrawal.on);
  const gone = new Set<ConsentScope>(earlier.flatMap((w) => (w.scopes === 'all' ? CONSENT_SCOPES : w.scopes)));
  const live = gone.has('processing') ? [] : consent.scopes.filter((s) => !gone.has(s));
  const asked = withdrawal.scopes === 'all' || withdrawal.scopes.includes('processing') ? CONSENT_SCOPES : withdrawal.scopes;
  const stop = asked.filter((s) => live.includes(s));
  if (stop.length === 0) {
    return { kind: 'none', reason: 'already-withdrawn', message: CONSENT_MESSAGES_RU.alreadyWithdrawn };
  }
  const event: ConsentWithdrawnEvent = {
    type: 'consent-withdrawn',
    personId: person.id,
    consentId: consent.id,
    scopes: CONSENT_SCOPES.filter((s) => stop.includes(s)),
    on: withdrawal.on,
  };
  if (stop.includes('processing')) {
    return {
      kind: 'anonymize',
      erase: [...PERSONAL_DATA_FIELDS],
      keep: [...STATISTICS_FIELDS],
      anonymized: anonymize(person, withdrawal.on),
      unpublish: true,
      event,
    };
  }
  return { kind: 'restrict', stop: event.scopes, unpublish: true, event };
}
