import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Organization } from '../directory/organization.entity.js';
import { Headcount } from './headcount.entity.js';
import { SetHeadcountInput } from './inputs.js';

@Resolver(() => Headcount)
export class HeadcountResolver {
  @Authorized('school-director', 'school-curator', 'district-officer', 'district-head')
  @Mutation(() => Headcount, { description: 'Численность организации за учебный год (создаёт или обновляет).' })
  setHeadcount(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetHeadcountInput) input: SetHeadcountInput) {
    return ctx.services.headcounts.set(ctx, input);
  }
}

@Resolver(() => Organization)
export class OrganizationHeadcountsResolver {
  @FieldResolver(() => [Headcount])
  headcounts(@Root() organization: Organization, @Ctx() ctx: GraphQLContext) {
    return ctx.services.headcounts.listForOrganization(ctx, organization);
  }
}

export const HEADCOUNT_RESOLVERS = [HeadcountResolver, OrganizationHeadcountsResolver] as const;
