import { createHash, randomBytes } from 'node:crypto';
import {
  ageOn,
  ANONYMIZED_NAME_RU,
  defaultQuestionnaire,
  isPairQuestionnaire,
  isQuestionKind,
  isQuestionnaireKind,
  QUESTIONNAIRE_KINDS,
  questionnaireRoles,
  readAnswers,
  sameMeaning,
  validateQuestionnaire,
  type AnswerSheet,
  type Question,
  type QuestionnaireKind,
} from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { District } from '../directory/district.entity.js';
import { within } from '../directory/scope.js';
import { MentoringPair } from '../pairs/pair.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { logAccess } from '../programmes/loaders.js';
import type { Programme } from '../programmes/programme.entity.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { managesOrganization, programmeDataScope } from '../programmes/scope.js';
import { forgetTenantReads } from '../roadmaps/access.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { QuestionnaireAnswer, QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from './questionnaire.entity.js';

export const DEFAULT_LINK_DAYS = 14;
const MAX_LINK_DAYS = 90;
const MAX_LINKS_PER_CALL = 200;

export const personName = (p: Pick<Participant, 'anonymized' | 'lastName' | 'firstName' | 'middleName'>) =>
  p.anonymized ? ANONYMIZED_NAME_RU : [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A minor (by date of birth; a pupil without one is treated as a minor): the form addresses the pupil and the representative. */
export function isMinorOn(p: Pick<Participant, 'birthDate' | 'category'>, today: string): boolean {
  const age = p.birthDate ? ageOn(p.birthDate, today) : null;
  if (age !== null) return age < 18;
  return p.category === 'pupil';
}

export interface AnswerInputValue {
  questionId: string;
  value?: string | null;
  values?: string[] | null;
}

export interface IssuedLink {
  linkId: string;
  participantId: string;
  participantName: string;
  pairId: string | null;
  phase: string | null;
  path: string;
  expiresAt: Date;
}

export interface StatusEntry {
  phase: string | null;
  status: 'answered' | 'pending' | 'expired' | 'not-issued';
  issuedAt: Date | null;
  expiresAt: Date | null;
  submittedAt: Date | null;
  responseId: string | null;
}

export interface StatusRow {
  participantId: string;
  displayName: string;
  role: string;
  entries: StatusEntry[];
}

export interface QuestionSummary {
  questionId: string;
  text: string;
  kind: string;
  answers: number;
  average: number | null;
  distribution: Array<{ value: string; count: number }>;
}

export interface QuestionnaireSummary {
  programmeId: string;
  kind: string;
  invited: number;
  answered: number;
  responseRate: number | null;
  questions: QuestionSummary[];
  satisfaction: { mentorAverage: number | null; menteeAverage: number | null; mentorResponses: number; menteeResponses: number } | null;
  impact: Array<{ questionId: string; text: string; pairs: number; beforeMean: number | null; afterMean: number | null; meanDelta: number | null }>;
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

const round = (value: number | null | undefined, digits = 2) => (value === null || value === undefined ? null : Math.round(Number(value) * 10 ** digits) / 10 ** digits);
const newQuestionId = () => `q-${randomBytes(5).toString('hex')}`;

/** Answers as a form sends them (question id → strings). */
export function rawAnswers(input: readonly AnswerInputValue[]): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  for (const answer of input) {
    const values = [...(answer.values ?? []), ...(answer.value !== undefined && answer.value !== null ? [answer.value] : [])];
    raw[answer.questionId] = [...(raw[answer.questionId] ?? []), ...values];
  }
  return raw;
}

/** Creates the default templates a programme lacks (idempotent: the unique key skips existing ones). */
export async function ensureDefaultQuestionnaires(em: EntityManager, schemaName: string, programme: Pick<Programme, 'id' | 'organizationId'>, createdByName = 'Платформа'): Promise<void> {
  const existing = await em.getConnection().execute<Array<{ kind: string }>>(
    `select distinct kind from "${schemaName}"."questionnaire_template" where programme_id = ?`,
    [programme.id],
  );
  const have = new Set(existing.map((r) => r.kind));
  for (const kind of QUESTIONNAIRE_KINDS) {
    if (have.has(kind)) continue;
    const content = defaultQuestionnaire(kind);
    await em.execute(
        `insert into "${schemaName}"."questionnaire_template" ("id", "programme_id", "organization_id", "kind", "version", "is_current", "title", "intro", "questions", "created_by_name") values (?, ?, ?, ?, 1, true, ?, ?, ?::jsonb, ?) on conflict do nothing`,
        [uuidv7(), programme.id, programme.organizationId, kind, content.title, content.intro, JSON.stringify(content.questions), createdByName],
        'run',
      );
  }
}


/**
 * Questionnaires of a programme: versioned templates (defaults for the five kinds), personal links
 * without an account (only the token's hash is kept), answers by staff, by link or in the mentor's /
 * mentee's own account, and per-programme aggregates computed in SQL.
 */
export class QuestionnaireService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
  ) {}

  // ————— templates —————

  /** Creates the default templates a programme lacks (idempotent). */
  ensureDefaults(em: EntityManager, schemaName: string, programme: Pick<Programme, 'id' | 'organizationId'>): Promise<void> {
    return ensureDefaultQuestionnaires(em, schemaName, programme);
  }

  async templates(ctx: TenantServiceContext, programmeId: string): Promise<QuestionnaireTemplate[]> {
    const programme = await this.programmes.get(ctx, programmeId, 'programmeId');
    await this.ensureDefaults(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
    const rows = await ctx.tenant.em.find(QuestionnaireTemplate, { programmeId: programme.id, isCurrent: true });
    return rows.sort((a, b) => QUESTIONNAIRE_KINDS.indexOf(a.kind as QuestionnaireKind) - QUESTIONNAIRE_KINDS.indexOf(b.kind as QuestionnaireKind));
  }

  async template(ctx: TenantServiceContext, id: string, field?: string): Promise<QuestionnaireTemplate> {
    const template = isUuid(id)
      ? await ctx.tenant.em.findOne(QuestionnaireTemplate, within(programmeDataScope<QuestionnaireTemplate>(ctx.actor, ctx.tenant.district), { id }))
      : null;
    if (!template) throw field ? badUserInput(field, M.templateNotFound) : notFound(M.templateNotFound);
    return template;
  }

  private async currentTemplate(ctx: TenantServiceContext, programme: Programme, kind: QuestionnaireKind): Promise<QuestionnaireTemplate> {
    await this.ensureDefaults(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
    return ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { programmeId: programme.id, kind, isCurrent: true });
  }

  /**
   * Edits the current version. Questions keep their id while their kind and options stay the same
   * (wording may change); otherwise they get a new id. A version that already has answers is never
   * changed: the edit becomes the next version.
   */
  async updateTemplate(
    ctx: TenantServiceContext,
    id: string,
    input: { title: string; intro?: string | null; questions: Array<{ id?: string | null; kind: string; text: string; required?: boolean | null; options?: string[] | null }> },
  ): Promise<QuestionnaireTemplate> {
    const template = await this.template(ctx, id);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, template.organizationId)) throw forbidden();
    if (!template.isCurrent) throw conflict(M.templateNotCurrent, 'STATE');
    const previous = new Map(template.questions.map((q) => [q.id, q]));
    const used = new Set<string>();
    const questions: Question[] = input.questions.map((q, i) => {
      const kind = (q.kind ?? '').trim();
      if (!isQuestionKind(kind)) throw badUserInput(`questions[${i}].kind`, M.questionKind(i + 1, kind));
      const candidate: Question = {
        id: '',
        kind,
        text: (q.text ?? '').replace(/\s+/g, ' ').trim(),
        required: q.required ?? true,
        options: kind === 'single' || kind === 'multiple' ? (q.options ?? []).map((o) => o.replace(/\s+/g, ' ').trim()) : (q.options ?? []).filter((o) => o.trim()),
      };
      const old = q.id ? previous.get(q.id) : undefined;
      candidate.id = old && !used.has(old.id) && sameMeaning(old, candidate) ? old.id : newQuestionId();
      used.add(candidate.id);
      return candidate;
    });
    const content = { title: (input.title ?? '').trim(), intro: (input.intro ?? '').trim(), questions };
    const issue = validateQuestionnaire(content).find((i) => i.severity === 'error');
    if (issue) throw badUserInput(issue.field, issue.message);
    const answered = await ctx.tenant.em.count(QuestionnaireResponse, { templateId: template.id });
    const by = ctx.actor.displayName || ctx.actor.username;
    if (answered === 0) {
      Object.assign(template, content, { createdByName: by });
      await ctx.tenant.em.flush();
      return template;
    }
    const next = new QuestionnaireTemplate();
    Object.assign(next, {
      programmeId: template.programmeId,
      organizationId: template.organizationId,
      kind: template.kind,
      version: template.version + 1,
      isCurrent: true,
      ...content,
      createdByName: by,
      createdAt: this.clock.now(),
    });
    await ctx.tenant.em.transactional(async (em) => {
      await em.nativeUpdate(QuestionnaireTemplate, { id: template.id, isCurrent: true }, { isCurrent: false });
      em.persist(next);
      await em.flush();
    });
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { id: next.id });
  }

  // ————— links —————

  private async managedProgramme(ctx: TenantServiceContext, programmeId: string): Promise<Programme> {
    return this.programmes.getManaged(ctx, programmeId, 'programmeId');
  }

  /** The participant's pair in the programme (the latest; an active one first). */
  private pairOf(pairs: MentoringPair[], participantId: string): MentoringPair | null {
    const own = pairs.filter((p) => p.mentorId === participantId || p.menteeIds.includes(participantId));
    own.sort((a, b) => (a.status === b.status ? b.startDate.localeCompare(a.startDate) : a.status === 'active' ? -1 : 1));
    return own[0] ?? null;
  }

  private checkKindAndPhase(kind: string, phase: string | null | undefined): { kind: QuestionnaireKind; phase: string | null } {
    if (!isQuestionnaireKind(kind)) throw badUserInput('kind', M.unknownKind(kind));
    const p = (phase ?? '').trim() || null;
    if (kind === 'impact') {
      if (p !== 'before' && p !== 'after') throw badUserInput('phase', M.phaseRequired);
      return { kind, phase: p };
    }
    if (p) throw badUserInput('phase', M.phaseOnlyImpact);
    return { kind, phase: null };
  }

  /**
   * Personal links for a set of people of the programme: a random token (256 bits) whose SHA-256 is
   * stored; the URLs are returned only now. Issuing again for the same person, kind, pair and phase
   * revokes the previous open link (a lost link is simply issued again).
   */
  async issueLinks(
    ctx: TenantServiceContext,
    input: { programmeId: string; kind: string; participantIds: string[]; phase?: string | null; validDays?: number | null },
  ): Promise<IssuedLink[]> {
    const programme = await this.managedProgramme(ctx, input.programmeId);
    const { kind, phase } = this.checkKindAndPhase(input.kind, input.phase);
    const ids = [...new Set(input.participantIds ?? [])];
    if (ids.length === 0) throw badUserInput('participantIds', M.noParticipants);
    if (ids.length > MAX_LINKS_PER_CALL) throw badUserInput('participantIds', M.tooManyLinks(MAX_LINKS_PER_CALL));
    const days = input.validDays ?? DEFAULT_LINK_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) throw badUserInput('validDays', M.validDays(MAX_LINK_DAYS));
    const people = await ctx.tenant.em.find(Participant, { id: { $in: ids.filter(isUuid) }, programmeId: programme.id });
    const byId = new Map(people.map((p) => [p.id, p]));
    const roles = questionnaireRoles(kind);
    const pairs = isPairQuestionnaire(kind) ? await ctx.tenant.em.find(MentoringPair, { programmeId: programme.id }) : [];
    const template = await this.currentTemplate(ctx, programme, kind);
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
        const pair = this.pairOf(pairs, person.id);
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
    await logAccess(ctx.tenant, ctx.actor, plan.map((p) => p.person), 'questionnaire-link');
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
    const link = isUuid(linkId) ? await ctx.tenant.em.findOne(QuestionnaireLink, within(programmeDataScope<QuestionnaireLink>(ctx.actor, ctx.tenant.district), { id: linkId })) : null;
    if (!link) throw notFound(M.linkNotFound);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, link.organizationId)) throw forbidden();
    if (link.submittedAt) throw conflict(M.linkUsed, 'STATE');
    if (!link.revokedAt) {
      link.revokedAt = this.clock.now();
      await ctx.tenant.em.flush();
    }
    return true;
  }

  // ————— responses —————

  private answerError(sheet: AnswerSheet, questions: readonly Question[]) {
    const ids = Object.keys(sheet.errors);
    if (ids.length === 0) return;
    const first = ids[0]!;
    const number = questions.findIndex((q) => q.id === first) + 1;
    throw badUserInput(`answers.${first}`, number > 0 ? `Вопрос ${number}: ${sheet.errors[first]}` : sheet.errors[first]!, { errors: sheet.errors });
  }

  /** Inserts the response and its answers; closes the link (once: a second submission finds it closed). */
  private async store(
    em: EntityManager,
    values: {
      template: QuestionnaireTemplate;
      participant: Participant;
      pairId: string | null;
      phase: string | null;
      link: QuestionnaireLink | null;
      source: QuestionnaireResponse['source'];
      answeredBy: string;
      enteredByName: string | null;
      sheet: AnswerSheet;
      now: Date;
    },
  ): Promise<QuestionnaireResponse | null> {
    const response = new QuestionnaireResponse();
    Object.assign(response, {
      programmeId: values.template.programmeId,
      organizationId: values.template.organizationId,
      templateId: values.template.id,
      kind: values.template.kind,
      participantId: values.participant.id,
      respondentKey: values.participant.id,
      respondentRole: values.participant.role,
      pairId: values.pairId,
      phase: values.phase,
      linkId: values.link?.id ?? null,
      source: values.source,
      answeredBy: values.answeredBy,
      enteredByName: values.enteredByName,
      submittedAt: values.now,
    });
    return em.transactional(async (tx) => {
      if (values.link) {
        const closed = await tx.nativeUpdate(
          QuestionnaireLink,
          { id: values.link.id, submittedAt: null, revokedAt: null, expiresAt: { $gt: values.now } },
          { submittedAt: values.now, responseId: response.id },
        );
        if (closed !== 1) return null;
      }
      tx.persist(response);
      for (const a of values.sheet.answers) {
        const row = new QuestionnaireAnswer();
        Object.assign(row, { responseId: response.id, questionId: a.questionId, valueNumber: a.number, scaleMax: a.scaleMax, valueChoices: a.choices, valueText: a.text });
        tx.persist(row);
      }
      await tx.flush();
      return response;
    });
  }

  /** Answers entered by school staff (from a paper form or an interview). */
  async submitByStaff(
    ctx: TenantServiceContext,
    input: { templateId: string; participantId: string; phase?: string | null; answeredBy?: string | null; answers: AnswerInputValue[] },
  ): Promise<QuestionnaireResponse> {
    const template = await this.template(ctx, input.templateId, 'templateId');
    if (!managesOrganization(ctx.actor, ctx.tenant.district, template.organizationId)) throw forbidden();
    const { kind, phase } = this.checkKindAndPhase(template.kind, input.phase);
    const person = isUuid(input.participantId) ? await ctx.tenant.em.findOne(Participant, { id: input.participantId, programmeId: template.programmeId }) : null;
    if (!person) throw badUserInput('participantId', M.participantNotInProgramme);
    if (person.anonymized) throw badUserInput('participantId', M.anonymized);
    if (!questionnaireRoles(kind).includes(person.role)) throw badUserInput('participantId', M.wrongRole(personName(person), kind));
    let pairId: string | null = null;
    if (isPairQuestionnaire(kind)) {
      const pair = this.pairOf(await ctx.tenant.em.find(MentoringPair, { programmeId: template.programmeId }), person.id);
      if (!pair) throw badUserInput('participantId', M.noPair(personName(person)));
      pairId = pair.id;
    }
    const answeredBy = (input.answeredBy ?? 'staff').trim();
    if (!['participant', 'representative', 'staff'].includes(answeredBy)) throw badUserInput('answeredBy', M.answeredBy);
    const sheet = readAnswers(template.questions, rawAnswers(input.answers ?? []));
    this.answerError(sheet, template.questions);
    const now = this.clock.now();
    const response = await this.store(ctx.tenant.em, {
      template,
      participant: person,
      pairId,
      phase,
      link: null,
      source: 'staff',
      answeredBy,
      enteredByName: ctx.actor.displayName || ctx.actor.username,
      sheet,
      now,
    });
    // An open link for the same questionnaire is closed: the person has answered.
    await ctx.tenant.em.nativeUpdate(
      QuestionnaireLink,
      { programmeId: template.programmeId, kind, participantId: person.id, pairId, phase, submittedAt: null, revokedAt: null },
      { revokedAt: now },
    );
    forgetTenantReads(ctx.tenant);
    await logAccess(ctx.tenant, ctx.actor, [person], 'questionnaire-answer');
    return ctx.tenant.em.findOneOrFail(QuestionnaireResponse, { id: response!.id });
  }

  /** One response with its answers (school staff of the school only; the view is logged). */
  async response(ctx: TenantServiceContext, id: string): Promise<QuestionnaireResponse> {
    const response = isUuid(id) ? await ctx.tenant.em.findOne(QuestionnaireResponse, { id }) : null;
    if (!response || !managesOrganization(ctx.actor, ctx.tenant.district, response.organizationId)) throw notFound(M.responseNotFound);
    if (response.participantId) await logAccess(ctx.tenant, ctx.actor, [{ id: response.participantId, organizationId: response.organizationId }], 'questionnaire-view');
    return response;
  }

  async answersOf(em: EntityManager, responseId: string): Promise<QuestionnaireAnswer[]> {
    return em.find(QuestionnaireAnswer, { responseId }, { orderBy: { id: 'asc' } });
  }

  /** Who answered: the programme's people (of the roles the kind is for), each with the state of their link/answer. */
  async status(ctx: TenantServiceContext, programmeId: string, kindValue: string, page?: PageInput | null): Promise<Page<StatusRow>> {
    const programme = await this.managedProgramme(ctx, programmeId);
    if (!isQuestionnaireKind(kindValue)) throw badUserInput('kind', M.unknownKind(kindValue));
    const kind = kindValue;
    const { limit, offset } = pageWindow(page);
    const [people, total] = await ctx.tenant.em.findAndCount(
      Participant,
      { programmeId: programme.id, role: { $in: [...questionnaireRoles(kind)] } },
      { limit, offset, orderBy: { anonymized: 'asc', role: 'asc', lastName: 'asc', firstName: 'asc', id: 'asc' } },
    );
    const ids = people.map((p) => p.id);
    const [links, responses] = ids.length
      ? await Promise.all([
          ctx.tenant.em.find(QuestionnaireLink, { programmeId: programme.id, kind, participantId: { $in: ids }, revokedAt: null }, { orderBy: { createdAt: 'desc' } }),
          ctx.tenant.em.find(QuestionnaireResponse, { programmeId: programme.id, kind, participantId: { $in: ids } }, { orderBy: { submittedAt: 'desc' } }),
        ])
      : [[], []];
    const now = this.clock.now();
    const phases: Array<string | null> = kind === 'impact' ? ['before', 'after'] : [null];
    const items = people.map((person): StatusRow => ({
      participantId: person.id,
      displayName: personName(person),
      role: person.role,
      entries: phases.map((phase): StatusEntry => {
        const response = responses.find((r) => r.participantId === person.id && r.phase === phase);
        const link = links.find((l) => l.participantId === person.id && l.phase === phase);
        if (response) return { phase, status: 'answered', issuedAt: link?.createdAt ?? null, expiresAt: link?.expiresAt ?? null, submittedAt: response.submittedAt, responseId: response.id };
        if (link) return { phase, status: link.expiresAt > now ? 'pending' : 'expired', issuedAt: link.createdAt, expiresAt: link.expiresAt, submittedAt: null, responseId: null };
        return { phase, status: 'not-issued', issuedAt: null, expiresAt: null, submittedAt: null, responseId: null };
      }),
    }));
    await logAccess(ctx.tenant, ctx.actor, people, 'questionnaire-status');
    return { items, total, limit, offset };
  }

  // ————— aggregates —————

  /**
   * The programme's figures for one questionnaire, in SQL: per question the number of answers, the
   * average (scales) and the distribution (scale values or options); the response rate
   * (answered / invited, invited = links issued and not revoked + answers entered without a link);
   * for satisfaction the averages of mentors and mentees on a 1–10 scale; for impact, per scale
   * question, the people with both a «before» and an «after» answer, their means and the mean change.
   */
  async summary(ctx: TenantServiceContext, programmeId: string, kindValue: string): Promise<QuestionnaireSummary> {
    const programme = await this.managedProgramme(ctx, programmeId);
    if (!isQuestionnaireKind(kindValue)) throw badUserInput('kind', M.unknownKind(kindValue));
    const kind = kindValue;
    await this.ensureDefaults(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
    const s = `"${ctx.tenant.district.schemaName}"`;
    const conn = ctx.tenant.em.getConnection();
    const versions = await ctx.tenant.em.find(QuestionnaireTemplate, { programmeId: programme.id, kind }, { orderBy: { version: 'desc' } });
    const questions = new Map<string, Question>();
    for (const v of versions) for (const q of v.questions) if (!questions.has(q.id)) questions.set(q.id, q);
    const [counts] = await conn.execute<Array<{ links: number; unlinked: number; responses: number }>>(
      `select
         (select count(*) from ${s}."questionnaire_link" where programme_id = ? and kind = ? and revoked_at is null)::int as links,
         (select count(*) from ${s}."questionnaire_response" where programme_id = ? and kind = ? and link_id is null)::int as unlinked,
         (select count(*) from ${s}."questionnaire_response" where programme_id = ? and kind = ?)::int as responses`,
      [programme.id, kind, programme.id, kind, programme.id, kind],
    );
    const stats = await conn.execute<Array<{ question_id: string; answers: number; average: number | null }>>(
      `select a.question_id, count(*)::int as answers, avg(a.value_number)::float as average
         from ${s}."questionnaire_answer" a join ${s}."questionnaire_response" r on r.id = a.response_id
        where r.programme_id = ? and r.kind = ?
        group by a.question_id`,
      [programme.id, kind],
    );
    const distribution = await conn.execute<Array<{ question_id: string; value: string; count: number }>>(
      `select a.question_id, coalesce(a.value_number::text, c.value) as value, count(*)::int as count
         from ${s}."questionnaire_answer" a
         join ${s}."questionnaire_response" r on r.id = a.response_id
         left join lateral jsonb_array_elements_text(coalesce(a.value_choices, '[]'::jsonb)) as c(value) on true
        where r.programme_id = ? and r.kind = ? and (a.value_number is not null or c.value is not null)
        group by 1, 2`,
      [programme.id, kind],
    );
    const questionSummaries: QuestionSummary[] = [...questions.values()].map((q) => {
      const stat = stats.find((row) => row.question_id === q.id);
      const rows = distribution.filter((row) => row.question_id === q.id);
      const order = q.kind === 'single' || q.kind === 'multiple' ? q.options : Array.from({ length: q.kind === 'scale10' ? 10 : q.kind === 'scale5' ? 5 : 0 }, (_, i) => String(i + 1));
      return {
        questionId: q.id,
        text: q.text,
        kind: q.kind,
        answers: stat?.answers ?? 0,
        average: q.kind === 'scale5' || q.kind === 'scale10' ? round(stat?.average) : null,
        distribution: [
          ...order.map((value) => ({ value, count: rows.find((r) => r.value === value)?.count ?? 0 })),
          ...rows.filter((r) => !order.includes(r.value)).map((r) => ({ value: r.value, count: r.count })),
        ],
      };
    });
    let satisfaction: QuestionnaireSummary['satisfaction'] = null;
    if (kind === 'satisfaction') {
      const rows = await conn.execute<Array<{ role: string; average: number | null; responses: number }>>(
        `select r.respondent_role as role, avg(a.value_number * 10.0 / a.scale_max)::float as average, count(distinct r.id)::int as responses
           from ${s}."questionnaire_response" r
           left join ${s}."questionnaire_answer" a on a.response_id = r.id and a.value_number is not null and a.scale_max > 0
          where r.programme_id = ? and r.kind = 'satisfaction'
          group by r.respondent_role`,
        [programme.id],
      );
      const of = (role: string) => rows.find((r) => r.role === role);
      satisfaction = {
        mentorAverage: round(of('mentor')?.average),
        menteeAverage: round(of('mentee')?.average),
        mentorResponses: of('mentor')?.responses ?? 0,
        menteeResponses: of('mentee')?.responses ?? 0,
      };
    }
    let impact: QuestionnaireSummary['impact'] = [];
    if (kind === 'impact') {
      const rows = await conn.execute<Array<{ question_id: string; pairs: number; before_mean: number | null; after_mean: number | null; mean_delta: number | null }>>(
        `with per as (
           select r.respondent_key, r.pair_id, a.question_id, r.phase, avg(a.value_number)::float as v
             from ${s}."questionnaire_answer" a join ${s}."questionnaire_response" r on r.id = a.response_id
            where r.programme_id = ? and r.kind = 'impact' and a.value_number is not null
            group by 1, 2, 3, 4)
         select b.question_id, count(*)::int as pairs, avg(b.v)::float as before_mean, avg(f.v)::float as after_mean, avg(f.v - b.v)::float as mean_delta
           from per b join per f on f.respondent_key = b.respondent_key and f.pair_id is not distinct from b.pair_id and f.question_id = b.question_id
          where b.phase = 'before' and f.phase = 'after'
          group by b.question_id`,
        [programme.id],
      );
      impact = [...questions.values()]
        .filter((q) => q.kind === 'scale5' || q.kind === 'scale10')
        .map((q) => {
          const row = rows.find((r) => r.question_id === q.id);
          return { questionId: q.id, text: q.text, pairs: row?.pairs ?? 0, beforeMean: round(row?.before_mean), afterMean: round(row?.after_mean), meanDelta: round(row?.mean_delta) };
        });
    }
    const invited = (counts?.links ?? 0) + (counts?.unlinked ?? 0);
    const answered = counts?.responses ?? 0;
    return {
      programmeId: programme.id,
      kind,
      invited,
      answered,
      responseRate: invited > 0 ? round((answered * 100) / invited, 1) : null,
      questions: questionSummaries,
      satisfaction,
      impact,
    };
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
    this.answerError(sheet, template.questions);
    const response = await this.store(ctx.tenant.em, {
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
      form: { link, template, firstName: person.firstName, minor: isMinorOn(person, this.clock.today()), kind: template.kind as QuestionnaireKind, phase: link.phase },
    };
  }

  /** A submission through the link: the answers checked, then stored once. */
  async submitByToken(
    orm: MikroORM,
    token: string,
    raw: Record<string, string[]>,
    answeredByRaw: string,
  ): Promise<{ state: 'saved' } | { state: 'invalid'; form: PublicForm; sheet: AnswerSheet; answeredByError: string | null } | { state: 'unknown' | 'expired' | 'used' | 'revoked' }> {
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
    const response = await this.store(em, {
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

/**
 * Withdrawal of consent (called in the withdrawal's transaction): the person's free-text answers are
 * erased, the numeric and chosen answers stay for the statistics without the link to the person
 * (participant cleared, a fresh random respondent key keeps «before» and «after» together), and the
 * person's links are deleted.
 */
export async function forgetQuestionnaireAnswers(em: EntityManager, schemaName: string, participantId: string): Promise<void> {
  const s = `"${schemaName}"`;
  await em.execute(
    `update ${s}."questionnaire_answer" set value_text = null
      where value_text is not null and response_id in (select id from ${s}."questionnaire_response" where participant_id = ?)`,
    [participantId],
    'run',
  );
  await em.execute(`delete from ${s}."questionnaire_answer" where value_number is null and value_choices is null and value_text is null and response_id in (select id from ${s}."questionnaire_response" where participant_id = ?)`, [participantId], 'run');
  await em.execute(
    `update ${s}."questionnaire_response" set participant_id = null, respondent_key = ?, entered_by_name = null, link_id = null where participant_id = ?`,
    [uuidv7(), participantId],
    'run',
  );
  await em.execute(`delete from ${s}."questionnaire_link" where participant_id = ?`, [participantId], 'run');
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    questionnaires: QuestionnaireService;
  }
}
