import {
  agreementStatus,
  canStore,
  CONSENT_SCOPES,
  normalizePartnerApplication,
  normalizeTags,
  PARTNER_APPLICANT_RETENTION_DAYS,
  PARTNER_APPLICATION_CONSENT_RU,
  validatePartnerApplicationConsent,
  normalizePhoneRu,
  PARTNER_APPLICATION_MESSAGES_RU,
  SCHOOL_STAFF_ROLES,
  validateConsent,
  validatePartnerAgreement,
  validatePartnerApplication,
  type AgreementStatus,
  type ConsentRecord,
  type ConsentScope,
  type PartnerApplicationInput,
  type PlatformRole,
  type ValidationIssue,
} from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import type { Actor } from '../../engine/auth/actor.js';
import { District } from '../directory/district.entity.js';
import { PartnerKind } from '../directory/enums.js';
import { Organization } from '../directory/organization.entity.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { Region } from '../directory/region.entity.js';
import { PartnerAgreement, PartnerApplication, PartnerMentor, PartnerMentorConsent, PartnerPlacement } from './partner.entities.js';
import { ProvisioningError, temporaryPassword, type AccountProvisioner } from './provisioner.js';

export const PARTNER_MESSAGES_RU = {
  applicationNotFound: 'Заявка не найдена',
  applicationDecided: 'Заявка уже рассмотрена',
  regionUnknown: 'Регион: не найден',
  districtUnknown: 'Муниципальное образование: не найдено в выбранном регионе',
  duplicatePending: (name: string) => `ИНН: заявка организации с этим ИНН уже подана и ждёт рассмотрения («${name}»)`,
  duplicateOgrn: (name: string) => `ОГРН: организация с этим ОГРН уже зарегистрирована или подала заявку («${name}»)`,
  rejectReasonRequired: 'Причина отклонения: поле обязательно',
  accountExists: 'Учётная запись администратора партнёра с таким логином уже существует',
  accountUnavailable: 'Не удалось создать учётную запись администратора партнёра: сервер входа недоступен. Заявка не одобрена — повторите позже',
  rateLimited: 'Слишком много заявок с этого адреса. Повторите попытку позже',
  notPartner: 'Доступно только администратору организации-партнёра',
  mentorNotFound: 'Наставник не найден',
  mentorArchived: 'Наставник уже в архиве',
  mentorNotArchived: 'Наставник не в архиве',
  nameRequired: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  capacity: 'Сколько наставляемых: от 1 до 30',
  invalidDate: (label: string) => `${label}: некорректная дата`,
  invalidPhone: (value: string) => `Телефон: некорректный номер «${value}»`,
  invalidEmail: (value: string) => `Эл. почта: некорректный адрес «${value}»`,
  consentRequired: 'Согласие на обработку персональных данных: обязательно',
  agreementNotFound: 'Соглашение не найдено',
  agreementDecided: 'Соглашение уже рассмотрено',
  partyUnknown: 'Сторона соглашения: школа или муниципалитет не найдены',
  declineReasonRequired: 'Причина отказа: поле обязательно',
  terminateNotActive: 'Расторгнуть можно только принятое соглашение',
  eraseNotRejected: 'Удалить персональные данные заявителя можно только у отклонённой заявки: у одобренной контактное лицо — администратор организации',
  eraseDone: 'Персональные данные заявителя уже удалены',
} as const;
const M = PARTNER_MESSAGES_RU;

const KIND_TO_ENUM: Record<string, PartnerKind> = {
  enterprise: PartnerKind.ENTERPRISE,
  university: PartnerKind.UNIVERSITY,
  ngo: PartnerKind.NGO,
  'culture-sport': PartnerKind.CULTURE_SPORT,
  alumni: PartnerKind.ALUMNI,
  other: PartnerKind.OTHER,
};

const raise = (issues: ValidationIssue[], prefix = '') => {
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  if (first) throw badUserInput(`${prefix}${first.field}`, first.message, { issues: errors });
};

const hasGrant = (actor: Actor, role: PlatformRole, test: (g: Actor['grants'][number]) => boolean = () => true) =>
  actor.grants.some((g) => g.role === role && test(g));

export const isPlatformAdmin = (actor: Actor) => hasGrant(actor, 'platform-admin');
/** The district officer of that district (the head is not enough: the officer reviews). */
export const isDistrictOfficer = (actor: Actor, districtId: string) => hasGrant(actor, 'district-officer', (g) => g.districtId === districtId);
export const isSchoolDirector = (actor: Actor, organizationId: string) =>
  hasGrant(actor, 'school-director', (g) => g.organizationId === organizationId);

/** The one partner organisation of a partner admin; FORBIDDEN for anybody else. */
export function ownPartnerId(actor: Actor): string {
  const id = actor.grants.find((g) => g.role === 'partner-admin' && g.partnerId)?.partnerId;
  if (!id) throw forbidden(M.notPartner);
  return id;
}

export interface ApprovalResult {
  application: PartnerApplication;
  partner: PartnerOrganization;
  username: string;
  temporaryPassword: string;
}

export interface MentorInput {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  position?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[] | null;
  text?: string | null;
  availability?: string | null;
  capacity?: number | null;
  consent?: { scopes?: string[] | null; textVersion: string; signedOn: string; validUntil?: string | null } | null;
}

export interface AgreementInput {
  level: 'school' | 'district';
  organizationId?: string | null;
  districtId?: string | null;
  subject: string;
  number?: string | null;
  signedOn?: string | null;
  periodStart: string;
  periodEnd?: string | null;
}

export interface PlacementView {
  mentorId: string;
  mentorName: string;
  partnerId: string;
  districtName: string;
  organizationId: string;
  schoolName: string;
  programmeName: string;
  activePairs: number;
  completedPairs: number;
  mentees: number;
  meetings: number;
  agreementInForce: boolean;
}

export interface MentorImportRow {
  rowNumber: number;
  ok: boolean;
  mentorId: string | null;
  field: string | null;
  message: string | null;
}

type MentorCsvKey =
  | 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'position' | 'email' | 'phone'
  | 'tags' | 'text' | 'availability' | 'capacity' | 'consentText' | 'consentDate';

/** The columns of the registry's CSV (headers in Russian, matched case-insensitively). */
export const MENTOR_CSV_COLUMNS: ReadonlyArray<{ key: MentorCsvKey; header: string; required: boolean }> = [
  { key: 'lastName', header: 'Фамилия', required: true },
  { key: 'firstName', header: 'Имя', required: true },
  { key: 'middleName', header: 'Отчество', required: false },
  { key: 'birthDate', header: 'Дата рождения', required: false },
  { key: 'position', header: 'Должность', required: false },
  { key: 'email', header: 'Эл. почта', required: false },
  { key: 'phone', header: 'Телефон', required: false },
  { key: 'tags', header: 'Компетенции (теги через запятую)', required: false },
  { key: 'text', header: 'Описание компетенций', required: false },
  { key: 'availability', header: 'Доступность', required: false },
  { key: 'capacity', header: 'Сколько наставляемых', required: false },
  { key: 'consentText', header: 'Согласие: версия текста', required: true },
  { key: 'consentDate', header: 'Согласие: дата подписания', required: true },
];

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Sign-up, approval, the partner's mentor registry, agreements and placements (core schema). */
export class PartnerPortalService {
  constructor(
    private readonly clock: Clock,
    private readonly provisioner: AccountProvisioner,
  ) {}

  // ————— sign-up (public) —————

  async apply(
    em: EntityManager,
    input: Partial<PartnerApplicationInput>,
    /**
     * Counts the application against the client's limit (the route's, per address, shared by the
     * replicas) and throws when it is over: called once the form is valid, just before anything is
     * written, so that a corrected form does not cost the applicant another attempt.
     */
    admit: () => Promise<void>,
    consent: { given: unknown; textVersion: unknown } = { given: undefined, textVersion: undefined },
  ): Promise<PartnerApplication> {
    raise([...validatePartnerApplication(input), ...validatePartnerApplicationConsent(consent.given, consent.textVersion)]);
    const value = normalizePartnerApplication(input)!;
    if (!isUuid(value.regionId) || !(await em.findOne(Region, { id: value.regionId }))) throw badUserInput('regionId', M.regionUnknown);
    if (!isUuid(value.districtId) || !(await em.findOne(District, { id: value.districtId, region: value.regionId }))) {
      throw badUserInput('districtId', M.districtUnknown);
    }
    await admit();
    const application = new PartnerApplication();
    Object.assign(application, {
      status: 'pending',
      name: value.name,
      kind: value.kind,
      inn: value.inn,
      ogrn: value.ogrn,
      kpp: value.kpp,
      address: value.address,
      regionId: value.regionId,
      districtId: value.districtId,
      contactName: value.contactName,
      contactPosition: value.contactPosition,
      contactEmail: value.contactEmail,
      contactPhone: value.contactPhone,
      consentGivenAt: this.clock.now(),
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
      consentText: PARTNER_APPLICATION_CONSENT_RU.text,
      createdAt: this.clock.now(),
    });
    await em.transactional(async (tx) => {
      // Serialise sign-ups of the same numbers: the duplicate check and the insert are one step.
      for (const key of [value.inn, value.ogrn].filter(Boolean)) {
        await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`partner-application:${key}`]);
      }
      if (value.inn) {
        const same = await tx.findOne(PartnerApplication, { inn: value.inn, status: { $in: ['pending', 'approved'] } });
        if (same) {
          throw badUserInput('inn', same.status === 'approved' ? PARTNER_APPLICATION_MESSAGES_RU.duplicateInn(same.name) : M.duplicatePending(same.name), {
            reason: 'DUPLICATE',
          });
        }
      }
      if (value.ogrn) {
        const same = await tx.findOne(PartnerApplication, { ogrn: value.ogrn, status: { $in: ['pending', 'approved'] } });
        if (same) throw badUserInput('ogrn', M.duplicateOgrn(same.name), { reason: 'DUPLICATE' });
      }
      tx.persist(application);
      await tx.flush();
    });
    return application;
  }

  // ————— review (district officer of that district, platform admin) —————

  private canReview(actor: Actor, districtId: string) {
    return isPlatformAdmin(actor) || isDistrictOfficer(actor, districtId);
  }

  async applications({ actor, em }: ServiceContext, status?: string | null): Promise<PartnerApplication[]> {
    const districtIds = [...new Set(actor.grants.filter((g) => g.role === 'district-officer' && g.districtId).map((g) => g.districtId!))];
    if (!isPlatformAdmin(actor) && districtIds.length === 0) throw forbidden();
    return em.find(
      PartnerApplication,
      {
        ...(isPlatformAdmin(actor) ? {} : { districtId: { $in: districtIds } }),
        ...(status ? { status: status as PartnerApplication['status'] } : {}),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 500 },
    );
  }

  private async reviewable(ctx: ServiceContext, id: string): Promise<PartnerApplication> {
    const application = isUuid(id) ? await ctx.em.findOne(PartnerApplication, { id }) : null;
    // An application of another district is not even visible: NOT_FOUND unless the actor reviews something.
    if (!application) throw notFound(M.applicationNotFound);
    if (!this.canReview(ctx.actor, application.districtId)) throw forbidden();
    if (application.status !== 'pending') throw conflict(M.applicationDecided, 'STATE');
    return application;
  }

  async approve(ctx: ServiceContext, id: string): Promise<ApprovalResult> {
    const application = await this.reviewable(ctx, id);
    const code = application.inn ? `p${application.inn}` : `p-${application.id.slice(-12)}`;
    const username = `${code}.admin`;
    const password = temporaryPassword();
    const decidedBy = ctx.actor.displayName || ctx.actor.username;
    let partner!: PartnerOrganization;
    await ctx.em.transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        PartnerApplication,
        { id: application.id, status: 'pending' },
        { status: 'approved', decidedAt: this.clock.now(), decidedByName: decidedBy },
      );
      if (claimed === 0) throw conflict(M.applicationDecided, 'STATE');
      partner = tx.create(PartnerOrganization, {
        code,
        name: application.name,
        kind: KIND_TO_ENUM[application.kind] ?? PartnerKind.OTHER,
        region: tx.getReference(Region, application.regionId),
      });
      await tx.flush();
      await tx.nativeUpdate(PartnerApplication, { id: application.id }, { partnerId: partner.id, adminUsername: username });
      // Last, so that a failure of the identity provider rolls the approval back.
      try {
        await this.provisioner.createPartnerAdmin({
          username,
          email: application.contactEmail,
          name: application.contactName,
          partnerCode: code,
          partnerName: application.name,
          temporaryPassword: password,
        });
      } catch (error) {
        currentLogger(silentLogger()).error({ err: error, username }, 'partner admin account not created');
        if (error instanceof ProvisioningError && error.reason === 'USERNAME_TAKEN') throw conflict(M.accountExists, 'STATE');
        throw new AppError('CONFLICT', M.accountUnavailable, { reason: 'STATE', cause: 'IDENTITY_PROVIDER' });
      }
    });
    ctx.em.clear();
    const saved = await ctx.em.findOneOrFail(PartnerApplication, { id: application.id });
    return { application: saved, partner, username, temporaryPassword: password };
  }

  async reject(ctx: ServiceContext, id: string, reason: string): Promise<PartnerApplication> {
    const text = (reason ?? '').trim();
    if (!text) throw badUserInput('reason', M.rejectReasonRequired);
    if (text.length > 2000) throw badUserInput('reason', M.tooLong('Причина отклонения', 2000));
    const application = await this.reviewable(ctx, id);
    Object.assign(application, {
      status: 'rejected',
      rejectReason: text,
      decidedAt: this.clock.now(),
      decidedByName: ctx.actor.displayName || ctx.actor.username,
    });
    await ctx.em.flush();
    return application;
  }

  // ————— the applicant's personal data (152-ФЗ): erased once a rejected application is kept long enough —————

  /** The contact person's data of a rejected application: gone; the organisation's requisites and the decision stay. */
  private static readonly ERASED = { contactName: '', contactPosition: null, contactEmail: '', contactPhone: '' } as const;

  /**
   * Erases the contact person's data of applications rejected more than PARTNER_APPLICANT_RETENTION_DAYS
   * ago: the daily job `partners.erase-expired-applicants` (partners/jobs.ts).
   */
  async eraseExpiredApplicants(em: EntityManager): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - PARTNER_APPLICANT_RETENTION_DAYS * 24 * 3600 * 1000);
    const erased = await em.nativeUpdate(
      PartnerApplication,
      { status: 'rejected', personalDataErasedAt: null, decidedAt: { $lt: cutoff } },
      { ...PartnerPortalService.ERASED, personalDataErasedAt: this.clock.now(), personalDataErasedByName: null },
    );
    if (erased > 0) currentLogger(silentLogger()).info({ erased }, 'partner applicants personal data erased after the retention period');
    return erased;
  }

  /** «Удалить персональные данные заявителя»: on request, by the officer of its district (or the platform admin). */
  async eraseApplicant(ctx: ServiceContext, id: string): Promise<PartnerApplication> {
    const application = isUuid(id) ? await ctx.em.findOne(PartnerApplication, { id }) : null;
    if (!application) throw notFound(M.applicationNotFound);
    if (!this.canReview(ctx.actor, application.districtId)) throw forbidden();
    if (application.status !== 'rejected') throw conflict(M.eraseNotRejected, 'STATE');
    if (application.personalDataErasedAt) throw conflict(M.eraseDone, 'STATE');
    Object.assign(application, PartnerPortalService.ERASED, {
      personalDataErasedAt: this.clock.now(),
      personalDataErasedByName: ctx.actor.displayName || ctx.actor.username,
    });
    await ctx.em.flush();
    currentLogger(silentLogger()).info({ applicationId: application.id, by: ctx.actor.username }, 'partner applicant personal data erased on request');
    return application;
  }

  // ————— the partner's own card and mentor registry —————

  async myPartner({ actor, em }: ServiceContext): Promise<PartnerOrganization> {
    return em.findOneOrFail(PartnerOrganization, { id: ownPartnerId(actor) });
  }

  async mentors({ actor, em }: ServiceContext, includeArchived = false): Promise<PartnerMentor[]> {
    const partnerId = ownPartnerId(actor);
    return em.find(PartnerMentor, { partnerId, ...(includeArchived ? {} : { archivedOn: null }) }, { orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' } });
  }

  async mentorConsents(em: EntityManager, mentorId: string): Promise<PartnerMentorConsent[]> {
    return em.find(PartnerMentorConsent, { mentorId }, { orderBy: { createdAt: 'asc' } });
  }

  private mentorData(input: MentorInput) {
    const issues: ValidationIssue[] = [];
    const error = (field: string, message: string) => issues.push({ field, message, severity: 'error' });
    const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');
    const lastName = text(input.lastName);
    const firstName = text(input.firstName);
    const middleName = text(input.middleName);
    for (const [field, label, value, max] of [
      ['lastName', 'Фамилия', lastName, 100],
      ['firstName', 'Имя', firstName, 100],
    ] as const) {
      if (!value) error(field, M.nameRequired(label));
      else if (value.length > max) error(field, M.tooLong(label, max));
    }
    if (middleName.length > 100) error('middleName', M.tooLong('Отчество', 100));
    const birthDate = text(input.birthDate) || null;
    if (birthDate && !ISO.test(birthDate)) error('birthDate', M.invalidDate('Дата рождения'));
    const position = text(input.position) || null;
    if (position && position.length > 200) error('position', M.tooLong('Должность', 200));
    const email = text(input.email).toLowerCase() || null;
    if (email && (!EMAIL.test(email) || email.length > 255)) error('email', M.invalidEmail(email));
    const phoneText = text(input.phone);
    const phone = phoneText ? normalizePhoneRu(phoneText) : null;
    if (phoneText && !phone) error('phone', M.invalidPhone(phoneText));
    // Canonical tags of the shared catalogue (synonyms, case, «ё»): a school's requests meet them in matching.
    const tags = normalizeTags((input.tags ?? []).map((t) => text(t))).slice(0, 30);
    const freeText = (input.text ?? '').trim();
    if (freeText.length > 2000) error('text', M.tooLong('Компетенции', 2000));
    const availability = text(input.availability);
    if (availability.length > 500) error('availability', M.tooLong('Доступность', 500));
    const capacity = input.capacity ?? 1;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 30) error('capacity', M.capacity);
    raise(issues);
    return { lastName, firstName, middleName: middleName || null, birthDate, position, email, phone, tags, freeText, availability, capacity };
  }

  /** A mentor with their own consent (an adult: the participants' rules, category partner-employee). */
  async createMentor(ctx: ServiceContext, input: MentorInput): Promise<PartnerMentor> {
    const partnerId = ownPartnerId(ctx.actor);
    const data = this.mentorData(input);
    const today = this.clock.today();
    if (!input.consent) throw badUserInput('consent', M.consentRequired);
    const mentor = new PartnerMentor();
    Object.assign(mentor, data, { partnerId, createdAt: this.clock.now() });
    const consent = new PartnerMentorConsent();
    const scopes = (input.consent.scopes?.length ? input.consent.scopes : ['processing']).map((s) => s.trim());
    Object.assign(consent, {
      mentorId: mentor.id,
      scopes,
      textVersion: (input.consent.textVersion ?? '').trim(),
      signedOn: (input.consent.signedOn ?? '').trim(),
      validUntil: input.consent.validUntil?.trim() || null,
      recordedByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
    });
    const person = { id: mentor.id, category: 'partner-employee' as const, birthDate: data.birthDate, lastName: data.lastName, firstName: data.firstName };
    const record = toConsentRecord(consent);
    const unknownScope = scopes.find((s) => !(CONSENT_SCOPES as readonly string[]).includes(s));
    if (unknownScope) throw badUserInput('consent.scopes', `Согласие: неизвестная область «${unknownScope}»`);
    raise(validateConsent(record, person, today), 'consent.');
    const decision = canStore(person, [record], today);
    if (!decision.allowed) throw badUserInput('consent', decision.message, { reason: decision.reason });
    await ctx.em.transactional(async (tx) => {
      tx.persist(mentor);
      tx.persist(consent);
      await tx.flush();
    });
    return mentor;
  }

  private async ownMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const partnerId = ownPartnerId(ctx.actor);
    const mentor = isUuid(id) ? await ctx.em.findOne(PartnerMentor, { id, partnerId }) : null;
    if (!mentor) throw notFound(M.mentorNotFound);
    return mentor;
  }

  async archiveMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const mentor = await this.ownMentor(ctx, id);
    if (mentor.archivedOn) throw conflict(M.mentorArchived, 'STATE');
    mentor.archivedOn = this.clock.today();
    await ctx.em.flush();
    return mentor;
  }

  /** Back from the archive: offered to schools again. */
  async restoreMentor(ctx: ServiceContext, id: string): Promise<PartnerMentor> {
    const mentor = await this.ownMentor(ctx, id);
    if (!mentor.archivedOn) throw conflict(M.mentorNotArchived, 'STATE');
    mentor.archivedOn = null;
    await ctx.em.flush();
    return mentor;
  }

  /** Schools of a district a partner admin may propose an agreement to (directory entries only). */
  async schoolsOf({ actor, em }: ServiceContext, districtId: string): Promise<Organization[]> {
    ownPartnerId(actor);
    if (!isUuid(districtId)) throw badUserInput('districtId', M.partyUnknown);
    return em.find(Organization, { district: districtId }, { orderBy: { shortName: 'asc', id: 'asc' }, limit: 2000 });
  }

  /**
   * CSV import of the registry (UTF-8, «;» or «,», a header row, columns by header name — see
   * MENTOR_CSV_COLUMNS): each row is created like `createMentor`, in its own transaction; a bad row
   * is reported with its field and message and does not stop the others. At most 500 rows.
   */
  async importMentors(ctx: ServiceContext, table: string[][]): Promise<{ total: number; imported: number; rows: MentorImportRow[] }> {
    ownPartnerId(ctx.actor);
    const [header = [], ...data] = table.filter((r) => r.some((c) => c.trim() !== ''));
    const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
    const missing = MENTOR_CSV_COLUMNS.filter((c) => c.required && !index.has(c.header.toLowerCase()));
    if (missing.length > 0) throw badUserInput('file', `Нет обязательных столбцов: ${missing.map((c) => `«${c.header}»`).join(', ')}`);
    if (data.length > 500) throw badUserInput('file', 'Не более 500 строк за один раз');
    const rows: MentorImportRow[] = [];
    for (const [i, row] of data.entries()) {
      const cell = (key: MentorCsvKey) => {
        const column = MENTOR_CSV_COLUMNS.find((c) => c.key === key)!;
        const at = index.get(column.header.toLowerCase());
        return at === undefined ? '' : (row[at] ?? '').trim();
      };
      const capacity = cell('capacity');
      const input: MentorInput = {
        lastName: cell('lastName'),
        firstName: cell('firstName'),
        middleName: cell('middleName') || null,
        birthDate: cell('birthDate') || null,
        position: cell('position') || null,
        email: cell('email') || null,
        phone: cell('phone') || null,
        tags: cell('tags').split(/[,;]/).map((t) => t.trim()).filter(Boolean),
        text: cell('text'),
        availability: cell('availability'),
        capacity: capacity ? Number(capacity) : 1,
        consent: { textVersion: cell('consentText'), signedOn: cell('consentDate') },
      };
      try {
        const mentor = await this.createMentor(ctx, input);
        rows.push({ rowNumber: i + 2, ok: true, mentorId: mentor.id, field: null, message: null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        rows.push({ rowNumber: i + 2, ok: false, mentorId: null, field: String(error.extensions.field ?? ''), message: error.message });
      }
    }
    return { total: rows.length, imported: rows.filter((r) => r.ok).length, rows };
  }

  // ————— agreements —————

  async propose(ctx: ServiceContext, input: AgreementInput): Promise<PartnerAgreement> {
    const partnerId = ownPartnerId(ctx.actor);
    const level = input.level;
    const party =
      level === 'school'
        ? { level: 'school' as const, organizationId: input.organizationId ?? '' }
        : { level: 'district' as const, districtId: input.districtId ?? '' };
    raise(
      validatePartnerAgreement({
        party,
        subject: input.subject,
        number: input.number ?? null,
        signedOn: input.signedOn?.trim() || null,
        periodStart: input.periodStart?.trim() as never,
        periodEnd: (input.periodEnd?.trim() || null) as never,
      }).map((i) => (i.field === 'party' ? { ...i, field: level === 'school' ? 'organizationId' : 'districtId' } : i)),
    );
    let districtId: string;
    let organizationId: string | null = null;
    if (level === 'school') {
      const organization = isUuid(party.organizationId as string) ? await ctx.em.findOne(Organization, { id: input.organizationId! }) : null;
      if (!organization) throw badUserInput('organizationId', M.partyUnknown);
      districtId = organization.district.id;
      organizationId = organization.id;
    } else {
      const district = isUuid(input.districtId ?? '') ? await ctx.em.findOne(District, { id: input.districtId! }) : null;
      if (!district) throw badUserInput('districtId', M.partyUnknown);
      districtId = district.id;
    }
    const agreement = ctx.em.create(PartnerAgreement, {
      partnerId,
      level,
      districtId,
      organizationId,
      subject: input.subject.trim(),
      number: input.number?.trim() || null,
      signedOn: input.signedOn?.trim() || null,
      periodStart: input.periodStart.trim(),
      periodEnd: input.periodEnd?.trim() || null,
      decision: 'proposed',
      proposedByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
    });
    await ctx.em.flush();
    return agreement;
  }

  /** Who may decide: the school's director or its district's officer; a district agreement — its officer; the platform admin. */
  private decides(actor: Actor, agreement: PartnerAgreement): boolean {
    if (isPlatformAdmin(actor) || isDistrictOfficer(actor, agreement.districtId)) return true;
    return agreement.level === 'school' && agreement.organizationId !== null && isSchoolDirector(actor, agreement.organizationId);
  }

  /** The partner's own; for school and district staff, those naming their school or district. */
  async agreements({ actor, em }: ServiceContext): Promise<PartnerAgreement[]> {
    const or: object[] = [];
    const partnerIds = actor.access.partnerIds;
    if (isPlatformAdmin(actor)) or.push({});
    if (partnerIds.length) or.push({ partnerId: { $in: partnerIds } });
    const districtIds = actor.access.staffDistrictIds;
    if (districtIds.length) or.push({ districtId: { $in: districtIds } });
    // School side: its director and curator only — mentors and mentees see their own pair, not the school's contracts.
    const staffGrants = actor.grants.filter((g) => SCHOOL_STAFF_ROLES.includes(g.role) && g.organizationId);
    if (staffGrants.length) {
      or.push({ organizationId: { $in: [...new Set(staffGrants.map((g) => g.organizationId!))] } });
      or.push({ level: 'district', districtId: { $in: [...new Set(staffGrants.map((g) => g.districtId!))] } });
    }
    if (or.length === 0) return [];
    return em.find(PartnerAgreement, { $or: or } as never, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 500 });
  }

  private async visibleAgreement(ctx: ServiceContext, id: string): Promise<PartnerAgreement> {
    const agreement = isUuid(id) ? await ctx.em.findOne(PartnerAgreement, { id }) : null;
    if (!agreement) throw notFound(M.agreementNotFound);
    const visible = (await this.agreements(ctx)).some((a) => a.id === agreement.id);
    if (!visible) throw notFound(M.agreementNotFound);
    return agreement;
  }

  async decide(ctx: ServiceContext, id: string, accept: boolean, reason?: string | null): Promise<PartnerAgreement> {
    const agreement = await this.visibleAgreement(ctx, id);
    if (!this.decides(ctx.actor, agreement)) throw forbidden();
    if (agreement.decision !== 'proposed') throw conflict(M.agreementDecided, 'STATE');
    const text = (reason ?? '').trim();
    if (!accept && !text) throw badUserInput('reason', M.declineReasonRequired);
    Object.assign(agreement, {
      decision: accept ? 'accepted' : 'declined',
      declineReason: accept ? null : text,
      decidedByName: ctx.actor.displayName || ctx.actor.username,
      decidedAt: this.clock.now(),
    });
    await ctx.em.flush();
    return agreement;
  }

  /** Early termination (расторжение) by either side: in force until the day before `on`. */
  async terminate(ctx: ServiceContext, id: string, on?: string | null): Promise<PartnerAgreement> {
    const agreement = await this.visibleAgreement(ctx, id);
    const partnerSide = ctx.actor.access.partnerIds.includes(agreement.partnerId);
    if (!partnerSide && !this.decides(ctx.actor, agreement)) throw forbidden();
    if (agreement.decision !== 'accepted') throw conflict(M.terminateNotActive, 'STATE');
    const day = on?.trim() || this.clock.today();
    if (!ISO.test(day)) throw badUserInput('on', M.invalidDate('Дата расторжения'));
    agreement.terminatedOn = day;
    await ctx.em.flush();
    return agreement;
  }

  status(agreement: PartnerAgreement): AgreementStatus {
    return agreementStatus(agreement, this.clock.today() as never);
  }

  // ————— placements: where the partner's mentors work, never who the mentees are —————

  async placements({ actor, em }: ServiceContext): Promise<PlacementView[]> {
    const partnerId = ownPartnerId(actor);
    const placements = await em.find(PartnerPlacement, { partnerId }, { orderBy: { createdAt: 'asc' } });
    if (placements.length === 0) return [];
    const today = this.clock.today();
    const [mentors, organizations, districts, agreements] = await Promise.all([
      em.find(PartnerMentor, { id: { $in: [...new Set(placements.map((p) => p.mentorId))] } }),
      em.find(Organization, { id: { $in: [...new Set(placements.map((p) => p.organizationId))] } }),
      em.find(District, { id: { $in: [...new Set(placements.map((p) => p.districtId))] } }),
      em.find(PartnerAgreement, { partnerId, decision: 'accepted' }),
    ]);
    const mentorById = new Map(mentors.map((m) => [m.id, m]));
    const orgById = new Map(organizations.map((o) => [o.id, o]));
    const out: PlacementView[] = [];
    for (const district of districts) {
      const here = placements.filter((p) => p.districtId === district.id);
      const schema = district.schemaName;
      const participantIds = here.map((p) => p.participantId);
      const programmeIds = [...new Set(here.map((p) => p.programmeId))];
      const conn = em.getConnection();
      const [pairs, programmes] = await Promise.all([
        conn.execute<Array<{ mentor_id: string; status: string; mentees: number; meetings: number }>>(
          `select mp.mentor_id, mp.status, jsonb_array_length(mp.mentee_ids)::int as mentees,
             (select count(*)::int from "${schema}"."pair_meeting" pm where pm.pair_id = mp.id) as meetings
           from "${schema}"."mentoring_pair" mp where mp.mentor_id = any(?::uuid[])`,
          [`{${participantIds.join(',')}}`],
        ),
        conn.execute<Array<{ id: string; name: string }>>(`select id, name from "${schema}"."programme" where id = any(?::uuid[])`, [
          `{${programmeIds.join(',')}}`,
        ]),
      ]);
      const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
      for (const placement of here) {
        const own = pairs.filter((p) => p.mentor_id === placement.participantId);
        const mentor = mentorById.get(placement.mentorId);
        const inForce = agreements.some(
          (a) =>
            (a.level === 'district' ? a.districtId === placement.districtId : a.organizationId === placement.organizationId) &&
            agreementStatus(a, today as never) === 'active',
        );
        out.push({
          mentorId: placement.mentorId,
          mentorName: mentor ? [mentor.lastName, mentor.firstName, mentor.middleName].filter(Boolean).join(' ') : '',
          partnerId,
          districtName: district.name,
          organizationId: placement.organizationId,
          schoolName: orgById.get(placement.organizationId)?.shortName ?? '',
          programmeName: programmeName.get(placement.programmeId) ?? '',
          activePairs: own.filter((p) => p.status === 'active').length,
          completedPairs: own.filter((p) => p.status !== 'active').length,
          mentees: own.reduce((sum, p) => sum + Number(p.mentees), 0),
          meetings: own.reduce((sum, p) => sum + Number(p.meetings), 0),
          agreementInForce: inForce,
        });
      }
    }
    return out;
  }
}

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

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerPortal: PartnerPortalService;
  }
}
