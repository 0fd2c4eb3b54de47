import { isPairQuestionnaire, isQuestionnaireKind, questionnaireRoles, readAnswers, type Question } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { MentoringPair } from '../pairs/pair.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { logAccess } from '../participants/access-log.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { managesOrganization } from '../programmes/scope.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { QuestionnaireAnswer, QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from './questionnaire.entity.js';
import { answerError, checkKindAndPhase, pairOf, personName, rawAnswers, round, storeResponse, type AnswerInputValue } from './shared.js';
import { ensureDefaultQuestionnaires, type QuestionnaireTemplateService } from './templates.service.js';

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

/** Results of a programme's questionnaires: answers entered by staff, one response, who answered, and the aggregates in SQL. */
export class QuestionnaireResultService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
    private readonly templates: QuestionnaireTemplateService,
  ) {}

  /** Answers entered by school staff (from a paper form or an interview). */
  async submitByStaff(
    ctx: TenantServiceContext,
    input: { templateId: string; participantId: string; phase?: string | null; answeredBy?: string | null; answers: AnswerInputValue[] },
  ): Promise<QuestionnaireResponse> {
    const template = await this.templates.template(ctx, input.templateId, 'templateId');
    if (!managesOrganization(ctx.actor, ctx.tenant.district, template.organizationId)) throw forbidden();
    const { kind, phase } = checkKindAndPhase(template.kind, input.phase);
    const person = isUuid(input.participantId)
      ? await ctx.tenant.em.findOne(Participant, { id: input.participantId, programmeId: template.programmeId })
      : null;
    if (!person) throw badUserInput('participantId', M.participantNotInProgramme);
    if (person.anonymized) throw badUserInput('participantId', M.anonymized);
    if (!questionnaireRoles(kind).includes(person.role)) throw badUserInput('participantId', M.wrongRole(personName(person), kind));
    let pairId: string | null = null;
    if (isPairQuestionnaire(kind)) {
      const pair = pairOf(await ctx.tenant.em.find(MentoringPair, { programmeId: template.programmeId }), person.id);
      if (!pair) throw badUserInput('participantId', M.noPair(personName(person)));
      pairId = pair.id;
    }
    const answeredBy = (input.answeredBy ?? 'staff').trim();
    if (!['participant', 'representative', 'staff'].includes(answeredBy)) throw badUserInput('answeredBy', M.answeredBy);
    const sheet = readAnswers(template.questions, rawAnswers(input.answers ?? []));
    answerError(sheet, template.questions);
    const now = this.clock.now();
    const response = await storeResponse(ctx.tenant.em, {
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
    if (response.participantId)
      await logAccess(ctx.tenant, ctx.actor, [{ id: response.participantId, organizationId: response.organizationId }], 'questionnaire-view');
    return response;
  }

  async answersOf(em: EntityManager, responseId: string): Promise<QuestionnaireAnswer[]> {
    return em.find(QuestionnaireAnswer, { responseId }, { orderBy: { id: 'asc' } });
  }

  /** Who answered: the programme's people (of the roles the kind is for), each with the state of their link/answer. */
  async status(ctx: TenantServiceContext, programmeId: string, kindValue: string, page?: PageInput | null): Promise<Page<StatusRow>> {
    const programme = await this.programmes.getManaged(ctx, programmeId, 'programmeId');
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
          ctx.tenant.em.find(
            QuestionnaireLink,
            { programmeId: programme.id, kind, participantId: { $in: ids }, revokedAt: null },
            { orderBy: { createdAt: 'desc' } },
          ),
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
        if (response)
          return {
            phase,
            status: 'answered',
            issuedAt: link?.createdAt ?? null,
            expiresAt: link?.expiresAt ?? null,
            submittedAt: response.submittedAt,
            responseId: response.id,
          };
        if (link)
          return {
            phase,
            status: link.expiresAt > now ? 'pending' : 'expired',
            issuedAt: link.createdAt,
            expiresAt: link.expiresAt,
            submittedAt: null,
            responseId: null,
          };
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
    const programme = await this.programmes.getManaged(ctx, programmeId, 'programmeId');
    if (!isQuestionnaireKind(kindValue)) throw badUserInput('kind', M.unknownKind(kindValue));
    const kind = kindValue;
    await ensureDefaultQuestionnaires(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
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
      const order =
        q.kind === 'single' || q.kind === 'multiple'
          ? q.options
          : Array.from({ length: q.kind === 'scale10' ? 10 : q.kind === 'scale5' ? 5 : 0 }, (_, i) => String(i + 1));
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
      const rows = await conn.execute<
        Array<{ question_id: string; pairs: number; before_mean: number | null; after_mean: number | null; mean_delta: number | null }>
      >(
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
          return {
            questionId: q.id,
            text: q.text,
            pairs: row?.pairs ?? 0,
            beforeMean: round(row?.before_mean),
            afterMean: round(row?.after_mean),
            meanDelta: round(row?.mean_delta),
          };
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
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    questionnaireResults: QuestionnaireResultService;
  }
}
