import { emailContact, greetingNameOf, type EmailContact, type ProgrammeReader } from '@nastavnik/domain';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Participant, ParticipantConsent } from './participant.entity.js';
import { toConsentRecord, toDomainParticipant } from './participant.service.js';

/** Whom a letter about a participant goes to, how it greets them and whose letter it is (for erasure). */
export interface ParticipantAddressee {
  participant: Participant;
  to: { address: string; name: string | null };
  audience: 'participant' | 'representative';
  greetingName: string | null;
  reader: ProgrammeReader;
  /** `participant:<id>`: the participant's erasure blanks the letter (NotificationService.eraseFor). */
  personRef: string;
}

export type AddresseeResult = { ok: true; addressee: ParticipantAddressee } | { ok: false; participant: Participant; reason: 'no-consent' | 'no-address' };

/** «Сергеев Максим»: how a pair's letter names a member (no middle name, class or contacts). */
export const shortName = (p: Participant) => [p.lastName, p.firstName].filter(Boolean).join(' ');

export const personRefOf = (participantId: string) => `participant:${participantId}`;

/**
 * The addressees of letters about participants (issue 16), in one query for their consents: an adult
 * who consented to contact by e-mail at their own address, a minor through the consenting
 * representative (never the child's own address); a withdrawn (anonymised) person — nobody.
 */
export async function participantAddressees(tenantEm: EntityManager, people: readonly Participant[], on: string): Promise<Map<string, AddresseeResult>> {
  const live = people.filter((p) => !p.anonymized);
  const consents = live.length
    ? await tenantEm.find(ParticipantConsent, { participantId: { $in: live.map((p) => p.id) } }, { orderBy: { signedOn: 'asc', id: 'asc' } })
    : [];
  const byPerson = new Map<string, ParticipantConsent[]>();
  for (const consent of consents) byPerson.set(consent.participantId, [...(byPerson.get(consent.participantId) ?? []), consent]);
  const result = new Map<string, AddresseeResult>();
  for (const participant of people) {
    if (participant.anonymized) {
      result.set(participant.id, { ok: false, participant, reason: 'no-consent' });
      continue;
    }
    const contact: EmailContact = emailContact(toDomainParticipant(participant), (byPerson.get(participant.id) ?? []).map(toConsentRecord), on);
    if (!contact.ok) {
      result.set(participant.id, { ok: false, participant, reason: contact.reason });
      continue;
    }
    const representative = contact.audience === 'representative';
    result.set(participant.id, {
      ok: true,
      addressee: {
        participant,
        to: { address: contact.address, name: representative ? contact.name : shortName(participant) || null },
        audience: contact.audience,
        greetingName: representative ? greetingNameOf(contact.name) : [participant.firstName, participant.middleName].filter(Boolean).join(' ') || null,
        reader: representative
          ? { kind: 'representative', childName: [participant.firstName, participant.lastName].filter(Boolean).join(' ') }
          : { kind: 'member' },
        personRef: personRefOf(participant.id),
      },
    });
  }
  return result;
}

/** Loads the participants by id from the district's schema (ids of other schools are the caller's to scope). */
export async function participantsById(tenantEm: EntityManager, ids: readonly string[]): Promise<Map<string, Participant>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await tenantEm.find(Participant, { id: { $in: unique } })).map((p) => [p.id, p]));
}
