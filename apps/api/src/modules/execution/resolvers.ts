import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { MarkItemDoneInput } from './inputs.js';
import { ItemExecution } from './item-execution.entity.js';

@Resolver(() => ItemExecution)
export class ItemExecutionResolver {
  @Authorized('school-curator', 'district-officer')
  @Mutation(() => RoadmapItem, { description: 'Отмечает мероприятие действующей карты выполненным (с документом, примечанием, ссылкой, файлом).' })
  markItemDone(@Ctx() ctx: GraphQLContext, @Arg('input', () => MarkItemDoneInput) input: MarkItemDoneInput) {
    return ctx.services.execution.mark(ctx, input);
  }

  @Authorized('school-curator', 'district-officer')
  @Mutation(() => RoadmapItem, { description: 'Снимает отметку о выполнении.' })
  undoItemDone(@Ctx() ctx: GraphQLContext, @Arg('itemId', () => ID) itemId: string) {
    return ctx.services.execution.undo(ctx, itemId);
  }

  @FieldResolver(() => Attachment, { nullable: true })
  attachment(@Root() execution: ItemExecution, @Ctx() ctx: GraphQLContext) {
    return execution.attachmentId ? ctx.tenant.loaders.attachments.byId.load(execution.attachmentId) : null;
  }
}

export const EXECUTION_RESOLVERS = [ItemExecutionResolver] as const;
