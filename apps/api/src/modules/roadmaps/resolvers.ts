import {
  actorAllowedActions,
  describeDeadlineRu,
  isEditable,
  isInForce,
  nextDueDate,
  roadmapStateLabelRu,
  validateSections,
  type Deadline,
} from '@nastavnik/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, PageOf } from '../../engine/graphql/pagination.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { approvalSettings, authorRoles } from './access.js';
import { CampaignSchoolRoadmapResolver, RegionRoadmapOverviewResolver } from './campaign-resolvers.js';
import { toDomainSections } from './content.js';
import { ApprovalAction, WhoAgrees } from './enums.js';
import {
  AddRoadmapItemInput,
  CreateRoadmapInput,
  MoveRoadmapItemInput,
  RemoveRoadmapItemInput,
  RoadmapFilter,
  SaveRoadmapDraftInput,
  SaveRoadmapRevisionInput,
  UpdateRoadmapItemInput,
} from './inputs.js';
import { RoadmapDraft } from './draft.entity.js';
import { RoadmapItem } from './item.entity.js';
import { andThen, whenLoaded, type RevisionContent } from './loaders.js';
import { DistrictSettings } from './district-settings.entity.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { rolesCoveringRoadmap } from './scope.js';
import { RoadmapSection } from './section.entity.js';
import { ItemDeadlineType, RevisionDiffType, ValidationIssueType, type DiffItemType } from './types.js';
import type { ItemRef, RevisionDiff, Section } from '@nastavnik/domain';

@ObjectType('RoadmapPage')
export class RoadmapPage extends PageOf(Roadmap) {}

export async function revisionOf(ctx: GraphQLContext, id: string): Promise<RoadmapRevision> {
  return revisionNow(ctx, id);
}

/** A revision by id: without a promise when the request already holds it (a page read in one statement). */
function revisionNow(ctx: GraphQLContext, id: string): RoadmapRevision | Promise<RoadmapRevision> {
  return whenLoaded(ctx.tenant.loaders.roadmaps.revisionById, id, (revision) => {
    if (!revision) throw new Error(`dangling reference: revision ${id}`);
    return revision;
  });
}

/**
 * The roadmap of an item. Without awaiting when its revision is already loaded (an item's revision
 * is the identity-mapped entity the page read): a page of 200 items asks this three times per item.
 */
export function roadmapIdOfItem(ctx: GraphQLContext, item: RoadmapItem): string | Promise<string> {
  const roadmap = item.revision.roadmap as Roadmap | undefined;
  if (roadmap) return roadmap.id;
  return andThen(revisionNow(ctx, item.revision.id), (revision) => revision.roadmap.id);
}

/** The roadmap of a revision to `then`: synchronously when the request holds it. */
function withRoadmap<R>(ctx: GraphQLContext, revision: RoadmapRevision, then: (roadmap: Roadmap) => R | Promise<R>): R | Promise<R> {
  const id = revision.roadmap.id;
  return whenLoaded(ctx.tenant.loaders.roadmaps.roadmapById, id, (roadmap) => {
    if (!roadmap) throw new Error(`dangling reference: roadmap ${id}`);
    return then(roadmap);
  });
}

/** A revision's sections and items to `then`: synchronously when the request holds them. */
function withContent<R>(ctx: GraphQLContext, revisionId: string, then: (content: RevisionContent) => R): R | Promise<R> {
  return whenLoaded(ctx.tenant.loaders.roadmaps.contentByRevisionId, revisionId, then);
}

function deadlineType(deadline: Deadline): ItemDeadlineType {
  const d = deadline as Deadline &
    Partial<{ start: string; end: string; before: boolean; frequency: string; occurrences: Array<{ start: string; end: string }>; reason: string }>;
  return {
    kind: d.kind,
    original: d.original,
    description: describeDeadlineRu(deadline),
    due: d.due ?? null,
    start: d.start ?? null,
    end: d.end ?? null,
    before: d.before ?? null,
    frequency: d.frequency ?? null,
    occurrences: d.occurrences ?? [],
    reason: d.reason ?? null,
  };
}

function diffType(diff: RevisionDiff, totalAfter: number): RevisionDiffType {
  const item = ({ item: i, section }: ItemRef): DiffItemType => ({
    key: i.id,
    section,
    number: i.number,
    activity: i.activity,
    content: i.content,
    deadlineText: i.deadlineText,
    responsible: i.responsible,
    expectedResult: i.expectedResult,
    indicator: i.indicator,
  });
  const section = (s: Section) => ({ key: s.id, title: s.title, task: s.task, result: s.result });
  return {
    itemsAdded: diff.items.added.map(item),
    itemsRemoved: diff.items.removed.map(item),
    itemsChanged: diff.items.changed.map((c) => ({ before: item(c.before), after: item(c.after), changes: c.changes })),
    sectionsAdded: diff.sections.added.map(section),
    sectionsRemoved: diff.sections.removed.map(section),
    sectionsChanged: diff.sections.changed.map((c) => ({ before: section(c.before), after: section(c.after), changes: c.changes })),
    unchangedItems: totalAfter - diff.items.added.length - diff.items.changed.length,
  };
}

const EDITORS = ['school-curator', 'district-officer'] as const;

@Resolver(() => Roadmap)
export class RoadmapResolver {
  @Authorized()
  @Query(() => RoadmapPage, { description: 'Дорожные карты в пределах видимого (в выбранном муниципалитете).' })
  roadmaps(
    @Ctx() ctx: GraphQLContext,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('filter', () => RoadmapFilter, { nullable: true }) filter?: RoadmapFilter | null,
  ) {
    return ctx.services.roadmaps.list(ctx, page, filter);
  }

  @Authorized()
  @Query(() => Roadmap, { nullable: true })
  roadmap(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return ctx.services.roadmaps.get(ctx, id);
  }

  @Authorized(...EDITORS)
  @Mutation(() => Roadmap, { description: 'Создаёт дорожную карту (из шаблона, копии прошлогодней или пустую) с первой редакцией-черновиком.' })
  createRoadmap(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateRoadmapInput) input: CreateRoadmapInput) {
    return ctx.services.roadmaps.create(ctx, input);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Организация; null — карта муниципалитета.' })
  organization(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return roadmap.organizationId ? ctx.loaders.directory.organizationById.load(roadmap.organizationId) : null;
  }

  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return roadmap.campaign ? ctx.tenant.loaders.campaigns.campaignById.load(roadmap.campaign.id) : null;
  }

  @FieldResolver(() => RoadmapRevision, { description: 'Последняя редакция (над которой идёт работа).' })
  latestRevision(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return revisionOf(ctx, roadmap.latestRevisionId!);
  }

  @FieldResolver(() => RoadmapRevision, { nullable: true, description: 'Действующая согласованная редакция.' })
  inForceRevision(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return roadmap.inForceRevisionId ? revisionOf(ctx, roadmap.inForceRevisionId) : null;
  }

  @FieldResolver(() => [RoadmapRevision])
  revisions(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.roadmaps.revisionsByRoadmapId.load(roadmap.id);
  }

  @FieldResolver(() => String)
  async title(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return (await revisionOf(ctx, roadmap.latestRevisionId!)).title;
  }

  @FieldResolver(() => String)
  async programmeName(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return (await revisionOf(ctx, roadmap.latestRevisionId!)).programmeName;
  }
}

@Resolver(() => RoadmapRevision)
export class RoadmapRevisionResolver {
  @Authorized()
  @Query(() => RoadmapRevision, { nullable: true })
  roadmapRevision(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo) {
    return ctx.services.roadmaps.getRevision(ctx, id, info);
  }

  @Authorized()
  @Query(() => RevisionDiffType, { description: 'Сравнение двух редакций одной карты: мероприятия добавлены, удалены, изменены (по полям).' })
  async revisionDiff(@Ctx() ctx: GraphQLContext, @Arg('fromRevisionId', () => ID) fromRevisionId: string, @Arg('toRevisionId', () => ID) toRevisionId: string) {
    const diff = await ctx.services.roadmaps.diff(ctx, fromRevisionId, toRevisionId);
    const after = await ctx.tenant.loaders.roadmaps.itemsByRevisionId.load(toRevisionId);
    return diffType(diff, after.length);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapRevision, {
    description: 'Сохраняет черновик целиком (заголовок, разделы, мероприятия). Только в редактируемом состоянии, с expectedVersion.',
  })
  saveRoadmapRevision(@Ctx() ctx: GraphQLContext, @Arg('input', () => SaveRoadmapRevisionInput) input: SaveRoadmapRevisionInput) {
    return ctx.services.roadmaps.editor.save(ctx, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapRevision)
  addRoadmapItem(@Ctx() ctx: GraphQLContext, @Arg('input', () => AddRoadmapItemInput) input: AddRoadmapItemInput) {
    return ctx.services.roadmaps.editor.addItem(ctx, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapRevision)
  updateRoadmapItem(@Ctx() ctx: GraphQLContext, @Arg('input', () => UpdateRoadmapItemInput) input: UpdateRoadmapItemInput) {
    return ctx.services.roadmaps.editor.updateItem(ctx, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapRevision)
  removeRoadmapItem(@Ctx() ctx: GraphQLContext, @Arg('input', () => RemoveRoadmapItemInput) input: RemoveRoadmapItemInput) {
    return ctx.services.roadmaps.editor.removeItem(ctx, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapRevision)
  moveRoadmapItem(@Ctx() ctx: GraphQLContext, @Arg('input', () => MoveRoadmapItemInput) input: MoveRoadmapItemInput) {
    return ctx.services.roadmaps.editor.moveItem(ctx, input);
  }

  @FieldResolver(() => Roadmap)
  roadmap(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withRoadmap(ctx, revision, (roadmap) => roadmap);
  }

  @FieldResolver(() => String, { description: 'Состояние по-русски.' })
  stateLabel(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withRoadmap(ctx, revision, (roadmap) => roadmapStateLabelRu(revision.state, roadmap.level));
  }

  @FieldResolver(() => String, { description: 'Кто создал редакцию.' })
  createdByName(@Root() revision: RoadmapRevision) {
    return revision.createdByName;
  }

  @FieldResolver(() => RoadmapRevision, { nullable: true, description: 'Редакция, на основе которой создана эта.' })
  basedOn(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return revision.basedOnId ? revisionNow(ctx, revision.basedOnId) : null;
  }

  @FieldResolver(() => RoadmapRevision, { nullable: true, description: 'Согласованная редакция, которую эта заменит после согласования.' })
  supersedes(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return revision.supersedesId ? revisionNow(ctx, revision.supersedesId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Действует (согласована и не заменена).' })
  inForce(@Root() revision: RoadmapRevision) {
    return isInForce(revision.state);
  }

  @FieldResolver(() => Boolean, { description: 'Пользователь может изменять эту редакцию сейчас.' })
  editable(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withRoadmap(ctx, revision, (roadmap) => {
      if (!isEditable(revision.state) || roadmap.latestRevisionId !== revision.id) return false;
      return authorRoles(rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap), roadmap.level).length > 0;
    });
  }

  @FieldResolver(() => [ApprovalAction], { description: 'Действия согласования, доступные пользователю сейчас (кнопки).' })
  allowedActions(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withRoadmap(ctx, revision, (roadmap) => {
      if (roadmap.latestRevisionId !== revision.id) return [];
      const roles = rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap);
      return andThen(approvalSettings(ctx.tenant), (settings) =>
        actorAllowedActions({ roles, coversRoadmap: roles.length > 0 }, revision.state, roadmap.level, settings),
      );
    });
  }

  @FieldResolver(() => [RoadmapSection])
  sections(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withContent(ctx, revision.id, (content) => content.sections);
  }

  @FieldResolver(() => Int)
  itemsCount(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    return withContent(ctx, revision.id, (content) => content.items.length);
  }

  @FieldResolver(() => [ValidationIssueType], {
    description: 'Предупреждения (не мешают сохранению и отправке): нераспознанные сроки, сроки вне периода дорожной карты…',
  })
  warnings(@Root() revision: RoadmapRevision, @Ctx() ctx: GraphQLContext) {
    const period = { periodStart: revision.periodStart, periodEnd: revision.periodEnd };
    return withContent(ctx, revision.id, (content) =>
      validateSections(toDomainSections(content.sections, content.items), period).filter((issue) => issue.severity === 'warning'),
    );
  }
}

@Resolver(() => RoadmapSection)
export class RoadmapSectionResolver {
  /** From the revision's content (one query for all sections), in their order. */
  @FieldResolver(() => [RoadmapItem])
  items(@Root() section: RoadmapSection, @Ctx() ctx: GraphQLContext) {
    return withContent(ctx, section.revision.id, (content) => content.itemsBySectionId.get(section.id) ?? []);
  }
}

@Resolver(() => RoadmapItem)
export class RoadmapItemResolver {
  @FieldResolver(() => ItemDeadlineType, { description: 'Как платформа прочла срок.' })
  deadline(@Root() item: RoadmapItem) {
    return deadlineType(item.deadline);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ближайший срок на сегодня (для повторяющихся — текущего повторения).' })
  nextDueDate(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    return nextDueDate(item.deadline, ctx.services.clock.today());
  }

  @FieldResolver(() => ID, { description: 'Постоянный идентификатор раздела.' })
  sectionKey(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    // A page's items carry their loaded section; an item loaded alone has only its section's id.
    if (item.section.key !== undefined) return item.section.key;
    return withContent(ctx, item.revision.id, (content) => content.sections.find((s) => s.id === item.section.id)?.key ?? item.section.id);
  }
}

@Resolver(() => DistrictSettings)
export class DistrictSettingsResolver {
  @Authorized()
  @Query(() => DistrictSettings, { description: 'Настройки выбранного муниципалитета.' })
  districtSettings(@Ctx() ctx: GraphQLContext) {
    return ctx.services.districtSettings.get(ctx);
  }

  @Authorized('district-head', 'platform-admin')
  @Mutation(() => DistrictSettings, { description: 'Кто согласует карты организаций (руководитель муниципалитета).' })
  setDistrictSettings(@Ctx() ctx: GraphQLContext, @Arg('whoAgrees', () => WhoAgrees) whoAgrees: WhoAgrees) {
    return ctx.services.districtSettings.set(ctx, whoAgrees);
  }
}

/** The editor's draft on the server: only its author, only for a roadmap they may edit. */
@Resolver(() => RoadmapDraft)
export class RoadmapDraftResolver {
  @Authorized(...EDITORS)
  @Query(() => RoadmapDraft, { nullable: true, description: 'Свой несохранённый черновик редактора этой дорожной карты (null — нет).' })
  roadmapDraft(@Ctx() ctx: GraphQLContext, @Arg('roadmapId', () => ID) roadmapId: string) {
    return ctx.services.roadmapDrafts.get(ctx, roadmapId);
  }

  @Authorized(...EDITORS)
  @Mutation(() => RoadmapDraft, { description: 'Сохраняет черновик редактора на сервере (автоматически, пока автор печатает).' })
  saveRoadmapDraft(@Ctx() ctx: GraphQLContext, @Arg('input', () => SaveRoadmapDraftInput) input: SaveRoadmapDraftInput) {
    return ctx.services.roadmapDrafts.save(ctx, input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => Boolean, { description: 'Удаляет свой черновик редактора этой дорожной карты.' })
  discardRoadmapDraft(@Ctx() ctx: GraphQLContext, @Arg('roadmapId', () => ID) roadmapId: string) {
    return ctx.services.roadmapDrafts.discard(ctx, roadmapId);
  }
}

export const ROADMAP_RESOLVERS = [
  RoadmapResolver,
  RoadmapDraftResolver,
  RoadmapRevisionResolver,
  RoadmapSectionResolver,
  RoadmapItemResolver,
  DistrictSettingsResolver,
  CampaignSchoolRoadmapResolver,
  RegionRoadmapOverviewResolver,
] as const;
