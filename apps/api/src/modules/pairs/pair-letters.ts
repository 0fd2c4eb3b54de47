import {
  MEETING_TYPE_LABELS_RU,
  meetingSoonLetter,
  meetingTimeRu,
  pairConfirmedLetter,
  pairIdleLetter,
  type LetterContent,
  type MeetingType,
  type ProgrammeLetterFacts,
} from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { Organization } from '../directory/organization.entity.js';
import type { LetterRequest, NotificationService } from '../notifications/notification.service.js';
import type { PeopleDirectory } from '../notifications/people.js';
import { participantAddressees, participantsById, shortName, type ParticipantAddressee } from '../participants/email-contacts.js';
import type { Participant } from '../participants/participant.entity.js';
import { Programme } from '../programmes/programme.entity.js';
import type { MentoringPair } from './pair.entity.js';

/** A district as the letters need it: whose letters (the log) and which schema. */
export interface LetterDistrict {
  id: string;
  schemaName: string;
}

export interface PairLettersOptions {
  adminUrl: string;
  timeZone: string;
}

/** What a member's letter says, given the pair, the addressee and the names of the other members. */
type MemberLetter = (input: { pair: MentoringPair; addressee: ParticipantAddressee; others: string[]; facts: ProgrammeLetterFacts }) => {
  dedupKey: string;
  letter: LetterContent;
} | null;

/** The members' letters of a pair: their keys start with `<kind>:<pair id>:`. */
export const PAIR_LETTER_KINDS = ['pairs.confirmed', 'pairs.meeting-soon', 'pairs.idle'] as const;

/** The dedup key's pair part: erasing a member blanks every letter of their pairs by it (`<kind>:<pair id>:…`). */
export const pairKeyPrefix = (kind: string, pairId: string) => `${kind}:${pairId}:`;

/**
 * Letters to the members of pairs (issue 16): to each member who consented to contact by e-mail, or a
 * minor's consenting representative; a withdrawn member gets nothing and is named in no letter.
 * One batch per call — participants, consents, programmes and schools each read once.
 */
export class PairLetters {
  constructor(
    readonly clock: Clock,
    readonly notifications: NotificationService,
    readonly people: PeopleDirectory,
    readonly options: PairLettersOptions,
  ) {}

  /** «Куратор программы: …, адрес» for the letters of people without a login (one lookup per school). */
  private async schoolContacts(em: EntityManager, organizationIds: readonly string[]): Promise<Map<string, string>> {
    const contacts = new Map<string, string>();
    // One query for the schools and their groups' paths; the directory is asked once per school (and caches).
    const organizations = await em.find(Organization, { id: { $in: [...new Set(organizationIds)] } }, { populate: ['district', 'district.region'] });
    for (const organization of organizations) {
      const path = `/${organization.district.region.code}/${organization.district.code}/${organization.code}`;
      const [curator] = await this.people.withRole(path, ['school-curator']).catch(() => []);
      contacts.set(
        organization.id,
        curator
          ? `Куратор программы: ${curator.name ?? curator.username}, ${curator.address}.`
          : `${organization.shortName}${organization.address ? `, ${organization.address}` : ''}.`,
      );
    }
    return contacts;
  }

  /** The letters of `kind` to the members of `pairs`, built by `make`; returns how many were enqueued. */
  async toMembers(em: EntityManager, tenantEm: EntityManager, district: LetterDistrict, pairs: readonly MentoringPair[], kind: string, make: MemberLetter) {
    if (pairs.length === 0) return 0;
    const people = await participantsById(
      tenantEm,
      pairs.flatMap((pair) => [pair.mentorId, ...pair.menteeIds]),
    );
    const addressees = await participantAddressees(tenantEm, [...people.values()], this.clock.today());
    const programmes = new Map((await tenantEm.find(Programme, { id: { $in: [...new Set(pairs.map((p) => p.programmeId))] } })).map((p) => [p.id, p]));
    const organizations = new Map((await em.find(Organization, { id: { $in: [...new Set(pairs.map((p) => p.organizationId))] } })).map((o) => [o.id, o]));
    const needContact = pairs.filter((pair) =>
      [pair.mentorId, ...pair.menteeIds].some((id) => {
        const result = addressees.get(id);
        return result?.ok && !result.addressee.participant.username;
      }),
    );
    const contacts = await this.schoolContacts(
      em,
      needContact.map((pair) => pair.organizationId),
    );
    const letters: LetterRequest[] = [];
    for (const pair of pairs) {
      const members = [pair.mentorId, ...pair.menteeIds].map((id) => people.get(id)).filter((p): p is Participant => Boolean(p));
      // A withdrawn member is named nowhere: the others' letters leave them out.
      const named = (list: readonly string[]) => list.map((id) => people.get(id)).filter((p): p is Participant => Boolean(p && !p.anonymized));
      for (const member of members) {
        const result = addressees.get(member.id);
        if (!result?.ok) continue;
        const { addressee } = result;
        const mentor = member.id === pair.mentorId;
        const others = (mentor ? named(pair.menteeIds) : named([pair.mentorId])).map(shortName).filter(Boolean);
        const hasLogin = addressee.audience === 'participant' && Boolean(member.username);
        const facts: ProgrammeLetterFacts = {
          greetingName: addressee.greetingName,
          reader: addressee.reader,
          role: mentor ? 'mentor' : 'mentee',
          programmeName: programmes.get(pair.programmeId)?.name ?? '',
          organizationName: organizations.get(pair.organizationId)?.shortName ?? '',
          link: hasLogin ? `${this.options.adminUrl}/my?district=${district.id}` : null,
          contact: hasLogin ? null : (contacts.get(pair.organizationId) ?? null),
        };
        const made = make({ pair, addressee, others, facts });
        if (!made) continue;
        letters.push({
          kind,
          dedupKey: made.dedupKey,
          districtId: district.id,
          personRef: addressee.personRef,
          audience: addressee.audience,
          to: { ...addressee.to, ...(hasLogin && member.username ? { username: member.username } : {}) },
          letter: made.letter,
          link: facts.link,
        });
      }
    }
    return this.notifications.enqueue(em, letters);
  }

  /** The curator confirmed pairs: each member (or representative) learns who the others are and the plan's period. */
  confirmed(em: EntityManager, tenantEm: EntityManager, district: LetterDistrict, pairs: readonly MentoringPair[]) {
    return this.toMembers(em, tenantEm, district, pairs, 'pairs.confirmed', ({ pair, addressee, others, facts }) =>
      others.length === 0
        ? null
        : {
            dedupKey: `${pairKeyPrefix('pairs.confirmed', pair.id)}${addressee.participant.id}`,
            letter: pairConfirmedLetter({ ...facts, others, startDate: pair.startDate, endDate: pair.endDate }),
          },
    );
  }

  /** About a day before a planned meeting: when, in the product's zone, named. */
  meetingSoon(
    em: EntityManager,
    tenantEm: EntityManager,
    district: LetterDistrict,
    meetings: ReadonlyArray<{ pair: MentoringPair; startsAt: Date; type: string; place: string | null }>,
  ) {
    const byPair = new Map(meetings.map((meeting) => [meeting.pair.id, meeting]));
    return this.toMembers(
      em,
      tenantEm,
      district,
      meetings.map((meeting) => meeting.pair),
      'pairs.meeting-soon',
      ({ pair, addressee, facts }) => {
        const meeting = byPair.get(pair.id)!;
        return {
          // Moving the meeting is a new meeting: its reminder is sent again.
          dedupKey: `${pairKeyPrefix('pairs.meeting-soon', pair.id)}${meeting.startsAt.toISOString()}:${addressee.participant.id}`,
          letter: meetingSoonLetter({
            ...facts,
            when: meetingTimeRu(meeting.startsAt, this.options.timeZone),
            kindLabel: MEETING_TYPE_LABELS_RU[meeting.type as MeetingType] ?? meeting.type,
            // The place is the pair's and its school's; the .ics is on the pair's page for those with a login.
            place: meeting.place,
            icsUrl: null,
          }),
        };
      },
    );
  }

  /** Pairs without a meeting for `days` days: a nudge to each member, once per idle period. */
  idle(
    em: EntityManager,
    tenantEm: EntityManager,
    district: LetterDistrict,
    idle: ReadonlyArray<{ pair: MentoringPair; lastMeeting: string | null; period: number }>,
    days: number,
  ) {
    const byPair = new Map(idle.map((entry) => [entry.pair.id, entry]));
    return this.toMembers(
      em,
      tenantEm,
      district,
      idle.map((entry) => entry.pair),
      'pairs.idle',
      ({ pair, addressee, facts }) => {
        const entry = byPair.get(pair.id)!;
        return {
          dedupKey: `${pairKeyPrefix('pairs.idle', pair.id)}${entry.lastMeeting ?? 'none'}:${entry.period}:${addressee.participant.id}`,
          letter: pairIdleLetter({ ...facts, days, lastMeeting: entry.lastMeeting, since: pair.startDate }),
        };
      },
    );
  }

  /**
   * Withdrawal (152-ФЗ): every letter of the person's pairs — to them, and to the other members naming
   * them — is blanked, the pending ones failed (called inside the withdrawal's transaction).
   */
  async eraseAbout(em: EntityManager, schemaName: string, participantId: string): Promise<number> {
    const pairs = await em.execute<Array<{ id: string }>>(
      `select id from "${schemaName.replace(/"/g, '""')}"."mentoring_pair" where mentor_id = ? or jsonb_exists(mentee_ids, ?)`,
      [participantId, participantId],
    );
    return this.notifications.eraseByKeyPrefixes(
      em,
      pairs.flatMap((pair) => PAIR_LETTER_KINDS.map((kind) => pairKeyPrefix(kind, pair.id))),
    );
  }
}
