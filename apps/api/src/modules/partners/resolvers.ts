import { AGREEMENT_STATUS_LABELS_RU } from '@nastavnik/domain';
import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { Region } from '../directory/region.entity.js';
import { MentoringPair } from '../pairs/pair.entity.js';
import { partnerMentorShares, partnerOrganizationShare } from './kpi.js';
import { agreementFileUrl } from './agreement-files.js';
import { TagCatalogueResolver } from './tags.resolver.js';
import { PartnerAgreement, PartnerAgreementFile, PartnerApplication, PartnerMentor, PartnerMentorConsent } from './partner.entities.js';
import { seesWholeDistrict } from '../directory/scope.js';

/** The files of the agreements of one request, read in one query. */
const filesLoaders = new WeakMap<GraphQLContext, DataLoader<string, PartnerAgreementFile[]>>();
function filesLoader(ctx: GraphQLContext): DataLoader<string, PartnerAgreementFile[]> {
  let loader = filesLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const files = await ctx.services.partnerFiles.filesOf(ctx.em, ids);
      return ids.map((id) => files.filter((f) => f.agreementId === id));
    });
    filesLoaders.set(ctx, loader);
  }
  return loader;
}

@InputType('PartnerMentorConsentInput', { description: 'Согласие наставника (совершеннолетний — сам) на обработку персональных данных.' })
class PartnerMentorConsentInput {
  @Field(() => [String], { nullable: true, description: 'processing (по умолчанию), publication, photo-video.' })
  scopes?: string[] | null;

  @Field()
  textVersion!: string;

  @Field({ description: 'ГГГГ-ММ-ДД.' })
  signedOn!: string;

  @Field(() => String, { nullable: true })
  validUntil?: string | null;
}

@InputType('PartnerMentorInput')
class PartnerMentorInput {
  @Field() lastName!: string;
  @Field() firstName!: string;
  @Field(() => String, { nullable: true }) middleName?: string | null;
  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД.' }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => [String], { nullable: true, description: 'Компетенции: теги.' }) tags?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Компетенции: описание.' }) text?: string | null;
  @Field(() => String, { nullable: true }) availability?: string | null;
  @Field(() => Int, { nullable: true, description: 'Сколько наставляемых одновременно (1 по умолчанию).' }) capacity?: number | null;
  @Field(() => PartnerMentorConsentInput) consent!: PartnerMentorConsentInput;
}

@InputType('PartnerAgreementInput')
class PartnerAgreementInput {
  @Field({ description: 'school — с одной школой; district — с муниципалитетом.' }) level!: string;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => ID, { nullable: true }) districtId?: string | null;
  @Field() subject!: string;
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true, description: 'Дата заключения, ГГГГ-ММ-ДД.' }) signedOn?: string | null;
  @Field({ description: 'ГГГГ-ММ-ДД.' }) periodStart!: string;
  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД; пусто — бессрочно.' }) periodEnd?: string | null;
}

@ObjectType('PartnerApprovalResult', {
  description: 'Одобрение заявки: временный пароль показывается один раз; контактному лицу уходит письмо со ссылкой для установки пароля.',
})
class PartnerApprovalResult {
  @Field(() => PartnerApplication) application!: PartnerApplication;
  @Field(() => PartnerOrganization) partner!: PartnerOrganization;
  @Field() username!: string;
  @Field() temporaryPassword!: string;
}

@ObjectType('PartnerPlacement', { description: 'Где работает наставник партнёра (без данных наставляемых).' })
class PartnerPlacementType {
  @Field(() => ID) mentorId!: string;
  @Field() mentorName!: string;
  @Field() districtName!: string;
  @Field(() => ID) organizationId!: string;
  @Field() schoolName!: string;
  @Field() programmeName!: string;
  @Field(() => Int) activePairs!: number;
  @Field(() => Int) completedPairs!: number;
  @Field(() => Int) mentees!: number;
  @Field(() => Int) meetings!: number;
  @Field() agreementInForce!: boolean;
}

@ObjectType('PartnerMentorShare', { description: 'Доля наставников от организаций-партнёров в базах школы.' })
class PartnerMentorShareType {
  @Field(() => ID) organizationId!: string;
  @Field(() => Int) mentors!: number;
  @Field(() => Int) partnerMentors!: number;
  @Field(() => Float) share!: number;
}

@ObjectType('PartnerOrganizationShare', { description: 'Организации-партнёры муниципалитета.' })
class PartnerOrganizationShareType {
  @Field(() => ID) districtId!: string;
  @Field(() => Int, { description: 'Партнёры с действующим соглашением с муниципалитетом или его школой.' }) partnersInForce!: number;
  @Field(() => Int, { description: 'Партнёры, одобренные по заявкам в муниципалитет.' }) partnersApproved!: number;
  @Field(() => Int) schools!: number;
  @Field(() => Int, { description: 'Школы с действующим соглашением (своим или муниципалитета).' }) schoolsWithPartner!: number;
  @Field(() => Float) schoolShare!: number;
}

@Resolver(() => PartnerApplication)
export class PartnerApplicationResolver {
  @Authorized('district-officer', 'platform-admin')
  @Query(() => [PartnerApplication], { description: 'Заявки партнёров в муниципалитеты специалиста (администратор — все).' })
  partnerApplications(@Ctx() ctx: GraphQLContext, @Arg('status', () => String, { nullable: true }) status?: string | null) {
    return ctx.services.partnerApplications.applications(ctx, status);
  }

  @Authorized('district-officer', 'platform-admin')
  @Mutation(() => PartnerApprovalResult, { description: 'Одобряет заявку: организация-партнёр и учётная запись её администратора.' })
  approvePartnerApplication(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.partnerApplications.approve(ctx, id);
  }

  @FieldResolver(() => District, { nullable: true, description: 'Муниципалитет, в который подана заявка.' })
  district(@Root() application: PartnerApplication, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.districtById.load(application.districtId);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() application: PartnerApplication, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.regionById.load(application.regionId);
  }

  @Authorized('district-officer', 'platform-admin')
  @Mutation(() => PartnerApplication, {
    description: 'Удаляет персональные данные контактного лица отклонённой заявки (реквизиты организации и решение остаются).',
  })
  erasePartnerApplicantData(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.partnerApplications.eraseApplicant(ctx, id);
  }

  @Authorized('district-officer', 'platform-admin')
  @Mutation(() => PartnerApplication)
  rejectPartnerApplication(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return ctx.services.partnerApplications.reject(ctx, id, reason);
  }
}

@Resolver(() => PartnerMentor)
export class PartnerMentorResolver {
  @Authorized('partner-admin')
  @Query(() => PartnerOrganization, { description: 'Организация-партнёр администратора.' })
  myPartnerOrganization(@Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerMentors.myPartner(ctx);
  }

  @Authorized('partner-admin')
  @Query(() => [PartnerMentor], { description: 'Наставники своей организации-партнёра.' })
  partnerMentors(@Ctx() ctx: GraphQLContext, @Arg('includeArchived', () => Boolean, { nullable: true }) includeArchived?: boolean | null) {
    return ctx.services.partnerMentors.mentors(ctx, includeArchived ?? false);
  }

  @Authorized('partner-admin')
  @Mutation(() => PartnerMentor)
  createPartnerMentor(@Ctx() ctx: GraphQLContext, @Arg('input', () => PartnerMentorInput) input: PartnerMentorInput) {
    return ctx.services.partnerMentors.createMentor(ctx, input);
  }

  @Authorized('partner-admin')
  @Mutation(() => PartnerMentor)
  archivePartnerMentor(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.partnerMentors.archiveMentor(ctx, id);
  }

  @Authorized('partner-admin')
  @Mutation(() => PartnerMentor, { description: 'Возвращает наставника из архива.' })
  restorePartnerMentor(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.partnerMentors.restoreMentor(ctx, id);
  }

  @Authorized('partner-admin')
  @Query(() => [Organization], { description: 'Школы муниципалитета, которым партнёр может предложить соглашение.' })
  partnerAgreementSchools(@Ctx() ctx: GraphQLContext, @Arg('districtId', () => ID) districtId: string) {
    return ctx.services.partnerAgreements.schoolsOf(ctx, districtId);
  }

  @Authorized('partner-admin')
  @Query(() => [PartnerPlacementType], { description: 'Где работают наставники партнёра: школа, программа, число наставляемых и встреч.' })
  partnerPlacements(@Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerAgreements.placements(ctx);
  }

  @FieldResolver(() => String)
  displayName(@Root() mentor: PartnerMentor) {
    return [mentor.lastName, mentor.firstName, mentor.middleName].filter(Boolean).join(' ');
  }

  @FieldResolver(() => [PartnerMentorConsent])
  consents(@Root() mentor: PartnerMentor, @Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerMentors.mentorConsents(ctx.em, mentor.id);
  }
}

@Resolver(() => PartnerAgreement)
export class PartnerAgreementResolver {
  @Authorized('partner-admin', 'school-director', 'school-curator', 'district-officer', 'district-head', 'platform-admin')
  @Query(() => [PartnerAgreement], { description: 'Соглашения: партнёра — свои; школы (директор, куратор) и муниципалитета — с ними.' })
  partnerAgreements(@Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerAgreements.agreements(ctx);
  }

  @Authorized('partner-admin')
  @Mutation(() => PartnerAgreement, { description: 'Партнёр предлагает соглашение школе или муниципалитету.' })
  proposePartnerAgreement(@Ctx() ctx: GraphQLContext, @Arg('input', () => PartnerAgreementInput) input: PartnerAgreementInput) {
    return ctx.services.partnerAgreements.propose(ctx, { ...input, level: input.level === 'district' ? 'district' : 'school' });
  }

  @Authorized('school-director', 'district-officer', 'platform-admin')
  @Mutation(() => PartnerAgreement, { description: 'Директор школы или специалист муниципалитета принимает или отклоняет соглашение.' })
  decidePartnerAgreement(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('accept') accept: boolean,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    return ctx.services.partnerAgreements.decide(ctx, id, accept, reason);
  }

  @Authorized('partner-admin', 'school-director', 'district-officer', 'platform-admin')
  @Mutation(() => PartnerAgreement, { description: 'Досрочное расторжение: с указанной даты (по умолчанию — сегодня) не действует.' })
  terminatePartnerAgreement(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('on', () => String, { nullable: true }) on?: string | null) {
    return ctx.services.partnerAgreements.terminate(ctx, id, on);
  }

  @FieldResolver(() => String, { description: 'proposed, declined, notStarted, active, expired (на сегодня).' })
  status(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerAgreements.status(agreement);
  }

  @FieldResolver(() => PartnerOrganization, { nullable: true, description: 'Организация-партнёр.' })
  partner(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.partnerById.load(agreement.partnerId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Школа-сторона (для соглашения со школой).' })
  organization(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    return agreement.organizationId ? ctx.loaders.directory.organizationById.load(agreement.organizationId) : null;
  }

  @FieldResolver(() => District, { nullable: true, description: 'Муниципалитет стороны.' })
  district(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.directory.districtById.load(agreement.districtId);
  }

  @FieldResolver(() => [PartnerAgreementFile], { description: 'Файлы соглашения (подписанный экземпляр, сканы): только сторонам соглашения.' })
  async files(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    if (!ctx.services.partnerFiles.canRead(ctx.actor, agreement)) return [];
    return filesLoader(ctx).load(agreement.id);
  }

  @FieldResolver(() => String)
  statusLabelRu(@Root() agreement: PartnerAgreement, @Ctx() ctx: GraphQLContext) {
    return AGREEMENT_STATUS_LABELS_RU[ctx.services.partnerAgreements.status(agreement)];
  }
}

@Resolver(() => PartnerAgreementFile)
export class PartnerAgreementFileResolver {
  @FieldResolver(() => String, { description: 'Адрес скачивания (GET с токеном).' })
  url(@Root() file: PartnerAgreementFile) {
    return agreementFileUrl(file.id);
  }
}

@Resolver(() => MentoringPair)
export class PartnerPairResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Наставник от организации-партнёра: действует ли соглашение (false — пара помечена, новых пар нет); null — не партнёр.',
  })
  partnerAgreementInForce(@Root() pair: MentoringPair, @Ctx() ctx: GraphQLContext) {
    return ctx.services.partnerMatching.agreementInForce(ctx, pair.mentorId, pair.organizationId);
  }
}

@Resolver()
export class PartnerKpiResolver {
  @Authorized()
  @Query(() => [PartnerMentorShareType], { description: 'Показатель: доля наставников от партнёров по школам муниципалитета (для мониторинга).' })
  async partnerMentorShare(@Ctx() ctx: GraphQLContext) {
    if (!seesWholeDistrict(ctx.actor, ctx.tenant.district)) throw forbidden();
    return partnerMentorShares(ctx.em.getConnection(), ctx.tenant.district.schemaName);
  }

  @Authorized()
  @Query(() => PartnerOrganizationShareType, { description: 'Показатель: организации-партнёры муниципалитета (для мониторинга).' })
  async partnerOrganizationShare(@Ctx() ctx: GraphQLContext) {
    if (!seesWholeDistrict(ctx.actor, ctx.tenant.district)) throw forbidden();
    return partnerOrganizationShare(ctx.em.getConnection(), ctx.tenant.district.id, ctx.services.clock.today());
  }
}

export const PARTNER_RESOLVERS = [
  PartnerApplicationResolver,
  PartnerMentorResolver,
  PartnerAgreementResolver,
  PartnerAgreementFileResolver,
  PartnerPairResolver,
  PartnerKpiResolver,
  TagCatalogueResolver,
] as const;
