import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { isOverdue } from '@nastavnik/domain';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { andThen, whenLoaded } from '../roadmaps/loaders.js';
import { roadmapIdOfItem } from '../roadmaps/resolvers.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { RoadmapExecutionType } from '../roadmaps/types.js';
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

/** The execution mark of an item (by its roadmap and stable key) to `then`: synchronously when the request holds the roadmap's marks. */
function withExecution<R>(ctx: GraphQLContext, item: RoadmapItem, then: (mark: ItemExecution | null) => R): R | Promise<R> {
  const marks = marksHeld(ctx, item);
  if (marks) return then(marks.get(item.key) ?? null);
  return andThen(roadmapIdOfItem(ctx, item), (roadmapId) =>
    whenLoaded(ctx.tenant.loaders.execution.byRoadmapId, roadmapId, (marks) => then(marks.get(item.key) ?? null)),
  );
}

/** The marks of the item's roadmap when the request already holds them (a page), else undefined. */
function marksHeld(ctx: GraphQLContext, item: RoadmapItem): ReadonlyMap<string, ItemExecution> | undefined {
  const roadmap = item.revision.roadmap as Roadmap | undefined;
  return roadmap ? ctx.tenant.loaders.execution.byRoadmapId.peek(roadmap.id) : undefined;
}

/** The execution fields of a roadmap and of its items: execution extends the roadmap types from above. */
@Resolver(() => Roadmap)
export class RoadmapExecutionFieldsResolver {
  @FieldResolver(() => RoadmapExecutionType, { nullable: true, description: 'Исполнение действующей редакции; null — пока нет согласованной.' })
  async execution(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext): Promise<RoadmapExecutionType | null> {
    if (!roadmap.inForceRevisionId) return null;
    const items = await ctx.tenant.loaders.roadmaps.itemsByRevisionId.load(roadmap.inForceRevisionId);
    const marks = await ctx.tenant.loaders.execution.byRoadmapId.load(roadmap.id);
    const today = ctx.services.clock.today();
    let doneCount = 0;
    let overdueCount = 0;
    items.forEach((item) => {
      const done = marks.get(item.key)?.done ?? false;
      if (done) doneCount++;
      if (isOverdue(item.deadline, today, done)) overdueCount++;
    });
    return { itemsCount: items.length, doneCount, overdueCount };
  }
}

@Resolver(() => RoadmapItem)
export class ItemExecutionFieldsResolver {
  @FieldResolver(() => ItemExecution, { nullable: true, description: 'Отметка о выполнении (по карте и постоянному идентификатору).' })
  execution(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    const marks = marksHeld(ctx, item);
    if (marks) return marks.get(item.key) ?? null;
    return withExecution(ctx, item, (mark) => mark);
  }

  @FieldResolver(() => Boolean)
  done(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    // Held marks first, without a closure per item (a page of 200 asks three fields of each).
    const marks = marksHeld(ctx, item);
    if (marks) return marks.get(item.key)?.done ?? false;
    return withExecution(ctx, item, (mark) => mark?.done ?? false);
  }

  @FieldResolver(() => Boolean, { description: 'Просрочено: срок прошёл, а мероприятие не выполнено.' })
  overdue(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    const marks = marksHeld(ctx, item);
    if (marks) return isOverdue(item.deadline, ctx.services.clock.today(), marks.get(item.key)?.done ?? false);
    return withExecution(ctx, item, (mark) => isOverdue(item.deadline, ctx.services.clock.today(), mark?.done ?? false));
  }
}

export const EXECUTION_RESOLVERS = [ItemExecutionResolver, RoadmapExecutionFieldsResolver, ItemExecutionFieldsResolver] as const;
