import { agreementStatus, checkInput, declineReasonSchema, SCHOOL_STAFF_ROLES, validatePartnerAgreement, type AgreementStatus } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { PartnerAgreement, PartnerMentor, PartnerPlacement } from './partner.entities.js';
import { isDistrictOfficer, isPlatformAdmin, isSchoolDirector, ISO, ownPartnerId, PARTNER_MESSAGES_RU as M, raise } from './shared.js';

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

/**
 * Agreements between a partner and a school or a district (core schema): proposed by the partner,
 * decided by the school's director or the district's officer, terminated by either side; and the
 * placements of the partner's mentors (where they work, never who the mentees are).
 */
export class PartnerAgreementService {
  constructor(private readonly clock: Clock) {}

  /** Schools of a district a partner admin may propose an agreement to (directory entries only). */
  async schoolsOf({ actor, em }: ServiceContext, districtId: string): Promise<Organization[]> {
    ownPartnerId(actor);
    if (!isUuid(districtId)) throw badUserInput('districtId', M.partyUnknown);
    return em.find(Organization, { district: districtId }, { orderBy: { shortName: 'asc', id: 'asc' }, limit: 2000 });
  }

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
    // A decline needs its reason: the shared schema (packages/domain), which the admin checks too.
    const checked = accept ? null : checkInput(declineReasonSchema, { reason });
    if (checked && !checked.ok) throw badUserInputs(checked.issues);
    const text = checked?.value?.reason ?? '';
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

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerAgreements: PartnerAgreementService;
  }
}
