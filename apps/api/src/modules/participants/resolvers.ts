import { ANONYMIZED_NAME_RU } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { ConsentInput, CreateParticipantInput, ParticipantDataInput, ParticipantRoleGql } from './inputs.js';
import { Participant, ParticipantAccessLog, ParticipantConsent } from './participant.entity.js';
import { displayNameFor, personalDataLens, personalField, type PersonalDataLens } from './personal-data.js';

/** The request's personal-data lens (who sees what of a person): every personal field below asks it. */
export const lensOf = (ctx: GraphQLContext): PersonalDataLens => personalDataLens(ctx.actor, ctx.tenant, () => ctx.services.clock.today());

@ObjectType('ParticipantPage')
export class ParticipantPage extends PageOf(Participant) {}

const MANAGERS = ['school-director', 'school-curator'] as const;

@Resolver(() => Participant)
export class ParticipantResolver {
  @Authorized()
  @Query(() => ParticipantPage, { description: 'База наставников/наставляемых программы; каждый показ записывается в журнал доступа.' })
  participants(
    @Ctx() ctx: GraphQLContext,
    @Arg('programmeId', () => ID) programmeId: string,
    @Arg('role', () => ParticipantRoleGql, { nullable: true }) role?: ParticipantRoleGql | null,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
  ) {
    return ctx.services.participants.list(ctx, programmeId, role, page);
  }

  @Authorized()
  @Query(() => Participant, { nullable: true, description: 'Карточка участника; просмотр записывается в журнал доступа.' })
  participant(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.participants.get(ctx, id);
  }

  @Authorized(...MANAGERS)
  @Query(() => [ParticipantAccessLog], { description: 'Журнал доступа к персональным данным участника (директор, куратор).' })
  participantAccessLog(@Ctx() ctx: GraphQLContext, @Arg('participantId', () => ID) participantId: string) {
    return ctx.services.participants.accessLog(ctx, participantId);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Participant, { description: 'Добавляет участника вместе с согласием (без согласия запись не сохраняется).' })
  createParticipant(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateParticipantInput) input: CreateParticipantInput) {
    return ctx.services.participants.create(ctx, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => [Participant], {
    description: 'Добавляет метки (запросы наставляемых, компетенции наставников) выбранным участникам. Всё или ничего: причины отказа — в extensions.rows.',
  })
  addParticipantTags(@Ctx() ctx: GraphQLContext, @Arg('participantIds', () => [ID]) participantIds: string[], @Arg('tags', () => [String]) tags: string[]) {
    return ctx.services.participants.addTags(ctx, participantIds, tags);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Participant)
  updateParticipant(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => ParticipantDataInput) input: ParticipantDataInput) {
    return ctx.services.participants.update(ctx, id, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Participant, { description: 'Ещё одно согласие (второй представитель, новое согласие).' })
  addConsent(@Ctx() ctx: GraphQLContext, @Arg('participantId', () => ID) participantId: string, @Arg('input', () => ConsentInput) input: ConsentInput) {
    return ctx.services.participants.addConsent(ctx, participantId, input);
  }

  @Authorized(...MANAGERS)
  @Mutation(() => Participant, { description: 'Отзыв согласия: обработка прекращается, данные участника обезличиваются, событие записывается в журнал.' })
  withdrawConsent(
    @Ctx() ctx: GraphQLContext,
    @Arg('participantId', () => ID) participantId: string,
    @Arg('consentId', () => ID, { nullable: true }) consentId?: string | null,
  ) {
    return ctx.services.participants.withdraw(ctx, participantId, consentId);
  }

  @FieldResolver(() => ParticipantRoleGql)
  role(@Root() participant: Participant) {
    return participant.role;
  }

  @FieldResolver(() => String, { description: 'ФИО; «Участник (данные обезличены)» после отзыва согласия; «Данные скрыты», если роли не положено.' })
  async displayName(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return displayNameFor(p, await lensOf(ctx).partsOf(p), ANONYMIZED_NAME_RU);
  }

  // Personal fields: each one goes through the lens (PERSONAL_DATA_ACCESS); hidden → null / empty.
  @FieldResolver(() => String, { nullable: true })
  lastName(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'lastName');
  }

  @FieldResolver(() => String, { nullable: true })
  firstName(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'firstName');
  }

  @FieldResolver(() => String, { nullable: true })
  middleName(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'middleName');
  }

  @FieldResolver(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД.' })
  birthDate(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'birthDate');
  }

  @FieldResolver(() => String, { nullable: true })
  classOrPosition(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'classOrPosition');
  }

  @FieldResolver(() => Int, { nullable: true })
  experienceYears(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'experienceYears');
  }

  @FieldResolver(() => Boolean, {
    description: 'Видит ли пользователь контакты участника (по таблице доступа к ПДн): без этого пустые e-mail и телефон значат «скрыто», а не «не указаны».',
  })
  async contactsVisible(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return !p.anonymized && (await lensOf(ctx).partsOf(p)).has('contacts');
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'email');
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'phone');
  }

  @FieldResolver(() => [String], { description: 'Особые группы (disability, gifted, difficult-life-situation, orphan, low-income-rural).' })
  specialGroups(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'specialGroups');
  }

  @FieldResolver(() => [String], { description: 'Компетенции наставника или запрос наставляемого: теги.' })
  tags(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'tags');
  }

  @FieldResolver(() => String, { description: 'Компетенции наставника или запрос наставляемого: описание.' })
  freeText(@Root() p: Participant, @Ctx() ctx: GraphQLContext) {
    return personalField(lensOf(ctx), p, 'freeText');
  }

  @FieldResolver(() => [ParticipantConsent], { description: 'Согласия и законные представители: только директору и куратору школы участника.' })
  async consents(@Root() participant: Participant, @Ctx() ctx: GraphQLContext) {
    if (!(await lensOf(ctx).partsOf(participant)).has('consents')) return [];
    return ctx.tenant.loaders.participants.consentsByParticipant.load(participant.id);
  }
}

export const PARTICIPANT_RESOLVERS = [ParticipantResolver] as const;
