import { randomBytes } from 'node:crypto';
import { isPairQuestionnaire, questionnaireRoles, readAnswers, WORK_MOVES_MESSAGES_RU, type AnswerSheet, type QuestionnaireKind } from '@nastavnik/domain';
import { bulkIds, bulkRefusal, type RowRefusal } from '../../engine/bulk.js';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { District } from '../directory/district.entity.js';
import { within } from '../directory/scope.js';
import { MentoringPair } from '../pairs/pair.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { logAccess } from '../participants/access-log.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { managesOrganization, programmeDataScope } from '../programmes/scope.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from './questionnaire.entity.js';
import { answerError, checkKindAndPhase, hashToken, isMinorOn, pairOf, personName, rawAnswers, storeResponse, type AnswerInputValue } from './shared.js';
import type { QuestionnaireTemplateService } from './templates.service.js';

export const DEFAULT_LINK_DAYS = 14;
const MAX_LINK_DAYS = 90;
const MAX_LINKS_PER_CALL = 200;

export interface IssuedLink {
  linkId: string;
  participantId: string;
  participantName: string;
  pairId: string | null;
  phase: string | null;
  path: string;
  expiresAt: Date;
}

/** A form opened through a personal link (what the public page shows). */
export interface PublicForm {
  link: QuestionnaireLink;
  template: QuestionnaireTemplate;
  firstName: string | null;
  minor: boolean;
  kind: QuestionnaireKind;
  phase: string | null;
}

export type PublicOpen = { state: 'open'; form: PublicForm } | { state: 'unknown' | 'expired' | 'used' | 'revoked' };

/**
 * Personal links to questionnaires (without an account: only the token's hash is kept) and the forms
 * they open: the public page by token, and the open forms of the logged-in mentor or mentee.
 */
export class QuestionnaireLinkService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
    private readonly templates: QuestionnaireTemplateService,
  ) {}

  /**
   * Personal links for a set of people of the programme: a random token (256 bits) whose SHA-256 is
   * stored; the URLs are returned only now. Issuing again for the same person, kind, pair and phase
   * revokes the previous open link (a lost link is simply issued again).
   */
  async issueLinks(
    ctx: TenantServiceContext,
    input: { programmeId: string; kind: string; participantIds: string[]; phase?: string | null; validDays?: number | null },
  ): Promise<IssuedLink[]> {
    const programme = await this.programmes.getManaged(ctx, input.programmeId, 'programmeId');
    const { kind, phase } = checkKindAndPhase(input.kind, input.phase);
    const ids = [...new Set(input.participantIds ?? [])];
    if (ids.length === 0) throw badUserInput('participantIds', M.noParticipants);
    if (ids.length > MAX_LINKS_PER_CALL) throw badUserInput('participantIds', M.tooManyLinks(MAX_LINKS_PER_CALL));
    const days = input.validDays ?? DEFAULT_LINK_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) throw badUserInput('validDays', M.validDays(MAX_LINK_DAYS));
    const people = await ctx.tenant.em.find(Participant, { id: { $in: ids.filter(isUuid) }, programmeId: programme.id });
    const byId = new Map(people.map((p) => [p.id, p]));
    const roles = questionnaireRoles(kind);
    const pairs = isPairQuestionnaire(kind) ? await ctx.tenant.em.find(MentoringPair, { programmeId: programme.id }) : [];
    const template = await this.templates.currentTemplate(ctx, programme, kind);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + days * 86_400_000);
    const by = ctx.actor.displayName || ctx.actor.username;
    const plan: Array<{ person: Participant; pairId: string | null; token: string; link: QuestionnaireLink }> = [];
    ids.forEach((id, index) => {
      const person = byId.get(id);
      const field = `participantIds[${index}]`;
      if (!person) throw badUserInput(field, M.participantNotInProgramme);
      if (person.anonymized) throw badUserInput(field, M.anonymized);
      if (!roles.includes(person.role)) throw badUserInput(field, M.wrongRole(personName(person), kind));
      let pairId: string | null = null;
      if (isPairQuestionnaire(kind)) {
        const pair = pairOf(pairs, person.id);
        if (!pair) throw badUserInput(field, M.noPair(personName(person)));
        pairId = pair.id;
      }
      const token = `${ctx.tenant.district.code}.${randomBytes(32).toString('base64url')}`;
      const link = new QuestionnaireLink();
      Object.assign(link, {
        tokenHash: hashToken(token),
        programmeId: programme.id,
        organizationId: programme.organizationId,
        templateId: template.id,
        kind,
        participantId: person.id,
        pairId,
        phase,
        expiresAt,
        createdByName: by,
        createdAt: now,
      });
      plan.push({ person, pairId, token, link });
    });
    await ctx.tenant.em.transactional(async (em) => {
      for (const { person, pairId, link } of plan) {
        await em.nativeUpdate(
          QuestionnaireLink,
          { programmeId: programme.id, kind, participantId: person.id, pairId, phase, submittedAt: null, revokedAt: null },
          { revokedAt: now },
        );
        em.persist(link);
      }
      await em.flush();
    });
    forgetTenantReads(ctx.tenant);
    await logAccess(
      ctx.tenant,
      ctx.actor,
      plan.map((p) => p.person),
      'questionnaire-link',
    );
    return plan.map(({ person, pairId, token, link }) => ({
      linkId: link.id,
      participantId: person.id,
      participantName: personName(person),
      pairId,
      phase,
      path: `/public/surveys/${token}`,
      expiresAt,
    }));
  }

  async revokeLink(ctx: TenantServiceContext, linkId: string): Promise<boolean> {
    const link = isUuid(linkId)
      ? await ctx.tenant.em.findOne(QuestionnaireLink, within(programmeDataScope<QuestionnaireLink>(ctx.actor, ctx.tenant.district), { id: linkId }))
      : null;
    if (!link) throw notFound(M.linkNotFound);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, link.organizationId)) throw forbidden();
    if (link.submittedAt) throw conflict(M.linkUsed, 'STATE');
    if (!link.revokedAt) {
      link.revokedAt = this.clock.now();
      await ctx.tenant.em.flush();
    }
    return true;
  }

  /**
   * Revokes several unused links at once, or none: a link not found (or another school's), one
   * the actor does not manage or one already answered refuses the whole action, with its reason.
   */
  async revokeLinks(ctx: TenantServiceContext, linkIds: readonly string[]): Promise<string[]> {
    const ids = bulkIds(linkIds, 'linkIds');
    const valid = ids.filter(isUuid);
    const links = valid.length
      ? await ctx.tenant.em.find(QuestionnaireLink, within(programmeDataScope<QuestionnaireLink>(ctx.actor, ctx.tenant.district), { id: { $in: valid } }))
      : [];
    const byId = new Map(links.map((link) => [link.id, link]));
    const refusals: RowRefusal[] = [];
    for (const id of ids) {
      const link = byId.get(id);
      if (!link) refusals.push({ id, reason: WORK_MOVES_MESSAGES_RU.notFoundOrForeign });
      else if (!managesOrganization(ctx.actor, ctx.tenant.district, link.organizationId))
        refusals.push({ id, reason: WORK_MOVES_MESSAGES_RU.notFoundOrForeign });
      else if (link.submittedAt) refusals.push({ id, reason: M.linkUsed });
    }
    if (refusals.length > 0) throw bulkRefusal('linkIds', refusals, ids.length);
    const now = this.clock.now();
    for (const link of links) if (!link.revokedAt) link.revokedAt = now;
    await ctx.tenant.em.flush();
    forgetTenantReads(ctx.tenant);
    return ids;
  }

  // ————— the mentor's / mentee's own forms —————

  private async ownIds(ctx: TenantServiceContext): Promise<string[]> {
    if (!ctx.actor.roles.some((r) => r === 'mentor' || r === 'mentee')) return [];
    const rows = await ctx.tenant.em.find(Participant, { username: ctx.actor.username, anonymized: false }, { fields: ['id'] });
    return rows.map((r) => r.id);
  }

  /** Open links of the logged-in mentor or mentee (not expired, not answered). */
  async mine(ctx: TenantServiceContext): Promise<Array<{ link: QuestionnaireLink; template: QuestionnaireTemplate }>> {
    const own = await this.ownIds(ctx);
    if (own.length === 0) return [];
    const links = await ctx.tenant.em.find(
      QuestionnaireLink,
      { participantId: { $in: own }, submittedAt: null, revokedAt: null, expiresAt: { $gt: this.clock.now() } },
      { orderBy: { expiresAt: 'asc' }, limit: 100 },
    );
    const templates = links.length ? await ctx.tenant.em.find(QuestionnaireTemplate, { id: { $in: [...new Set(links.map((l) => l.templateId))] } }) : [];
    return links.map((link) => ({ link, template: templates.find((t) => t.id === link.templateId)! }));
  }

  /** The logged-in mentor or mentee answers one of their own open forms. */
  async submitMine(ctx: TenantServiceContext, linkId: string, answers: AnswerInputValue[]): Promise<QuestionnaireResponse> {
    const own = await this.ownIds(ctx);
    const link = isUuid(linkId) && own.length ? await ctx.tenant.em.findOne(QuestionnaireLink, { id: linkId, participantId: { $in: own } }) : null;
    if (!link) throw notFound(M.linkNotFound);
    const template = await ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { id: link.templateId });
    const person = await ctx.tenant.em.findOneOrFail(Participant, { id: link.participantId });
    const sheet = readAnswers(template.questions, rawAnswers(answers ?? []));
    answerError(sheet, template.questions);
    const response = await storeResponse(ctx.tenant.em, {
      template,
      participant: person,
      pairId: link.pairId,
      phase: link.phase,
      link,
      source: 'account',
      answeredBy: 'participant',
      enteredByName: null,
      sheet,
      now: this.clock.now(),
    });
    if (!response) throw conflict(M.linkClosed, 'STATE');
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(QuestionnaireResponse, { id: response.id });
  }

  // ————— the public form (no account) —————

  /** The district fork a token belongs to (the token starts with the district's code), or null. */
  private async tenantOf(orm: MikroORM, token: string): Promise<EntityManager | null> {
    const match = /^([a-z0-9][a-z0-9-]{1,62})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const district = await orm.em.fork({ clear: true }).findOne(District, { code: match[1]! });
    return district ? orm.em.fork({ clear: true, schema: district.schemaName }) : null;
  }

  async openByToken(orm: MikroORM, token: string): Promise<PublicOpen & { em?: EntityManager }> {
    const em = await this.tenantOf(orm, token);
    if (!em) return { state: 'unknown' };
    const link = await em.findOne(QuestionnaireLink, { tokenHash: hashToken(token) });
    if (!link) return { state: 'unknown' };
    if (link.submittedAt) return { state: 'used' };
    if (link.revokedAt) return { state: 'revoked' };
    if (link.expiresAt <= this.clock.now()) return { state: 'expired' };
    const [template, person] = await Promise.all([
      em.findOne(QuestionnaireTemplate, { id: link.templateId }),
      em.findOne(Participant, { id: link.participantId }),
    ]);
    if (!template || !person || person.anonymized) return { state: 'unknown' };
    return {
      state: 'open',
      em,
      form: {
        link,
        template,
        firstName: person.firstName,
        minor: isMinorOn(person, this.clock.today()),
        kind: template.kind as QuestionnaireKind,
        phase: link.phase,
      },
    };
  }

  /** A submission through the link: the answers checked, then stored once. */
  async submitByToken(
    orm: MikroORM,
    token: string,
    raw: Record<string, string[]>,
    answeredByRaw: string,
  ): Promise<
    | { state: 'saved' }
    | { state: 'invalid'; form: PublicForm; sheet: AnswerSheet; answeredByError: string | null }
    | { state: 'unknown' | 'expired' | 'used' | 'revoked' }
  > {
    const opened = await this.openByToken(orm, token);
    if (opened.state !== 'open') return { state: opened.state };
    const { form, em } = opened as { form: PublicForm; em: EntityManager };
    const known = new Set(form.template.questions.map((q) => q.id));
    const sheet = readAnswers(form.template.questions, Object.fromEntries(Object.entries(raw).filter(([id]) => known.has(id))));
    let answeredByError: string | null = null;
    let answeredBy = 'participant';
    if (form.minor) {
      if (answeredByRaw !== 'participant' && answeredByRaw !== 'representative') answeredByError = M.answeredByRequired;
      else answeredBy = answeredByRaw;
    }
    if (Object.keys(sheet.errors).length > 0 || answeredByError) return { state: 'invalid', form, sheet, answeredByError };
    const person = await em.findOne(Participant, { id: form.link.participantId });
    if (!person || person.anonymized) return { state: 'unknown' };
    const response = await storeResponse(em, {
      template: form.template,
      participant: person,
      pairId: form.link.pairId,
      phase: form.link.phase,
      link: form.link,
      source: 'link',
      answeredBy,
      enteredByName: null,
      sheet,
      now: this.clock.now(),
    });
    return response ? { state: 'saved' } : { state: 'used' };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    questionnaireLinks: QuestionnaireLinkService;
  }
}
