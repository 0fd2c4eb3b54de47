import { QUESTION_KIND_LABELS_RU, QUESTIONNAIRE_KIND_LABELS_RU, type QuestionKind, type QuestionnaireKind } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { QuestionnaireResponse, QuestionnaireTemplate } from './questionnaire.entity.js';

const MANAGERS = ['school-director', 'school-curator'] as const;

@ObjectType('Question')
export class QuestionType {
  @Field(() => ID) id!: string;
  @Field({ description: 'scale5, scale10, single, multiple, text.' }) kind!: string;
  @Field() kindLabel!: string;
  @Field() text!: string;
  @Field() required!: boolean;
  @Field(() => [String]) options!: string[];
}

const questionOut = (q: { id: string; kind: string; text: string; required: boolean; options: string[] }): QuestionType => ({
  ...q,
  kindLabel: QUESTION_KIND_LABELS_RU[q.kind as QuestionKind] ?? q.kind,
});

@InputType('QuestionInput')
export class QuestionInput {
  @Field(() => ID, { nullable: true, description: 'Идентификатор существующего вопроса (сохраняется, если тип и варианты не изменились).' })
  id?: string | null;
  @Field({ description: 'scale5, scale10, single, multiple, text.' }) kind!: string;
  @Field() text!: string;
  @Field(() => Boolean, { nullable: true, description: 'Обязательный (по умолчанию да).' }) required?: boolean | null;
  @Field(() => [String], { nullable: true }) options?: string[] | null;
}

@InputType('QuestionnaireTemplateInput')
export class QuestionnaireTemplateInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) intro?: string | null;
  @Field(() => [QuestionInput]) questions!: QuestionInput[];
}

@InputType('IssueQuestionnaireLinksInput')
export class IssueQuestionnaireLinksInput {
  @Field(() => ID) programmeId!: string;
  @Field({ description: 'mentee, mentor, preferences, satisfaction, impact.' }) kind!: string;
  @Field(() => [ID]) participantIds!: string[];
  @Field(() => String, { nullable: true, description: 'before / after — только для оценки влияния (impact).' }) phase?: string | null;
  @Field(() => Int, { nullable: true, description: 'Срок действия, дней (1–90, по умолчанию 14).' }) validDays?: number | null;
}

@ObjectType('IssuedQuestionnaireLink', { description: 'Ссылка показывается один раз: хранится только её хеш.' })
export class IssuedQuestionnaireLinkType {
  @Field(() => ID) linkId!: string;
  @Field(() => ID) participantId!: string;
  @Field() participantName!: string;
  @Field(() => ID, { nullable: true }) pairId!: string | null;
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field({ description: 'Путь формы: /public/surveys/<токен> (адрес сайта + путь).' }) path!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType('SkippedLinkRecipient', { description: 'Кому ссылка не отправлена: нет согласия на связь по почте или адреса.' })
export class SkippedLinkRecipientType {
  @Field(() => ID) participantId!: string;
  @Field() participantName!: string;
  @Field({ description: 'no-consent — нет согласия на связь по электронной почте; no-address — не указан адрес (представителя — для несовершеннолетнего).' })
  reason!: string;
}

@ObjectType('QuestionnaireLinksByEmail', { description: 'Итог отправки ссылок по почте.' })
export class QuestionnaireLinksByEmailType {
  @Field(() => Int, { description: 'Писем поставлено в очередь отправки.' }) sent!: number;
  @Field(() => Int, { description: 'Пропущено: нет согласия на связь по почте или адреса (ссылки им не выпущены).' }) skipped!: number;
  @Field(() => [SkippedLinkRecipientType]) skippedPeople!: SkippedLinkRecipientType[];
}

@InputType('QuestionnaireAnswerInput')
export class QuestionnaireAnswerInput {
  @Field(() => ID) questionId!: string;
  @Field(() => String, { nullable: true, description: 'Оценка по шкале, выбранный вариант или текст.' }) value?: string | null;
  @Field(() => [String], { nullable: true, description: 'Выбранные варианты (несколько вариантов).' }) values?: string[] | null;
}

@InputType('SubmitQuestionnaireInput')
export class SubmitQuestionnaireInput {
  @Field(() => ID) templateId!: string;
  @Field(() => ID) participantId!: string;
  @Field(() => String, { nullable: true, description: 'before / after — для оценки влияния.' }) phase?: string | null;
  @Field(() => String, { nullable: true, description: 'participant, representative или staff (по умолчанию staff).' }) answeredBy?: string | null;
  @Field(() => [QuestionnaireAnswerInput]) answers!: QuestionnaireAnswerInput[];
}

@ObjectType('QuestionnaireAnswer')
export class QuestionnaireAnswerType {
  @Field(() => ID) questionId!: string;
  @Field(() => String, { nullable: true }) questionText!: string | null;
  @Field(() => Int, { nullable: true }) number!: number | null;
  @Field(() => Int, { nullable: true }) scaleMax!: number | null;
  @Field(() => [String], { nullable: true }) choices!: string[] | null;
  @Field(() => String, { nullable: true, description: 'Свободный ответ (удаляется при отзыве согласия).' }) text!: string | null;
}

@ObjectType('QuestionnaireStatusEntry')
export class QuestionnaireStatusEntryType {
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field({ description: 'answered, pending, expired, not-issued.' }) status!: string;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => ID, { nullable: true }) responseId!: string | null;
}

@ObjectType('QuestionnaireStatusRow')
export class QuestionnaireStatusRowType {
  @Field(() => ID) participantId!: string;
  @Field() displayName!: string;
  @Field({ description: 'mentor или mentee.' }) role!: string;
  @Field(() => [QuestionnaireStatusEntryType]) entries!: QuestionnaireStatusEntryType[];
}

@ObjectType('QuestionnaireStatusPage')
export class QuestionnaireStatusPage extends PageOf(QuestionnaireStatusRowType) {}

@ObjectType('QuestionDistributionEntry')
export class QuestionDistributionEntryType {
  @Field() value!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('QuestionSummary')
export class QuestionSummaryType {
  @Field(() => ID) questionId!: string;
  @Field() text!: string;
  @Field() kind!: string;
  @Field(() => Int) answers!: number;
  @Field(() => Float, { nullable: true, description: 'Среднее (только шкалы).' }) average!: number | null;
  @Field(() => [QuestionDistributionEntryType]) distribution!: QuestionDistributionEntryType[];
}

@ObjectType('SatisfactionSummary', { description: 'Средняя удовлетворённость по шкале 1–10 (ответы по шкале 1–5 приводятся к 10).' })
export class SatisfactionSummaryType {
  @Field(() => Float, { nullable: true }) mentorAverage!: number | null;
  @Field(() => Float, { nullable: true }) menteeAverage!: number | null;
  @Field(() => Int) mentorResponses!: number;
  @Field(() => Int) menteeResponses!: number;
}

@ObjectType('ImpactQuestionSummary')
export class ImpactQuestionSummaryType {
  @Field(() => ID) questionId!: string;
  @Field() text!: string;
  @Field(() => Int, { description: 'Участников с ответами и «до», и «после».' }) pairs!: number;
  @Field(() => Float, { nullable: true }) beforeMean!: number | null;
  @Field(() => Float, { nullable: true }) afterMean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Среднее изменение («после» − «до»).' }) meanDelta!: number | null;
}

@ObjectType('QuestionnaireSummary')
export class QuestionnaireSummaryType {
  @Field(() => ID) programmeId!: string;
  @Field() kind!: string;
  @Field(() => Int, { description: 'Приглашено: выдано ссылок (не отозванных) + ответы, внесённые без ссылки.' }) invited!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true, description: 'Доля ответивших, %.' }) responseRate!: number | null;
  @Field(() => [QuestionSummaryType]) questions!: QuestionSummaryType[];
  @Field(() => SatisfactionSummaryType, { nullable: true }) satisfaction!: SatisfactionSummaryType | null;
  @Field(() => [ImpactQuestionSummaryType]) impact!: ImpactQuestionSummaryType[];
}

@ObjectType('MyQuestionnaire', { description: 'Анкета, ожидающая ответа наставника/наставляемого.' })
export class MyQuestionnaireType {
  @Field(() => ID) linkId!: string;
  @Field() kind!: string;
  @Field() kindLabel!: string;
  @Field() title!: string;
  @Field() intro!: string;
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field(() => [QuestionType]) questions!: QuestionType[];
  @Field(() => Date) expiresAt!: Date;
}

@Resolver(() => QuestionnaireTemplate)
export class QuestionnaireTemplateResolver {
  @Authorized()
  @Query(() => [QuestionnaireTemplate], { description: 'Действующие анкеты программы (пять видов; при первом обращении создаются шаблоны по умолчанию).' })
  questionnaireTemplates(@Ctx() ctx: GraphQLContext, @Arg('programmeId', () => ID) programmeId: string) {
    return ctx.services.questionnaireTemplates.templates(ctx, programmeId);
  }

  @Authorized()
  @Query(() => QuestionnaireTemplate, { nullable: true, description: 'Анкета (любая версия).' })
  questionnaireTemplate(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.questionnaireTemplates.template(ctx, id);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => QuestionnaireTemplate, { description: 'Изменяет анкету; если на неё уже есть ответы — создаётся новая версия.' })
  updateQuestionnaireTemplate(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => QuestionnaireTemplateInput) input: QuestionnaireTemplateInput,
  ) {
    return ctx.services.questionnaireTemplates.updateTemplate(ctx, id, input);
  }

  @FieldResolver(() => String)
  kindLabel(@Root() t: QuestionnaireTemplate) {
    return QUESTIONNAIRE_KIND_LABELS_RU[t.kind as QuestionnaireKind] ?? t.kind;
  }

  @FieldResolver(() => [QuestionType])
  questions(@Root() t: QuestionnaireTemplate) {
    return t.questions.map(questionOut);
  }
}

@Resolver(() => QuestionnaireResponse)
export class QuestionnaireResponseResolver {
  @Authorized(...MANAGERS)
  @Mutation(() => [IssuedQuestionnaireLinkType], { description: 'Персональные ссылки на анкету (без учётной записи); адреса показываются один раз.' })
  issueQuestionnaireLinks(@Ctx() ctx: GraphQLContext, @Arg('input', () => IssueQuestionnaireLinksInput) input: IssueQuestionnaireLinksInput) {
    return ctx.services.questionnaireLinks.issueLinks(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => QuestionnaireLinksByEmailType, {
    description:
      'Отправить ссылки по почте: выпускает персональные ссылки тем, кто дал согласие на связь по электронной почте (за несовершеннолетнего — представителю), и отправляет каждому письмо; остальные перечислены как пропущенные.',
  })
  sendQuestionnaireLinksByEmail(@Ctx() ctx: GraphQLContext, @Arg('input', () => IssueQuestionnaireLinksInput) input: IssueQuestionnaireLinksInput) {
    return ctx.services.questionnaireLinkLetters.send(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Boolean, { description: 'Отзывает неиспользованную ссылку.' })
  revokeQuestionnaireLink(@Ctx() ctx: GraphQLContext, @Arg('linkId', () => ID) linkId: string) {
    return ctx.services.questionnaireLinks.revokeLink(ctx, linkId);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => [ID], {
    description: 'Отзывает несколько неиспользованных ссылок. Всё или ничего: при отказе хотя бы по одной ничего не отзывается, причины — в extensions.rows.',
  })
  revokeQuestionnaireLinks(@Ctx() ctx: GraphQLContext, @Arg('linkIds', () => [ID]) linkIds: string[]) {
    return ctx.services.questionnaireLinks.revokeLinks(ctx, linkIds);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => QuestionnaireResponse, { description: 'Ответы, внесённые сотрудником школы (с бумажной анкеты или со слов участника).' })
  submitQuestionnaireResponse(@Ctx() ctx: GraphQLContext, @Arg('input', () => SubmitQuestionnaireInput) input: SubmitQuestionnaireInput) {
    return ctx.services.questionnaireResults.submitByStaff(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Query(() => QuestionnaireStatusPage, { description: 'Кто ответил: участники программы и состояние их анкеты данного вида.' })
  questionnaireStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('kind') kind: string,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.questionnaireResults.status(ctx, programmeId, kind, page);
  }

  @Authorized(...MANAGERS)
  @Query(() => QuestionnaireSummaryType, { description: 'Итоги анкеты по программе: по вопросам, доля ответивших, удовлетворённость, «до/после».' })
  questionnaireSummary(@Ctx() ctx: GraphQLContext, @Arg('programmeId', () => ID) programmeId: string, @Arg('kind') kind: string) {
    return ctx.services.questionnaireResults.summary(ctx, programmeId, kind);
  }

  @Authorized(...MANAGERS)
  @Query(() => QuestionnaireResponse, { nullable: true, description: 'Ответ на анкету (просмотр записывается в журнал доступа).' })
  questionnaireResponse(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.questionnaireResults.response(ctx, id);
  }

  @Authorized('mentor', 'mentee')
  @Query(() => [MyQuestionnaireType], { description: 'Анкеты, ожидающие ответа вошедшего наставника/наставляемого.' })
  async myQuestionnaires(@Ctx() ctx: GraphQLContext): Promise<MyQuestionnaireType[]> {
    const rows = await ctx.services.questionnaireLinks.mine(ctx);
    return rows.map(({ link, template }) => ({
      linkId: link.id,
      kind: template.kind,
      kindLabel: QUESTIONNAIRE_KIND_LABELS_RU[template.kind as QuestionnaireKind] ?? template.kind,
      title: template.title,
      intro: template.intro,
      phase: link.phase,
      questions: template.questions.map(questionOut),
      expiresAt: link.expiresAt,
    }));
  }

  @Authorized('mentor', 'mentee')
  @Mutation(() => QuestionnaireResponse, { description: 'Наставник/наставляемый отвечает на свою анкету.' })
  submitMyQuestionnaire(
    @Ctx() ctx: GraphQLContext,
    @Arg('linkId', () => ID) linkId: string,
    @Arg('answers', () => [QuestionnaireAnswerInput]) answers: QuestionnaireAnswerInput[],
  ) {
    return ctx.services.questionnaireLinks.submitMine(ctx, linkId, answers);
  }

  @FieldResolver(() => Int)
  async templateVersion(@Root() r: QuestionnaireResponse, @Ctx() ctx: GraphQLContext) {
    return (await ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { id: r.templateId })).version;
  }

  @FieldResolver(() => [QuestionnaireAnswerType])
  async answers(@Root() r: QuestionnaireResponse, @Ctx() ctx: GraphQLContext): Promise<QuestionnaireAnswerType[]> {
    const [template, rows] = await Promise.all([
      ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { id: r.templateId }),
      ctx.services.questionnaireResults.answersOf(ctx.tenant.em, r.id),
    ]);
    const order = template.questions.map((q) => q.id);
    return rows
      .sort((a, b) => order.indexOf(a.questionId) - order.indexOf(b.questionId))
      .map((a) => ({
        questionId: a.questionId,
        questionText: template.questions.find((q) => q.id === a.questionId)?.text ?? null,
        number: a.valueNumber,
        scaleMax: a.scaleMax,
        choices: a.valueChoices,
        text: a.valueText,
      }));
  }
}

export const QUESTIONNAIRE_RESOLVERS = [QuestionnaireTemplateResolver, QuestionnaireResponseResolver] as const;
