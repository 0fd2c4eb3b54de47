import {
  checkInput,
  normalizePartnerApplication,
  PARTNER_APPLICANT_RETENTION_DAYS,
  partnerApplicationApprovedLetter,
  partnerApplicationReceivedLetter,
  partnerApplicationRejectedLetter,
  PARTNER_APPLICATION_CONSENT_RU,
  PARTNER_APPLICATION_MESSAGES_RU,
  rejectionReasonSchema,
  validatePartnerApplication,
  validatePartnerApplicationConsent,
  type PartnerApplicationInput,
} from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { District } from '../directory/district.entity.js';
import { PartnerKind } from '../directory/enums.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { Region } from '../directory/region.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { PartnerApplication } from './partner.entities.js';
import { ProvisioningError, temporaryPassword, type AccountProvisioner, type PasswordSetup } from './provisioner.js';
import { isDistrictOfficer, isPlatformAdmin, PARTNER_MESSAGES_RU as M, raise } from './shared.js';

const KIND_TO_ENUM: Record<string, PartnerKind> = {
  enterprise: PartnerKind.ENTERPRISE,
  university: PartnerKind.UNIVERSITY,
  ngo: PartnerKind.NGO,
  'culture-sport': PartnerKind.CULTURE_SPORT,
  alumni: PartnerKind.ALUMNI,
  other: PartnerKind.OTHER,
};

/** How long the way to set a password works: the weekend between an approval on Friday and Monday fits. */
export const PASSWORD_SETUP_LIFESPAN_SECONDS = 72 * 3600;
/** The admin's client in the identity provider: its redirect URIs admit the admin's address. */
const ADMIN_CLIENT_ID = 'admin';

export interface ApprovalResult {
  application: PartnerApplication;
  partner: PartnerOrganization;
  username: string;
  temporaryPassword: string;
}

/**
 * Partner organisations' applications (core schema): the public sign-up, the review by the district
 * officer (approval creates the organisation and its admin account), the erasure of the applicant's data.
 */
export class PartnerApplicationService {
  constructor(
    private readonly clock: Clock,
    private readonly provisioner: AccountProvisioner,
    private readonly notifications: NotificationService,
    /** The admin's address (links, the sign-in page's way back) and the platform's time zone (the link's expiry). */
    private readonly site: { adminUrl: string; timeZone: string } = { adminUrl: 'http://localhost:5173', timeZone: 'Europe/Moscow' },
  ) {}

  /** The applicant's letters are about their application: erasing the applicant erases them too. */
  private static personRef(application: { id: string }): string {
    return `partner_application:${application.id}`;
  }

  /** A letter to the application's contact person (issue 16): received, rejected. */
  private async tellApplicant(em: EntityManager, application: PartnerApplication, kind: 'received' | 'rejected'): Promise<void> {
    const district = await em.findOne(District, { id: application.districtId });
    const facts = { contactName: application.contactName, organizationName: application.name, districtName: district?.name ?? '' };
    await this.notifications.enqueue(em, [
      {
        kind: `partners.application-${kind}`,
        dedupKey: `partners.application-${kind}:${application.id}`,
        districtId: application.districtId,
        personRef: PartnerApplicationService.personRef(application),
        audience: 'partner',
        to: { address: application.contactEmail, name: application.contactName },
        letter:
          kind === 'received'
            ? partnerApplicationReceivedLetter(facts)
            : partnerApplicationRejectedLetter({ ...facts, reason: application.rejectReason ?? '' }),
        link: null,
      },
    ]);
  }

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
    await this.tellApplicant(em, application, 'received');
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
    let userId!: string;
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
        ({ userId } = await this.provisioner.createPartnerAdmin({
          username,
          email: application.contactEmail,
          name: application.contactName,
          partnerCode: code,
          partnerName: application.name,
          temporaryPassword: password,
        }));
      } catch (error) {
        currentLogger(silentLogger()).error({ err: error, username }, 'partner admin account not created');
        if (error instanceof ProvisioningError && error.reason === 'USERNAME_TAKEN') throw conflict(M.accountExists, 'STATE');
        throw new AppError('CONFLICT', M.accountUnavailable, { reason: 'STATE', cause: 'IDENTITY_PROVIDER' });
      }
    });
    ctx.em.clear();
    const saved = await ctx.em.findOneOrFail(PartnerApplication, { id: application.id });
    await this.tellApproved(ctx.em, saved, userId, username);
    return { application: saved, partner, username, temporaryPassword: password };
  }

  /**
   * The approval letter with the way to set a password (issue 16). After the commit: the account
   * exists and the officer has the temporary password, so a provider that cannot issue the link
   * only changes the letter's advice (ask the district) — the approval stands.
   */
  private async tellApproved(em: EntityManager, application: PartnerApplication, userId: string, username: string): Promise<void> {
    let setup: PasswordSetup | null = null;
    try {
      setup = await this.provisioner.sendPasswordSetup(userId, {
        redirectUri: `${this.site.adminUrl}/`,
        clientId: ADMIN_CLIENT_ID,
        lifespanSeconds: PASSWORD_SETUP_LIFESPAN_SECONDS,
      });
    } catch (error) {
      currentLogger(silentLogger()).error({ err: error, username }, 'password setup of a partner admin not issued; the letter asks to contact the district');
    }
    const district = await em.findOne(District, { id: application.districtId });
    const letter = partnerApplicationApprovedLetter({
      contactName: application.contactName,
      organizationName: application.name,
      districtName: district?.name ?? '',
      username,
      adminUrl: this.site.adminUrl,
      setup: setup ?? { via: 'ask-district' },
      timeZone: this.site.timeZone,
    });
    await this.notifications.enqueue(em, [
      {
        kind: 'partners.application-approved',
        dedupKey: `partners.application-approved:${application.id}`,
        districtId: application.districtId,
        personRef: PartnerApplicationService.personRef(application),
        audience: 'partner',
        // No in-app copy: they cannot sign in before the password is set, and the link is for the e-mail only.
        to: { address: application.contactEmail, name: application.contactName },
        letter,
        link: this.site.adminUrl,
      },
    ]);
  }

  async reject(ctx: ServiceContext, id: string, reason: string): Promise<PartnerApplication> {
    // The shared schema (packages/domain): the admin checks the reason with it too.
    const checked = checkInput(rejectionReasonSchema, { reason });
    if (!checked.ok) throw badUserInputs(checked.issues);
    const text = checked.value.reason;
    const application = await this.reviewable(ctx, id);
    Object.assign(application, {
      status: 'rejected',
      rejectReason: text,
      decidedAt: this.clock.now(),
      decidedByName: ctx.actor.displayName || ctx.actor.username,
    });
    await ctx.em.flush();
    await this.tellApplicant(ctx.em, application, 'rejected');
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
    const expired = await em.find(PartnerApplication, { status: 'rejected', personalDataErasedAt: null, decidedAt: { $lt: cutoff } }, { fields: ['id'] });
    for (const application of expired) await this.notifications.eraseFor(em, PartnerApplicationService.personRef(application));
    const erased = await em.nativeUpdate(
      PartnerApplication,
      { status: 'rejected', personalDataErasedAt: null, decidedAt: { $lt: cutoff } },
      { ...PartnerApplicationService.ERASED, personalDataErasedAt: this.clock.now(), personalDataErasedByName: null },
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
    Object.assign(application, PartnerApplicationService.ERASED, {
      personalDataErasedAt: this.clock.now(),
      personalDataErasedByName: ctx.actor.displayName || ctx.actor.username,
    });
    await ctx.em.flush();
    await this.notifications.eraseFor(ctx.em, PartnerApplicationService.personRef(application));
    currentLogger(silentLogger()).info({ applicationId: application.id, by: ctx.actor.username }, 'partner applicant personal data erased on request');
    return application;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerApplications: PartnerApplicationService;
  }
}
