import { ANONYMIZED_NAME_RU } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { ConsentInput, CreateParticipantInput, ParticipantDataInput, ParticipantRoleGql } from './inputs.js';
import { Participant, ParticipantAccessLog, ParticipantConsent } from './participant.entity.js';

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

  @FieldResolver(() => String, { description: 'ФИО, или «Участник (данные обезличены)» после отзыва согласия.' })
  displayName(@Root() p: Participant) {
    if (p.anonymized) return ANONYMIZED_NAME_RU;
    return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
  }

  @FieldResolver(() => [ParticipantConsent])
  consents(@Root() participant: Participant, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.programmes.consentsByParticipant.load(participant.id);
  }
}

export const PARTICIPANT_RESOLVERS = [ParticipantResolver] as const;
