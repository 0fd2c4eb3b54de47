import {
  defaultLinkTarget,
  describeKpiLinkRu,
  evaluateKpiLink,
  formatPercentRu,
  INDICATOR_OP_LABELS_RU,
  isIndicatorOp,
  isLinkableKpi,
  KPI_LABELS_RU,
  LINKABLE_KPIS,
  suggestKpiLink,
  type IndicatorOp,
  type KpiLink,
  type LinkFigureKey,
} from '@nastavnik/domain';
import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, Field, Float, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { Tenant } from '../../engine/tenancy/tenant.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { authorRoles, findRevision } from '../roadmaps/access.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import type { RoadmapRevision } from '../roadmaps/revision.entity.js';
import type { Roadmap } from '../roadmaps/roadmap.entity.js';
import { rolesCoveringRoadmap } from '../roadmaps/scope.js';
import type { Figures } from './figures.js';
import { RoadmapItemKpiLink } from './item-kpi-link.entity.js';
import type { FiguresSource } from './figures-source.js';
import { KpiGql } from './types.js';

/**
 * A roadmap item's indicator linked to a computed KPI (issue 7). The link is the author's (a row of
 * `roadmap_item_kpi_link`, by roadmap and stable item key) or, without a row, the one suggested by the
 * domain's `parseIndicator` from the indicator text. Its status is the KPI of the roadmap's owner —
 * the school, or the district's totals for a district roadmap — for the academic year of the
 * revision's period, checked against the link's target.
 *
 * Batched per request: the links of every roadmap asked for in one query, and the figures of every
 * (organisation, academic year) asked for in one `districtFigures` pass per year (its fixed set of SQL
 * aggregates) — never a statement per item.
 */

export const LINK_MESSAGES_RU = {
  kpi: `Показатель: выберите один из вычисляемых показателей (${LINKABLE_KPIS.join(', ')}).`,
  op: 'Условие: допустимо «>=», «<=», «>» или «<».',
  target: 'Целевое значение: число от 0 до 100 (%).',
  targetRequired: 'Целевое значение: укажите цель — у этого показателя нет цели по умолчанию.',
  onlyAuthor: 'Связь с показателем задаёт автор дорожной карты: куратор организации (для карты муниципалитета — специалист управления).',
};

/** The academic year of a revision's period («2025/2026» for a period starting 01.09.2025 or 15.01.2026). */
export function academicYearOfPeriod(periodStart: string): string {
  const year = Number(periodStart.slice(0, 4));
  const first = Number(periodStart.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}/${first + 1}`;
}

@ObjectType('RoadmapItemKpiLink', { description: 'Связь показателя мероприятия с вычисляемым показателем мониторинга и его текущий статус.' })
export class RoadmapItemKpiLinkGql {
  @Field({ description: 'Код показателя: coverage, consentsCollected, plansDone, finalEventAttendance, roadmapExecution, …' })
  kpi!: string;

  @Field()
  kpiLabelRu!: string;

  @Field({ description: '>= | <= | > | <' })
  op!: string;

  @Field({ description: '«не менее».' })
  opRu!: string;

  @Field(() => Float, { description: 'Цель, %.' })
  target!: number;

  @Field({ description: '«Охват целевой группы: не менее 10 %».' })
  describedRu!: string;

  @Field({ description: 'manual — задана автором карты; suggested — распознана из текста показателя.' })
  source!: string;

  @Field({ description: 'met | notMet | noData' })
  status!: string;

  @Field({ description: '«Выполнено», «Не выполнено», «Нет данных».' })
  statusRu!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Проверенное значение, % (для нескольких групп — первое невыполненное, иначе наименьшее); null — нет данных.',
  })
  current!: number | null;

  @Field({ description: '«12,5 %» или «нет данных».' })
  currentDisplay!: string;

  @Field({ description: 'Учебный год, за который вычислен показатель (по периоду редакции).' })
  academicYear!: string;

  @Field(() => [KpiGql], { description: 'Показатели, по которым проверено (формула и исходные данные — для подсказки).' })
  figures!: KpiGql[];

  @Field(() => String, { nullable: true })
  setByName!: string | null;

  @Field(() => Date, { nullable: true })
  setAt!: Date | null;
}

@InputType('SetRoadmapItemKpiLinkInput')
export class SetRoadmapItemKpiLinkInput {
  @Field(() => ID, { description: 'Мероприятие (id строки любой редакции карты).' })
  itemId!: string;

  @Field({ description: 'Код показателя (см. RoadmapItemKpiLink.kpi).' })
  kpi!: string;

  @Field(() => String, { nullable: true, description: 'Условие; по умолчанию «>=».' })
  op?: string | null;

  @Field(() => Float, { nullable: true, description: 'Цель, %; по умолчанию — из текста показателя или методическая.' })
  target?: number | null;
}

interface LinkLoaders {
  links: DataLoader<string, RoadmapItemKpiLink[]>;
  /** Key `organizationId|academicYear`, or `district|academicYear` for the district's totals. */
  figures: DataLoader<string, Figures | null>;
}

const loaders = new WeakMap<Tenant, LinkLoaders>();

function linkLoaders(tenant: Tenant, monitoring: FiguresSource): LinkLoaders {
  let found = loaders.get(tenant);
  if (!found) {
    found = {
      links: new DataLoader(async (roadmapIds) => {
        const rows = await tenant.em.find(RoadmapItemKpiLink, { roadmap: { $in: [...roadmapIds] } });
        return roadmapIds.map((id) => rows.filter((row) => row.roadmap.id === id));
      }),
      figures: new DataLoader(async (keys) => {
        const byYear = new Map<string, Set<string>>();
        for (const key of keys) {
          const [owner, year] = key.split('|') as [string, string];
          const owners = byYear.get(year) ?? new Set<string>();
          owners.add(owner);
          byYear.set(year, owners);
        }
        const results = new Map<string, Figures | null>();
        for (const [year, owners] of byYear) {
          // One pass per academic year: the schools asked for, or the whole district when its totals are.
          const schools = [...owners].filter((o) => o !== 'district');
          const result = await monitoring.districtFigures(tenant.em.getConnection(), tenant.district, year, owners.has('district') ? null : schools);
          if (owners.has('district')) results.set(`district|${year}`, result.figures);
          for (const school of result.schools) results.set(`${school.organizationId}|${year}`, school.figures);
        }
        return keys.map((key) => results.get(key) ?? null);
      }),
    };
    loaders.set(tenant, found);
  }
  return found;
}

function forgetLinks(tenant: Tenant): void {
  loaders.delete(tenant);
}

export class IndicatorLinkService {
  constructor(private readonly monitoring: FiguresSource) {}

  /** The effective link of an item: the author's row (null when cleared), else the suggestion from its indicator. */
  async effectiveLink(ctx: TenantServiceContext, item: RoadmapItem): Promise<{ link: KpiLink; row: RoadmapItemKpiLink | null } | null> {
    const revision = await ctx.tenant.loaders.roadmaps.revisionById.load(item.revision.id);
    if (!revision) return null;
    const rows = await linkLoaders(ctx.tenant, this.monitoring).links.load(revision.roadmap.id);
    const row = rows.find((r) => r.itemKey === item.key) ?? null;
    if (row) {
      if (row.kpi === null || !isLinkableKpi(row.kpi) || row.op === null || !isIndicatorOp(row.op) || row.target === null) return null;
      return { link: { kpi: row.kpi, op: row.op, target: row.target }, row };
    }
    const suggested = suggestKpiLink(item.indicator);
    return suggested ? { link: suggested, row: null } : null;
  }

  /** The link with its live status (batched: see the loaders above). */
  async status(ctx: TenantServiceContext, item: RoadmapItem, kpiGql: (figure: Figures[keyof Figures]) => KpiGql): Promise<RoadmapItemKpiLinkGql | null> {
    const effective = await this.effectiveLink(ctx, item);
    if (!effective) return null;
    const revision = (await ctx.tenant.loaders.roadmaps.revisionById.load(item.revision.id)) as RoadmapRevision;
    const roadmap = (await ctx.tenant.loaders.roadmaps.roadmapById.load(revision.roadmap.id)) as Roadmap;
    const year = academicYearOfPeriod(revision.periodStart);
    const owner = roadmap.level === 'school' && roadmap.organizationId ? roadmap.organizationId : 'district';
    const figures = await linkLoaders(ctx.tenant, this.monitoring).figures.load(`${owner}|${year}`);
    const available: Partial<Record<LinkFigureKey, Figures[keyof Figures]>> = figures ? { ...figures } : {};
    const evaluation = evaluateKpiLink(effective.link, available);
    const { link, row } = effective;
    return {
      kpi: link.kpi,
      kpiLabelRu: KPI_LABELS_RU[link.kpi],
      op: link.op,
      opRu: INDICATOR_OP_LABELS_RU[link.op],
      target: link.target,
      describedRu: describeKpiLinkRu(link),
      source: row ? 'manual' : 'suggested',
      status: evaluation.status,
      statusRu: evaluation.statusRu,
      current: evaluation.value,
      currentDisplay: evaluation.value === null ? 'нет данных' : formatPercentRu(evaluation.value),
      academicYear: year,
      figures: evaluation.figures.flatMap((key) => (available[key] ? [kpiGql(available[key]!)] : [])),
      setByName: row?.setByName ?? null,
      setAt: row?.setAt ?? null,
    };
  }

  private async target(ctx: TenantServiceContext, itemId: string) {
    const item = isUuid(itemId) ? await ctx.tenant.em.findOne(RoadmapItem, { id: itemId }) : null;
    if (!item) throw notFound(ROADMAP_MESSAGES_RU.itemNotFound);
    const { roadmap } = await findRevision(ctx, item.revision.id);
    if (authorRoles(rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap), roadmap.level).length === 0) throw forbidden(LINK_MESSAGES_RU.onlyAuthor);
    return { item, roadmap };
  }

  private async write(
    ctx: TenantServiceContext,
    roadmap: Roadmap,
    itemKey: string,
    values: { kpi: string | null; op: IndicatorOp | null; target: number | null } | 'reset',
  ) {
    await ctx.tenant.em.transactional(
      async (em) => {
        const existing = await em.findOne(RoadmapItemKpiLink, { roadmap: roadmap.id, itemKey });
        if (values === 'reset') {
          if (existing) em.remove(existing);
        } else {
          const data = { ...values, setByUserId: ctx.actor.userId, setByName: ctx.actor.displayName || ctx.actor.username, setAt: new Date() };
          if (existing) Object.assign(existing, data);
          else em.create(RoadmapItemKpiLink, { roadmap: roadmap.id, itemKey, ...data });
        }
        await em.flush();
      },
      { clear: true },
    );
    forgetLinks(ctx.tenant);
    forgetTenantReads(ctx.tenant);
  }

  async set(ctx: TenantServiceContext, input: SetRoadmapItemKpiLinkInput): Promise<RoadmapItem> {
    const kpi = (input.kpi ?? '').trim();
    if (!isLinkableKpi(kpi)) throw badUserInput('kpi', LINK_MESSAGES_RU.kpi);
    const op = (input.op ?? '>=').trim();
    if (!isIndicatorOp(op)) throw badUserInput('op', LINK_MESSAGES_RU.op);
    if (input.target != null && !(typeof input.target === 'number' && Number.isFinite(input.target) && input.target >= 0 && input.target <= 100)) {
      throw badUserInput('target', LINK_MESSAGES_RU.target);
    }
    const { item, roadmap } = await this.target(ctx, input.itemId);
    const target = input.target ?? defaultLinkTarget(kpi, item.indicator);
    if (target === null) throw badUserInput('target', LINK_MESSAGES_RU.targetRequired);
    await this.write(ctx, roadmap, item.key, { kpi, op, target });
    return ctx.tenant.em.findOneOrFail(RoadmapItem, { id: item.id });
  }

  /** `clear`: no link at all (not even the suggestion); `reset`: back to the suggestion from the text. */
  async clear(ctx: TenantServiceContext, itemId: string, mode: 'clear' | 'reset'): Promise<RoadmapItem> {
    const { item, roadmap } = await this.target(ctx, itemId);
    await this.write(ctx, roadmap, item.key, mode === 'clear' ? { kpi: null, op: null, target: null } : 'reset');
    return ctx.tenant.em.findOneOrFail(RoadmapItem, { id: item.id });
  }
}

@ObjectType('LinkableKpi', { description: 'Показатель, с которым можно связать мероприятие.' })
export class LinkableKpiGql {
  @Field() code!: string;
  @Field() labelRu!: string;
  @Field(() => Float, { nullable: true, description: 'Цель по умолчанию, %.' }) defaultTarget!: number | null;
}

@Resolver(() => RoadmapItem)
export class RoadmapItemKpiResolver {
  @FieldResolver(() => RoadmapItemKpiLinkGql, {
    nullable: true,
    description: 'Связь с вычисляемым показателем (заданная автором или распознанная из текста) и текущий статус; null — связи нет.',
  })
  kpiLink(@Root() item: RoadmapItem, @Ctx() ctx: GraphQLContext) {
    return ctx.services.monitoring.links.status(ctx, item, (figure) => ctx.services.monitoring.kpiGql(figure));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Показатель, распознанный из текста показателя эффективности (подсказка), независимо от заданной связи.',
  })
  suggestedKpi(@Root() item: RoadmapItem) {
    return suggestKpiLink(item.indicator)?.kpi ?? null;
  }

  @Authorized()
  @Query(() => [LinkableKpiGql], { description: 'Показатели, с которыми можно связать мероприятие дорожной карты.' })
  linkableKpis(): LinkableKpiGql[] {
    return LINKABLE_KPIS.map((code) => ({ code, labelRu: KPI_LABELS_RU[code], defaultTarget: defaultLinkTarget(code, '') }));
  }

  @Authorized('school-curator', 'district-officer')
  @Mutation(() => RoadmapItem, { description: 'Связывает показатель мероприятия с вычисляемым показателем (автор карты).' })
  setRoadmapItemKpiLink(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetRoadmapItemKpiLinkInput) input: SetRoadmapItemKpiLinkInput) {
    return ctx.services.monitoring.links.set(ctx, input);
  }

  @Authorized('school-curator', 'district-officer')
  @Mutation(() => RoadmapItem, { description: 'Снимает связь (и автоматическую подсказку) с показателем мероприятия.' })
  clearRoadmapItemKpiLink(@Ctx() ctx: GraphQLContext, @Arg('itemId', () => ID) itemId: string) {
    return ctx.services.monitoring.links.clear(ctx, itemId, 'clear');
  }

  @Authorized('school-curator', 'district-officer')
  @Mutation(() => RoadmapItem, { description: 'Возвращает связь, распознанную из текста показателя (удаляет заданную вручную).' })
  resetRoadmapItemKpiLink(@Ctx() ctx: GraphQLContext, @Arg('itemId', () => ID) itemId: string) {
    return ctx.services.monitoring.links.clear(ctx, itemId, 'reset');
  }
}
