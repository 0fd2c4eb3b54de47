import type { ImportedAgreement, ImportedApproval, UnmappedText } from '@nastavnik/domain';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { columnMappingFrom } from './shared.js';
import { CreateRoadmapFromImportInput, type ImportFieldEnum } from './inputs.js';
import { RoadmapImport } from './roadmap-import.entity.js';
import { ImportedAgreementType, ImportedApprovalType, ImportedColumnType, ImportNoteType, ImportStatsType, ImportWarningType } from './types.js';

const note = (u: UnmappedText): ImportNoteType => ({ where: u.where, text: u.text, reason: u.reason, column: u.column ?? null, heading: u.heading ?? null });

@Resolver(() => RoadmapImport)
export class RoadmapImportResolver {
  @Authorized('school-curator', 'district-officer')
  @Mutation(() => Roadmap, {
    description:
      'Создаёт дорожную карту с первой редакцией-черновиком из загруженного документа (POST /imports/preview): разделы и мероприятия, ' +
      'исходный файл и прочитанная шапка сохраняются вместе с картой, в одной транзакции.',
  })
  createRoadmapFromImport(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateRoadmapFromImportInput) input: CreateRoadmapFromImportInput) {
    return ctx.services.importDrafts.createFromImport(ctx, {
      ...input,
      columnMapping: columnMappingFrom(input.columnMapping?.map((m) => ({ column: m.column, field: m.field ?? null }))) ?? null,
    });
  }

  @FieldResolver(() => Attachment, { description: 'Загруженный файл (GET /attachments/<id>).' })
  async attachment(@Root() record: RoadmapImport, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.attachments.byId.load(record.attachment.id);
  }

  @FieldResolver(() => String, { description: 'Заголовок документа как написан.' })
  title(@Root() record: RoadmapImport) {
    return record.sourceHeader.title;
  }

  @FieldResolver(() => String, { description: 'Организация, как названа в документе.' })
  organizationText(@Root() record: RoadmapImport) {
    return record.sourceHeader.organization;
  }

  @FieldResolver(() => String, { description: 'Программа, как названа в документе (пусто — не найдена).' })
  programmeName(@Root() record: RoadmapImport) {
    return record.sourceHeader.programmeName;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Откуда взят период: слова документа или пояснение.' })
  periodText(@Root() record: RoadmapImport) {
    return record.sourceHeader.period?.text ?? null;
  }

  @FieldResolver(() => ImportedApprovalType, { nullable: true })
  approval(@Root() record: RoadmapImport): ImportedApproval | null {
    return record.sourceHeader.approval;
  }

  @FieldResolver(() => ImportedAgreementType, { nullable: true })
  agreement(@Root() record: RoadmapImport): ImportedAgreement | null {
    return record.sourceHeader.agreement;
  }

  @FieldResolver(() => [ImportNoteType], { description: 'Текст таблицы, не относящийся ни к одному мероприятию.' })
  unmapped(@Root() record: RoadmapImport) {
    return record.unmapped.map(note);
  }

  @FieldResolver(() => [ImportWarningType])
  warnings(@Root() record: RoadmapImport) {
    return record.warnings;
  }

  @FieldResolver(() => [ImportedColumnType])
  columns(@Root() record: RoadmapImport): ImportedColumnType[] {
    return record.columns.map((c) => ({ index: c.index, heading: c.heading, mappedTo: (c.mappedTo as ImportFieldEnum | null) ?? null, reason: c.reason }));
  }

  @FieldResolver(() => ImportStatsType)
  stats(@Root() record: RoadmapImport) {
    return record.stats;
  }
}

@Resolver(() => Roadmap)
export class RoadmapImportFieldsResolver {
  @FieldResolver(() => RoadmapImport, { nullable: true, description: 'Импорт из документа; null — карта создана не импортом.' })
  importSource(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    return ctx.tenant.loaders.imports.byRoadmapId.load(roadmap.id);
  }

  @FieldResolver(() => Attachment, { nullable: true, description: 'Исходный документ импортированной карты.' })
  async sourceAttachment(@Root() roadmap: Roadmap, @Ctx() ctx: GraphQLContext) {
    const record = await ctx.tenant.loaders.imports.byRoadmapId.load(roadmap.id);
    return record ? ctx.tenant.loaders.attachments.byId.load(record.attachment.id) : null;
  }
}

@Resolver(() => RoadmapItem)
export class RoadmapItemImportResolver {
  @FieldResolver(() => [ImportNoteType], {
    description: 'Текст нераспознанных столбцов документа при импорте этого мероприятия (сохранён как написан, с причиной).',
  })
  async importNotes(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext): Promise<ImportNoteType[]> {
    const revision = await ctx.tenant.loaders.roadmaps.revisionById.load(item.revision.id);
    if (!revision) return [];
    const record = await ctx.tenant.loaders.imports.byRoadmapId.load(revision.roadmap.id);
    return (record?.itemNotes[item.key] ?? []).map(note);
  }
}

export const IMPORT_RESOLVERS = [RoadmapImportResolver, RoadmapImportFieldsResolver, RoadmapItemImportResolver] as const;
