import { type ConsentRecord, type ConsentScope, type PlatformRole, type ValidationIssue, pluralRu } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import { badUserInputs, forbidden } from '../../engine/errors.js';
import type { PartnerMentorConsent } from './partner.entities.js';

// What the partner services (applications, mentors, agreements) share: messages, who acts for whom, validation.

export const PARTNER_MESSAGES_RU = {
  applicationNotFound: 'Заявка не найдена',
  applicationDecided: 'Заявка уже рассмотрена',
  regionUnknown: 'Регион: не найден',
  districtUnknown: 'Муниципальное образование: не найдено в выбранном регионе',
  duplicatePending: (name: string) => `ИНН: заявка организации с этим ИНН уже подана и ждёт рассмотрения («${name}»)`,
  duplicateOgrn: (name: string) => `ОГРН: организация с этим ОГРН уже зарегистрирована или подала заявку («${name}»)`,
  accountExists: 'Учётная запись администратора партнёра с таким логином уже существует',
  accountUnavailable: 'Не удалось создать учётную запись администратора партнёра: сервер входа недоступен. Заявка не одобрена — повторите позже',
  rateLimited: 'Слишком много заявок с этого адреса. Повторите попытку позже',
  notPartner: 'Доступно только администратору организации-партнёра',
  mentorNotFound: 'Наставник не найден',
  mentorArchived: 'Наставник уже в архиве',
  mentorNotArchived: 'Наставник не в архиве',
  invalidDate: (label: string) => `${label}: некорректная дата`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} ${pluralRu(max, ['символа', 'символов', 'символов'])}`,
  consentRequired: 'Согласие на обработку персональных данных: обязательно',
  agreementNotFound: 'Соглашение не найдено',
  agreementDecided: 'Соглашение уже рассмотрено',
  partyUnknown: 'Сторона соглашения: школа или муниципалитет не найдены',
  terminateNotActive: 'Расторгнуть можно только принятое соглашение',
  eraseNotRejected: 'Удалить персональные данные заявителя можно только у отклонённой заявки: у одобренной контактное лицо — администратор организации',
  eraseDone: 'Персональные данные заявителя уже удалены',
} as const;
const M = PARTNER_MESSAGES_RU;

/**
 * Throws the errors of a validation, all of them (the field prefixed, e.g. `consent.`): the first as
 * the message and `field`, every one in `fields`, so the form shows each beside its field at once.
 */
export const raise = (issues: ValidationIssue[], prefix = '') => {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw badUserInputs(errors.map((e) => ({ field: `${prefix}${e.field}`, message: e.message })));
};

const hasGrant = (actor: Actor, role: PlatformRole, test: (g: Actor['grants'][number]) => boolean = () => true) =>
  actor.grants.some((g) => g.role === role && test(g));

export const isPlatformAdmin = (actor: Actor) => hasGrant(actor, 'platform-admin');
/** The district officer of that district (the head is not enough: the officer reviews). */
export const isDistrictOfficer = (actor: Actor, districtId: string) => hasGrant(actor, 'district-officer', (g) => g.districtId === districtId);
export const isSchoolDirector = (actor: Actor, organizationId: string) => hasGrant(actor, 'school-director', (g) => g.organizationId === organizationId);

/** The one partner organisation of a partner admin; FORBIDDEN for anybody else. */
export function ownPartnerId(actor: Actor): string {
  const id = actor.grants.find((g) => g.role === 'partner-admin' && g.partnerId)?.partnerId;
  if (!id) throw forbidden(M.notPartner);
  return id;
}

export const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function toConsentRecord(c: PartnerMentorConsent): ConsentRecord {
  return {
    id: c.id,
    personId: c.mentorId,
    givenBy: { kind: 'self' },
    scopes: c.scopes as ConsentScope[],
    textVersion: c.textVersion,
    signedOn: c.signedOn as never,
    validUntil: (c.validUntil ?? null) as never,
    fileId: null,
    withdrawals: c.withdrawnOn ? [{ scopes: 'all', on: c.withdrawnOn as never }] : [],
  };
}
