import { HIDDEN_NAME_RU, PAIR_TEXT_VIEWERS, personKind, visibleParts, widestViewer, type PersonalDataPart, type PersonalDataViewer } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { Tenant } from '../../engine/tenancy/tenant.js';
import { districtStaffRoles, schoolStaffOrganizationIds } from '../directory/scope.js';
import type { Participant } from './participant.entity.js';

/**
 * The one place that decides what of a person an actor sees (the table PERSONAL_DATA_ACCESS in
 * packages/domain, printed in docs/architecture.md). Rows are chosen by the services' scope filters;
 * this decides the fields of every row that was reached: the Participant type's personal fields,
 * meeting notes and plan tasks of pairs, the pairs order and consent scans all ask it.
 *
 * Per request (a WeakMap on the tenant): the actor's own participant records and the pairs they are
 * in are read once, with one statement each, and only for actors holding a mentor or mentee role.
 */
interface PairLink {
  organizationId: string;
  mentorId: string;
  menteeIds: string[];
}

interface Membership {
  own: Set<string>;
  /** person id → how the actor stands to them through a shared pair/group. */
  through: Map<string, PersonalDataViewer>;
  /** pair ids the actor is in. */
  pairs: Set<string>;
}

export interface PersonalDataLens {
  /** How the actor stands to this person (the widest of their relations). */
  viewerOf(person: Pick<Participant, 'id' | 'organizationId'>): Promise<PersonalDataViewer>;
  /** The parts of this person's record the actor may see. */
  partsOf(person: Participant): Promise<ReadonlySet<PersonalDataPart>>;
  /** Whether the actor may read the free text of a pair (meeting notes, feedback, plan tasks). */
  readsPairText(pair: PairLink & { id: string }): Promise<boolean>;
}

const lenses = new WeakMap<Tenant, PersonalDataLens>();

const MEMBER_ROLES = ['mentor', 'mentee'] as const;

async function membershipOf(actor: Actor, tenant: Tenant): Promise<Membership> {
  const empty: Membership = { own: new Set(), through: new Map(), pairs: new Set() };
  if (!actor.roles.some((r) => (MEMBER_ROLES as readonly string[]).includes(r)) || !actor.username) return empty;
  const schema = `"${tenant.district.schemaName}"`;
  const connection = tenant.em.getConnection();
  const own = await connection.execute<Array<{ id: string }>>(`select id from ${schema}."participant" where username = ? and anonymized = false`, [
    actor.username,
  ]);
  if (own.length === 0) return empty;
  const ids = own.map((r) => r.id);
  const marks = ids.map(() => '?').join(', ');
  const pairs = await connection.execute<Array<{ id: string; mentor_id: string; mentee_ids: string[] }>>(
    `select id, mentor_id, mentee_ids from ${schema}."mentoring_pair" where mentor_id in (${marks}) or jsonb_exists_any(mentee_ids, array[${marks}]::text[])`,
    [...ids, ...ids],
  );
  const membership: Membership = { own: new Set(ids), through: new Map(), pairs: new Set(pairs.map((p) => p.id)) };
  const relate = (person: string, viewer: PersonalDataViewer) =>
    membership.through.set(person, widestViewer([membership.through.get(person) ?? 'none', viewer]));
  for (const pair of pairs) {
    const menteeIds = typeof pair.mentee_ids === 'string' ? (JSON.parse(pair.mentee_ids) as string[]) : pair.mentee_ids;
    if (membership.own.has(pair.mentor_id)) for (const mentee of menteeIds) relate(mentee, 'pair-mentor');
    if (menteeIds.some((m) => membership.own.has(m))) {
      relate(pair.mentor_id, 'pair-mentee');
      for (const mentee of menteeIds) relate(mentee, 'co-mentee');
    }
  }
  return membership;
}

/** The relations that do not depend on pairs: school staff, district staff, platform, region. */
export function staffViewer(actor: Actor, tenant: Tenant, organizationId: string): PersonalDataViewer {
  const district = tenant.district;
  if (schoolStaffOrganizationIds(actor, district).includes(organizationId)) return 'school-staff';
  if (districtStaffRoles(actor, district).length > 0) return 'district-staff';
  if (actor.access.platform) return 'platform';
  if (actor.access.coordinatorRegionIds.includes(district.regionId)) return 'region';
  return 'none';
}

export function personalDataLens(actor: Actor, tenant: Tenant, today: () => string): PersonalDataLens {
  let lens = lenses.get(tenant);
  if (lens) return lens;
  let membership: Promise<Membership> | null = null;
  const members = () => (membership ??= membershipOf(actor, tenant));
  lens = {
    async viewerOf(person) {
      const staff = staffViewer(actor, tenant, person.organizationId);
      if (staff === 'school-staff') return staff;
      const m = await members();
      const self: PersonalDataViewer = m.own.has(person.id) ? 'self' : 'none';
      return widestViewer([staff, self, m.through.get(person.id) ?? 'none']);
    },
    async partsOf(person) {
      const viewer = await this.viewerOf(person);
      return visibleParts(viewer, personKind(person, today()));
    },
    async readsPairText(pair) {
      const staff = staffViewer(actor, tenant, pair.organizationId);
      if (PAIR_TEXT_VIEWERS.includes(staff)) return true;
      return (await members()).pairs.has(pair.id);
    },
  };
  lenses.set(tenant, lens);
  return lens;
}

/** A hidden value in place of what the actor may not see (fail closed: unknown field → hidden). */
export const HIDDEN_TEXT_RU = 'Скрыто';

/** The person's name as this actor may see it. */
export function displayNameFor(person: Participant, parts: ReadonlySet<PersonalDataPart>, anonymizedName: string): string {
  if (person.anonymized) return anonymizedName;
  if (!parts.has('identity')) return HIDDEN_NAME_RU;
  return [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ');
}

/** Which part of the record each personal field of the Participant type belongs to. */
export const PARTICIPANT_FIELD_PARTS = {
  lastName: 'identity',
  firstName: 'identity',
  middleName: 'identity',
  classOrPosition: 'identity',
  experienceYears: 'identity',
  birthDate: 'birthDate',
  email: 'contacts',
  phone: 'contacts',
  specialGroups: 'specialGroups',
  tags: 'freeText',
  freeText: 'freeText',
  consents: 'consents',
} as const satisfies Record<string, PersonalDataPart>;
export type ParticipantPersonalField = keyof typeof PARTICIPANT_FIELD_PARTS;

/** The value of a personal field for this actor: the stored one, or empty. */
export async function personalField<K extends ParticipantPersonalField>(lens: PersonalDataLens, person: Participant, field: K): Promise<unknown> {
  const parts = await lens.partsOf(person);
  if (parts.has(PARTICIPANT_FIELD_PARTS[field])) return (person as unknown as Record<string, unknown>)[field];
  if (field === 'specialGroups' || field === 'tags') return [];
  if (field === 'freeText') return '';
  return null;
}

/**
 * A file may be a consent scan (the `consents` part): then only the school staff of every person
 * whose consent cites it may read it, whatever the attachments' row scope says.
 */
export async function mayReadConsentScan(actor: Actor, tenant: Tenant, attachmentId: string): Promise<boolean> {
  const schema = `"${tenant.district.schemaName}"`;
  const rows = await tenant.em
    .getConnection()
    .execute<Array<{ organization_id: string }>>(
      `select distinct p.organization_id from ${schema}."participant_consent" c join ${schema}."participant" p on p.id = c.participant_id where c.attachment_id = ?`,
      [attachmentId],
    );
  return rows.every((row) => staffViewer(actor, tenant, row.organization_id) === 'school-staff');
}
