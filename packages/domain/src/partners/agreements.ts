import { isIsoDate, type IsoDate } from '../roadmap/iso-date.js';
import type { ValidationIssue } from '../roadmap/model.js';

/**
 * Cooperation agreements (соглашения о сотрудничестве) between a partner and a school or a whole
 * district (issue 6). A partner proposes; the school director or the district officer accepts or
 * declines; an accepted agreement is in force from its first to its last day inclusive, or until it
 * is terminated early. While it is in force the partner's mentors appear in the mentor base of the
 * school (of every school of the district) for matching.
 */

export type AgreementDecision = 'proposed' | 'accepted' | 'declined';

/** The other party: one school, or a district (its education authority) for all its schools. */
export type AgreementParty = { level: 'school'; organizationId: string } | { level: 'district'; districtId: string };

export interface PartnerAgreement {
  partnerId: string;
  party: AgreementParty;
  decision: AgreementDecision;
  /** First day in force. */
  periodStart: IsoDate;
  /** Last day in force (inclusive); null for an agreement without an end date («бессрочно»). */
  periodEnd: IsoDate | null;
  /** Early termination (расторжение): the first day the agreement is no longer in force. */
  terminatedOn?: IsoDate | null;
}

export type AgreementStatus = 'proposed' | 'declined' | 'active' | 'expired' | 'notStarted';

export const AGREEMENT_STATUS_LABELS_RU: Readonly<Record<AgreementStatus, string>> = {
  proposed: 'Предложено',
  declined: 'Отклонено',
  notStarted: 'Не вступило в силу',
  active: 'Действует',
  expired: 'Прекратило действие',
};

type Dated = Pick<PartnerAgreement, 'decision' | 'periodStart' | 'periodEnd' | 'terminatedOn'>;

/**
 * Where an agreement stands on `today`. A proposal stays «proposed» whatever its dates (it was never
 * in force); an accepted one is «notStarted» before its first day, «active» through its last day
 * and «expired» after it or from the day of termination.
 */
export function agreementStatus(agreement: Dated, today: IsoDate): AgreementStatus {
  if (agreement.decision === 'declined') return 'declined';
  if (agreement.decision === 'proposed') return 'proposed';
  const terminatedOn = agreement.terminatedOn ?? null;
  if (terminatedOn !== null && today >= terminatedOn) return 'expired';
  if (agreement.periodEnd !== null && today > agreement.periodEnd) return 'expired';
  if (today < agreement.periodStart) return 'notStarted';
  return 'active';
}

export function isAgreementInForce(agreement: Dated, today: IsoDate): boolean {
  return agreementStatus(agreement, today) === 'active';
}

/** Whether an agreement's other party includes the school (directly, or through its district). */
export function agreementCovers(agreement: Pick<PartnerAgreement, 'party'>, school: { organizationId: string; districtId: string }): boolean {
  return agreement.party.level === 'school' ? agreement.party.organizationId === school.organizationId : agreement.party.districtId === school.districtId;
}

/** The partners whose mentors a school may match on `today`: those with an agreement in force covering it. */
export function partnersInForce(agreements: readonly PartnerAgreement[], school: { organizationId: string; districtId: string }, today: IsoDate): Set<string> {
  const partners = new Set<string>();
  for (const agreement of agreements) {
    if (agreementCovers(agreement, school) && isAgreementInForce(agreement, today)) partners.add(agreement.partnerId);
  }
  return partners;
}

// ————— the proposal as typed —————

export interface PartnerAgreementInput {
  party: AgreementParty | null;
  /** Предмет соглашения. */
  subject: string;
  /** № соглашения; may be assigned at signing. */
  number?: string | null;
  /** Дата заключения. */
  signedOn?: IsoDate | null;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
}

export const AGREEMENT_FIELD_LABELS_RU: Readonly<Record<keyof PartnerAgreementInput, string>> = {
  party: 'Сторона соглашения',
  subject: 'Предмет соглашения',
  number: 'Номер соглашения',
  signedOn: 'Дата заключения',
  periodStart: 'Начало действия',
  periodEnd: 'Окончание действия',
};

export const AGREEMENT_SUBJECT_MAX = 2000;
export const AGREEMENT_NUMBER_MAX = 100;

export const AGREEMENT_MESSAGES_RU = {
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  invalidDate: (label: string) => `${label}: некорректная дата`,
  endBeforeStart: 'Окончание действия: не раньше начала',
  signedAfterStart: 'Дата заключения: позже начала действия — проверьте даты',
} as const;

/** Checks a proposal; the end date is optional (an agreement «бессрочно»). */
export function validatePartnerAgreement(input: Partial<PartnerAgreementInput>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const L = AGREEMENT_FIELD_LABELS_RU;
  const M = AGREEMENT_MESSAGES_RU;
  const error = (field: keyof PartnerAgreementInput, message: string) => issues.push({ field, message, severity: 'error' });

  const party = input.party ?? null;
  const partyId = party === null ? '' : party.level === 'school' ? party.organizationId : party.districtId;
  if (typeof partyId !== 'string' || !partyId.trim()) error('party', M.required(L.party));

  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  if (!subject) error('subject', M.required(L.subject));
  else if (subject.length > AGREEMENT_SUBJECT_MAX) error('subject', M.tooLong(L.subject, AGREEMENT_SUBJECT_MAX));

  const number = typeof input.number === 'string' ? input.number.trim() : '';
  if (number.length > AGREEMENT_NUMBER_MAX) error('number', M.tooLong(L.number, AGREEMENT_NUMBER_MAX));

  const start = input.periodStart;
  if (!start) error('periodStart', M.required(L.periodStart));
  else if (!isIsoDate(start)) error('periodStart', M.invalidDate(L.periodStart));

  const end = input.periodEnd ?? null;
  if (end !== null && !isIsoDate(end)) error('periodEnd', M.invalidDate(L.periodEnd));
  else if (end !== null && isIsoDate(start) && end < start) error('periodEnd', M.endBeforeStart);

  const signedOn = input.signedOn ?? null;
  if (signedOn !== null && !isIsoDate(signedOn)) error('signedOn', M.invalidDate(L.signedOn));
  else if (signedOn !== null && isIsoDate(start) && signedOn > start) {
    issues.push({ field: 'signedOn', message: M.signedAfterStart, severity: 'warning' });
  }
  return issues;
}
