import { canStore, partnersInForce, type IsoDate, type PartnerAgreement as DomainAgreement } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Participant, ParticipantConsent } from '../participants/participant.entity.js';
import type { ExternalMentorSource } from '../pairs/external-mentors.js';
import type { Programme } from '../programmes/programme.entity.js';
import { PartnerAgreement, PartnerMentor, PartnerMentorConsent, PartnerPlacement } from './partner.entities.js';
import { toConsentRecord } from './shared.js';

/**
 * Partner mentors in a school's matching (issue 6). Decision: **copy on first sight** — when a
 * school's matching runs (suggestMatches), every mentor of a partner with an agreement in force
 * covering the school (directly or through its district), not archived and with a valid consent,
 * is copied once into the programme's base as a `participant` (category partner-employee,
 * `partner_id` set, the consent copied, a `core.partner_placement` row linking both). Pairs then
 * work unchanged (the pair's mentor is a participant of the school). Whether a partner mentor may
 * be matched is decided on every run from the agreements: while none is in force the copy stays
 * (existing pairs keep their mentor and are flagged) but is offered to nobody and refused by
 * confirmPairs.
 */

export interface PartnerMentorState {
  /** The agreement is in force and the mentor is not archived. */
  available: boolean;
  capacity: number;
  mentorId: string;
}

const toDomain = (a: PartnerAgreement): DomainAgreement => ({
  partnerId: a.partnerId,
  party: a.level === 'school' ? { level: 'school', organizationId: a.organizationId ?? '' } : { level: 'district', districtId: a.districtId },
  decision: a.decision,
  periodStart: a.periodStart as IsoDate,
  periodEnd: (a.periodEnd ?? null) as IsoDate | null,
  terminatedOn: (a.terminatedOn ?? null) as IsoDate | null,
});

export class PartnerMatchingSource implements ExternalMentorSource {
  constructor(private readonly clock: Clock) {}

  /** Partners whose agreement covering the school is in force today (one query). */
  async partnersInForce(em: EntityManager, districtId: string, organizationId: string): Promise<Set<string>> {
    const agreements = await em.find(PartnerAgreement, { districtId, decision: 'accepted' });
    return partnersInForce(agreements.map(toDomain), { organizationId, districtId }, this.clock.today() as IsoDate);
  }

  /** Copies the partner mentors available to the school into the programme's base (idempotent). */
  async sync(ctx: TenantServiceContext, programme: Programme): Promise<void> {
    const { tenant } = ctx;
    const districtId = tenant.district.id;
    const partners = await this.partnersInForce(ctx.em, districtId, programme.organizationId);
    if (partners.size === 0) return;
    const mentors = await ctx.em.find(PartnerMentor, { partnerId: { $in: [...partners] }, archivedOn: null });
    if (mentors.length === 0) return;
    const placed = new Set((await ctx.em.find(PartnerPlacement, { programmeId: programme.id }, { fields: ['mentorId'] })).map((p) => p.mentorId));
    const fresh = mentors.filter((m) => !placed.has(m.id));
    if (fresh.length === 0) return;
    const consents = await ctx.em.find(PartnerMentorConsent, { mentorId: { $in: fresh.map((m) => m.id) } });
    const today = this.clock.today() as IsoDate;
    const now = this.clock.now();
    await tenant.em.transactional(
      async (em) => {
        await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`partner-sync:${programme.id}`]);
        const already = new Set((await em.find(PartnerPlacement, { programmeId: programme.id }, { fields: ['mentorId'] })).map((p) => p.mentorId));
        for (const mentor of fresh) {
          if (already.has(mentor.id)) continue;
          const own = consents.filter((c) => c.mentorId === mentor.id);
          const person = { id: mentor.id, category: 'partner-employee' as const, birthDate: mentor.birthDate as IsoDate | null };
          if (!canStore(person, own.map(toConsentRecord), today).allowed) continue;
          const participant = new Participant();
          Object.assign(participant, {
            organizationId: programme.organizationId,
            programmeId: programme.id,
            role: 'mentor',
            category: 'partner-employee',
            partnerId: mentor.partnerId,
            lastName: mentor.lastName,
            firstName: mentor.firstName,
            middleName: mentor.middleName,
            birthDate: mentor.birthDate,
            classOrPosition: mentor.position,
            email: mentor.email,
            phone: mentor.phone,
            specialGroups: [],
            tags: mentor.tags,
            freeText: [mentor.freeText, mentor.availability ? `Доступность: ${mentor.availability}` : ''].filter(Boolean).join('\n'),
            createdAt: now,
          });
          em.persist(participant);
          for (const c of own.filter((c) => !c.withdrawnOn)) {
            const copy = new ParticipantConsent();
            Object.assign(copy, {
              participantId: participant.id,
              givenBy: 'self',
              scopes: c.scopes,
              textVersion: c.textVersion,
              signedOn: c.signedOn,
              validUntil: c.validUntil,
              recordedByName: c.recordedByName,
              createdAt: now,
            });
            em.persist(copy);
          }
          const placement = new PartnerPlacement();
          Object.assign(placement, {
            mentorId: mentor.id,
            partnerId: mentor.partnerId,
            districtId,
            organizationId: programme.organizationId,
            programmeId: programme.id,
            participantId: participant.id,
            createdAt: now,
          });
          em.persist(placement);
        }
        await em.flush();
      },
      { clear: true },
    );
  }

  /** For the programme's partner-linked participants: may they take new mentees today? */
  async states(ctx: TenantServiceContext, programme: Programme): Promise<Map<string, PartnerMentorState>> {
    const placements = await ctx.em.find(PartnerPlacement, { programmeId: programme.id });
    if (placements.length === 0) return new Map();
    const [partners, mentors] = await Promise.all([
      this.partnersInForce(ctx.em, ctx.tenant.district.id, programme.organizationId),
      ctx.em.find(PartnerMentor, { id: { $in: placements.map((p) => p.mentorId) } }),
    ]);
    const mentorById = new Map(mentors.map((m) => [m.id, m]));
    return new Map(
      placements.map((p) => {
        const mentor = mentorById.get(p.mentorId);
        return [
          p.participantId,
          { mentorId: p.mentorId, capacity: mentor?.capacity ?? 1, available: partners.has(p.partnerId) && !!mentor && !mentor.archivedOn },
        ];
      }),
    );
  }

  /** For a pair's mentor: null when not a partner mentor, else whether the partner's agreement is in force. */
  async agreementInForce(ctx: TenantServiceContext, participantId: string, organizationId: string): Promise<boolean | null> {
    const placement = await ctx.em.findOne(PartnerPlacement, { participantId });
    if (!placement) return null;
    const partners = await this.partnersInForce(ctx.em, ctx.tenant.district.id, organizationId);
    return partners.has(placement.partnerId);
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    partnerMatching: PartnerMatchingSource;
  }
}
