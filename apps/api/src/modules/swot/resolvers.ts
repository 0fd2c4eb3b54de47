import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { SaveSwotFormInput, SwotFormGql } from './types.js';

const READERS = ['school-director', 'school-curator', 'district-officer', 'district-head', 'region-coordinator', 'platform-admin'] as const;

@Resolver()
export class SwotResolver {
  @Authorized(...READERS)
  @Query(() => SwotFormGql, { nullable: true, description: 'SWOT-анализ организации за учебный год (и программу); null — не заполнен.' })
  swotForm(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('academicYear') academicYear: string,
    @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null,
  ) {
    return ctx.services.swot.get(ctx, organizationId, academicYear, programmeId);
  }

  @Authorized('school-director', 'school-curator')
  @Mutation(() => SwotFormGql, { description: 'Сохраняет SWOT-анализ организации (директор, куратор).' })
  saveSwotForm(@Ctx() ctx: GraphQLContext, @Arg('input', () => SaveSwotFormInput) input: SaveSwotFormInput) {
    return ctx.services.swot.save(ctx, input);
  }
}

export const SWOT_RESOLVERS = [SwotResolver] as const;
