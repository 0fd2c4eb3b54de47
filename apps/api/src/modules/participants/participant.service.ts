import {
  anonymize,
  canStore,
  CONSENT_SCOPES,
  normalizeTags,
  REPRESENTATIVE_RELATIONS,
  validateConsent,
  validateParticipant,
  withdrawalEffect,
  WORK_MOVES_MESSAGES_RU,
  type ConsentRecord,
  type ConsentScope,
  type Participant as DomainParticipant,
  type ParticipantCategory,
  type ParticipantRole,
  type SpecialGroup,
  type ValidationIssue,
} from '@nastavnik/domain';
import { bulkIds, bulkRefusal, type RowRefusal } from '../../engine/bulk.js';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { within } from '../directory/scope.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { logAccess } from './access-log.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { managesOrganization, programmeDataScope } from '../programmes/scope.js';
import type { AttachmentStorages } from '../attachments/storage.js';
import { erasePersonalData } from './erasure.js';
import type { ConsentInput, CreateParticipantInput, ParticipantDataInput } from './inputs.js';
import { Participant, ParticipantAccessLog, ParticipantConsent } from './participant.entity.js';
import { personalDataLens } from './personal-data.js';

/** The person as the domain sees it (for validation, consents and matching). */
export function toDomainParticipant(p: Participant): DomainParticipant {
  const mentor = p.role === 'mentor';
  return {
    id: p.id,
    lastName: p.lastName ?? '',
    firstName: p.firstName ?? '',
    middleName: p.middleName,
    category: p.category as ParticipantCategory,
    birthDate: p.birthDate,
    organizationId: p.organizationId,
    partnerId: p.partnerId,
    classOrPosition: p.classOrPosition,
    experienceYears: p.experienceYears,
    email: p.email,
    phone: p.phone,
    specialGroups: p.specialGroups as SpecialGroup[],
    competenceTags: mentor ? p.tags : [],
    competenceText: mentor ? p.freeText : '',
    requestTags: mentor ? [] : p.tags,
    requestText: mentor ? '' : p.freeText,
  };
}

export function toConsentRecord(c: ParticipantConsent): ConsentRecord {
  return {
    id: c.id,
    personId: c.participantId,
    givenBy:
      c.givenBy === 'self'
        ? { kind: 'self' }
        : {
            kind: 'representative',
            name: c.representativeName ?? '',
            relation: (c.representativeRelation ?? 'guardian') as (typeof REPRESENTATIVE_RELATIONS)[number],
            document: c.representativeDocument ?? '',
            email: c.representativeEmail,
          },
    scopes: c.scopes as ConsentScope[],
    textVersion: c.textVersion,
    signedOn: c.signedOn,
    validUntil: c.validUntil,
    fileId: c.attachmentId,
    withdrawals: c.withdrawnOn ? [{ scopes: 'all', on: c.withdrawnOn }] : [],
  };
}

const text = (value: string | null | undefined) => (value ?? '').trim();
const list = (values: readonly string[] | null | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const firstError = (issues: ValidationIssue[]) => issues.find((i) => i.severity === 'error');

/** The person's data as typed, cleaned. */
function personData(input: ParticipantDataInput) {
  return {
    lastName: text(input.lastName),
    firstName: text(input.firstName),
    middleName: text(input.middleName) || null,
    category: text(input.category),
    birthDate: text(input.birthDate) || null,
    partnerId: text(input.partnerId) || null,
    classOrPosition: text(input.classOrPosition) || null,
    experienceYears: input.experienceYears ?? null,
    email: text(input.email) || null,
    phone: text(input.phone) || null,
    specialGroups: list(input.specialGroups),
    // One spelling per competence / request, so matching compares like with like.
    tags: normalizeTags(input.tags ?? []),
    freeText: text(input.text),
    username: text(input.username) || null,
  };
}

/** A consent row from its input (not yet checked). */
export function consentFromInput(input: ConsentInput, participantId: string, recordedByName: string, index: number): ParticipantConsent {
  const field = (name: string) => `consents[${index}].${name}`;
  const givenBy = text(input.givenBy);
  if (givenBy !== 'self' && givenBy !== 'representative') throw badUserInput(field('givenBy'), 'Кто даёт согласие: self или representative');
  const scopes = list(input.scopes).length ? list(input.scopes) : ['processing'];
  for (const scope of scopes) if (!(CONSENT_SCOPES as readonly string[]).includes(scope)) throw badUserInput(field('scopes'), M.unknownScope(scope));
  const relation = text(input.representativeRelation) || null;
  if (givenBy === 'representative') {
    if (!relation) throw badUserInput(field('representativeRelation'), M.representativeRelationRequired);
    if (!(REPRESENTATIVE_RELATIONS as readonly string[]).includes(relation)) throw badUserInput(field('representativeRelation'), M.unknownRelation(relation));
  }
  const representativeEmail = text(input.representativeEmail) || null;
  if (representativeEmail && !EMAIL.test(representativeEmail)) throw badUserInput(field('representativeEmail'), M.representativeEmailInvalid);
  const consent = new ParticipantConsent();
  Object.assign(consent, {
    participantId,
    givenBy,
    representativeName: givenBy === 'representative' ? text(input.representativeName) : null,
    representativeRelation: givenBy === 'representative' ? relation : null,
    representativeDocument: givenBy === 'representative' ? text(input.representativeDocument) : null,
    representativeEmail: givenBy === 'representative' ? representativeEmail : null,
    scopes,
    textVersion: text(input.textVersion),
    signedOn: text(input.signedOn),
    validUntil: text(input.validUntil) || null,
    attachmentId: text(input.attachmentId) || null,
    recordedByName,
  });
  return consent;
}

/**
 * Checks the consents of a new person and whether the person may be stored at all (`canStore`):
 * every consent must be valid for the person, and one in force must come from the right giver.
 * Throws BAD_USER_INPUT with the domain's Russian message.
 */
export function checkConsents(person: DomainParticipant, consents: ParticipantConsent[], on: string): void {
  if (consents.length === 0) throw badUserInput('consents', M.consentRequired);
  consents.forEach((consent, index) => {
    const issue = firstError(validateConsent(toConsentRecord(consent), person, on));
    if (issue) throw badUserInput(`consents[${index}].${issue.field}`, issue.message);
  });
  const decision = canStore(person, consents.map(toConsentRecord), on);
  if (!decision.allowed) throw badUserInput('consents', decision.message, { reason: decision.reason });
}

/** A step of a consent withdrawal that belongs to a module above participants (see the constructor). */
export type WithdrawalStep = (em: EntityManager, schemaName: string, participantId: string) => Promise<void>;

/**
 * The bases of mentors and mentees with their consents (152-ФЗ): a person is stored only with a
 * consent, every view of personal data is logged, a withdrawal anonymises the person in place.
 */
export class ParticipantService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
    /** Where consent scans' bytes are, to delete them on withdrawal (files outside the database). */
    private readonly storages?: AttachmentStorages,
    /**
     * What modules above this one do with a person's traces on withdrawal, inside its transaction
     * (questionnaires forget free text, practices unpublish cases naming the person): wired in app.ts,
     * so participants do not import them.
     */
    private readonly withdrawalSteps: readonly WithdrawalStep[] = [],
  ) {}

  private scope(ctx: TenantServiceContext) {
    return programmeDataScope<Participant>(ctx.actor, ctx.tenant.district);
  }

  /** Records that these people were shown to the actor (one insert per request batch). */
  async reveal(ctx: TenantServiceContext, people: readonly Participant[], operation: string): Promise<void> {
    // Only people of whom the actor sees something personal (a region coordinator's list shows figures, not people).
    const lens = personalDataLens(ctx.actor, ctx.tenant, () => this.clock.today());
    const shown: Participant[] = [];
    for (const person of people) if ((await lens.partsOf(person)).size > 0) shown.push(person);
    if (shown.length > 0) await logAccess(ctx.tenant, ctx.actor, shown, operation);
  }

  async list(ctx: TenantServiceContext, programmeId: string, role: ParticipantRole | null | undefined, page?: PageInput | null): Promise<Page<Participant>> {
    const programme = await this.programmes.get(ctx, programmeId, 'programmeId');
    const { limit, offset } = pageWindow(page);
    const [items, total] = await ctx.tenant.em.findAndCount(Participant, within(this.scope(ctx), { programmeId: programme.id, ...(role ? { role } : {}) }), {
      limit,
      offset,
      orderBy: { anonymized: 'asc', lastName: 'asc', firstName: 'asc', id: 'asc' },
    });
    await this.reveal(ctx, items, 'list');
    return { items, total, limit, offset };
  }

  /** A person within the row scope, NOT_FOUND otherwise; the view is logged under `operation`. */
  async get(ctx: TenantServiceContext, id: string, operation: string | null = 'view-card', field?: string): Promise<Participant> {
    const participant = isUuid(id) ? await ctx.tenant.em.findOne(Participant, within(this.scope(ctx), { id })) : null;
    if (!participant) throw field ? badUserInput(field, M.participantNotFound) : notFound(M.participantNotFound);
    if (operation) await this.reveal(ctx, [participant], operation);
    return participant;
  }

  private async getManaged(ctx: TenantServiceContext, id: string, operation: string): Promise<Participant> {
    const participant = await this.get(ctx, id, null);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, participant.organizationId)) throw forbidden();
    await this.reveal(ctx, [participant], operation);
    return participant;
  }

  /** Every error of the person at once (one per field), not the first only. */
  private checkPerson(person: DomainParticipant, role: ParticipantRole, on: string) {
    const errors = validateParticipant(person, { role, on }).filter((issue) => issue.severity === 'error');
    const onePerField = errors.filter((issue, index) => errors.findIndex((other) => other.field === issue.field) === index);
    if (onePerField.length) throw badUserInputs(onePerField);
  }

  private async checkAttachments(ctx: TenantServiceContext, consents: ParticipantConsent[], organizationId: string) {
    for (const [index, consent] of consents.entries()) {
      if (!consent.attachmentId) continue;
      const found = isUuid(consent.attachmentId)
        ? await ctx.tenant.em.count(Attachment, { id: consent.attachmentId, $or: [{ organizationId }, { organizationId: null }] })
        : 0;
      if (!found) throw badUserInput(`consents[${index}].attachmentId`, M.attachmentNotFound);
    }
  }

  async create(ctx: TenantServiceContext, input: CreateParticipantInput): Promise<Participant> {
    const { tenant, actor } = ctx;
    const programme = await this.programmes.getManaged(ctx, input.programmeId, 'programmeId');
    const role = input.role as ParticipantRole;
    const participant = new Participant();
    Object.assign(participant, personData(input), { role, programmeId: programme.id, organizationId: programme.organizationId, createdAt: this.clock.now() });
    const today = this.clock.today();
    const person = toDomainParticipant(participant);
    this.checkPerson(person, role, today);
    const recordedBy = actor.displayName || actor.username;
    const consents = (input.consents ?? []).map((c, i) => consentFromInput(c, participant.id, recordedBy, i));
    checkConsents(person, consents, today);
    await this.checkAttachments(ctx, consents, programme.organizationId);
    await tenant.em.transactional(
      async (em) => {
        em.persist(participant);
        for (const consent of consents) em.persist(consent);
        await em.flush();
      },
      { clear: true },
    );
    forgetTenantReads(tenant);
    const saved = await tenant.em.findOneOrFail(Participant, { id: participant.id });
    await this.reveal(ctx, [saved], 'create');
    return saved;
  }

  async update(ctx: TenantServiceContext, id: string, input: ParticipantDataInput): Promise<Participant> {
    const participant = await this.getManaged(ctx, id, 'update');
    if (participant.anonymized) throw conflict(M.anonymized, 'STATE');
    const data = personData(input);
    const draft = Object.assign(new Participant(), participant, data);
    const today = this.clock.today();
    const person = toDomainParticipant(draft);
    this.checkPerson(person, participant.role, today);
    // A change of birth date or category may change who must consent: the stored consents must still allow it.
    const consents = await ctx.tenant.em.find(ParticipantConsent, { participantId: participant.id });
    const decision = canStore(person, consents.map(toConsentRecord), today);
    if (!decision.allowed) throw badUserInput('consents', decision.message, { reason: decision.reason });
    Object.assign(participant, data);
    await ctx.tenant.em.flush();
    return participant;
  }

  /**
   * Adds tags (requests of mentees, competences of mentors — what matching reads) to the selected
   * participants at once: all or nothing, a reason per refused row (not found or another school's,
   * anonymised, too many tags).
   */
  async addTags(ctx: TenantServiceContext, participantIds: readonly string[], tags: readonly string[]): Promise<Participant[]> {
    const ids = bulkIds(participantIds, 'participantIds');
    const added = normalizeTags(tags ?? []);
    if (added.length === 0) throw badUserInput('tags', WORK_MOVES_MESSAGES_RU.tagsRequired);
    const valid = ids.filter(isUuid);
    const people = valid.length ? await ctx.tenant.em.find(Participant, within(this.scope(ctx), { id: { $in: valid } })) : [];
    const byId = new Map(people.map((person) => [person.id, person]));
    const today = this.clock.today();
    const refusals: RowRefusal[] = [];
    for (const id of ids) {
      const person = byId.get(id);
      if (!person || !managesOrganization(ctx.actor, ctx.tenant.district, person.organizationId)) {
        refusals.push({ id, reason: WORK_MOVES_MESSAGES_RU.notFoundOrForeign });
        continue;
      }
      if (person.anonymized) {
        refusals.push({ id, reason: M.anonymized });
        continue;
      }
      const draft = Object.assign(new Participant(), person, { tags: normalizeTags([...person.tags, ...added]) });
      const issue = validateParticipant(toDomainParticipant(draft), { role: person.role, on: today }).find(
        (problem) => problem.severity === 'error' && problem.field === 'tags',
      );
      if (issue) refusals.push({ id, reason: issue.message });
    }
    if (refusals.length > 0) throw bulkRefusal('participantIds', refusals, ids.length);
    for (const person of people) person.tags = normalizeTags([...person.tags, ...added]);
    await this.reveal(ctx, people, 'bulk-add-tags');
    await ctx.tenant.em.flush();
    return people;
  }

  /** Another consent (a second representative, a renewed consent). */
  async addConsent(ctx: TenantServiceContext, participantId: string, input: ConsentInput): Promise<Participant> {
    const participant = await this.getManaged(ctx, participantId, 'add-consent');
    if (participant.anonymized) throw conflict(M.anonymized, 'STATE');
    const consent = consentFromInput(input, participant.id, ctx.actor.displayName || ctx.actor.username, 0);
    const issue = firstError(validateConsent(toConsentRecord(consent), toDomainParticipant(participant), this.clock.today()));
    if (issue) throw badUserInput(`consents[0].${issue.field}`, issue.message);
    await this.checkAttachments(ctx, [consent], participant.organizationId);
    ctx.tenant.em.persist(consent);
    await ctx.tenant.em.flush();
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(Participant, { id: participant.id });
  }

  /**
   * Withdrawal of consent to processing: processing stops — the person is anonymised in place
   * (the domain's `withdrawalEffect`/`anonymize`: id, category, organisation and age band stay for the
   * statistics), every consent is marked withdrawn, the representatives' names erased, the event logged;
   * the person's free-text answers are erased (numbers stay, unlinked) and cases naming them unpublished;
   * every text of the district about the person is cleared or redacted and the erasure recorded (./erasure.ts).
   */
  async withdraw(ctx: TenantServiceContext, participantId: string, consentId?: string | null): Promise<Participant> {
    const { tenant } = ctx;
    const participant = await this.getManaged(ctx, participantId, 'withdraw-consent');
    if (participant.anonymized) throw conflict(M.anonymized, 'STATE');
    const consents = await tenant.em.find(ParticipantConsent, { participantId: participant.id }, { orderBy: { signedOn: 'asc' } });
    const target = consentId ? consents.find((c) => c.id === consentId) : consents.find((c) => !c.withdrawnOn);
    if (!target) throw badUserInput('consentId', M.noConsentToWithdraw);
    const today = this.clock.today();
    const person = toDomainParticipant(participant);
    const effect = withdrawalEffect(person, consents.map(toConsentRecord), { consentId: target.id, scopes: 'all', on: today });
    if (effect.kind === 'none') throw conflict(effect.message, 'STATE');
    const anonymized = effect.kind === 'anonymize' ? effect.anonymized : anonymize(person, today);
    // Read before the row is blanked: the forms in which texts may name the person.
    const identifiers = {
      ...person,
      relatedNames: consents.map((c) => c.representativeName ?? '').filter((name) => name.trim() !== ''),
    };
    const erased = await tenant.em.transactional(
      async (em) => {
        // First: the pairs, answers and consents still point at the person here.
        const result = await erasePersonalData(em, {
          schemaName: tenant.district.schemaName,
          districtId: tenant.district.id,
          participantId: participant.id,
          organizationId: participant.organizationId,
          username: participant.username,
          identifiers,
          on: today,
          byUserId: ctx.actor.userId,
        });
        await em.nativeUpdate(
          Participant,
          { id: participant.id },
          {
            lastName: null,
            firstName: null,
            middleName: null,
            birthDate: null,
            classOrPosition: null,
            experienceYears: null,
            email: null,
            phone: null,
            specialGroups: [],
            tags: [],
            freeText: '',
            username: null,
            anonymized: true,
            anonymizedOn: anonymized.anonymizedOn,
            ageBand: anonymized.ageBand,
          },
        );
        await em.nativeUpdate(
          ParticipantConsent,
          { participantId: participant.id },
          { representativeName: null, representativeDocument: null, representativeEmail: null },
        );
        await em.nativeUpdate(ParticipantConsent, { participantId: participant.id, withdrawnOn: null }, { withdrawnOn: today });
        // Questionnaires: free text erased, numbers kept without the person; published cases naming the person taken down (app.ts wires them).
        for (const step of this.withdrawalSteps) await step(em, tenant.district.schemaName, participant.id);
        return result;
      },
      { clear: true },
    );
    // Bytes outside the database go after the commit (a failed delete leaves an unreferenced object, no card).
    for (const file of erased.files) {
      await this.storages?.[file.storage].delete({ schemaName: tenant.district.schemaName, em: tenant.em }, file.id).catch(() => undefined);
    }
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(Participant, { id: participant.id });
  }

  /** Who saw the person's data, newest first (school director and curator of the person's school). */
  async accessLog(ctx: TenantServiceContext, participantId: string): Promise<ParticipantAccessLog[]> {
    const participant = await this.get(ctx, participantId, null);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, participant.organizationId)) throw forbidden();
    return ctx.tenant.em.find(ParticipantAccessLog, { participantId: participant.id }, { orderBy: { at: 'desc', id: 'desc' } });
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    participants: ParticipantService;
  }
}
