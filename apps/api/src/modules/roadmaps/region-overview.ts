import { ERRORS_RU, isValidAcademicYear, pluralRu, type RoadmapState as DomainState, type SchoolCampaignStatus } from '@nastavnik/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import { quoteSchema } from '../../engine/migrations/district-runner.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { RoadmapState } from './enums.js';
import { ROADMAP_FIELD_LABELS_RU as FIELD_LABELS_RU } from '@nastavnik/domain';
import { NOT_SUBMITTED_STATUSES, STATUS_SQL } from '../campaigns/campaign.service.js';
import { CampaignCounts } from '../campaigns/types.js';

/**
 * The region's roadmap overview (issue 3, step 7): one row per district of the region with the
 * district's own roadmap and the counts of its latest campaign (or the campaign of the academic year).
 *
 * Computed live in ONE statement that UNION ALLs a fixed subquery over each district schema of the
 * region. The schema names come from `core.district` (validated by `quoteSchema`, quoted), never from
 * the request; the request's tenant fork is not used — the statement runs on the core EntityManager's
 * connection and names every schema explicitly. Bound: a region has at most a few dozen districts
 * (`REGION_DISTRICTS_MAX`), so the statement has at most that many branches. A national view must not
 * do this over thousands of schemas — it would read the maintained `core` roll-up (the monitoring
 * snapshot) instead.
 */
export const REGION_DISTRICTS_MAX = 100;

export const REGION_OVERVIEW_MESSAGES_RU = {
  forbidden: 'Дорожные карты региона доступны координатору этого региона и администратору платформы.',
  tooManyDistricts: (n: number) =>
    `В регионе ${n} ${pluralRu(n, ['муниципалитет', 'муниципалитета', 'муниципалитетов'])} — больше, чем сводка собирает напрямую (${REGION_DISTRICTS_MAX}).`,
};

@ObjectType('RegionCampaignSummary', { description: 'Кампания муниципалитета (последняя или за учебный год) с числом организаций по состояниям.' })
export class RegionCampaignSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  academicYear!: string;

  @Field(() => String, { description: 'Срок представления, ГГГГ-ММ-ДД.' })
  dueDate!: string;

  @Field(() => Boolean)
  pastDue!: boolean;

  @Field(() => CampaignCounts)
  counts!: CampaignCounts;
}

@ObjectType('RegionRoadmapDistrict', { description: 'Строка сводки региона: муниципалитет, его дорожная карта и кампания.' })
export class RegionRoadmapDistrict {
  @Field(() => ID)
  districtId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Дорожная карта муниципалитета (последняя созданная).' })
  roadmapId!: string | null;

  @Field(() => ID, { nullable: true })
  roadmapLatestRevisionId!: string | null;

  @Field(() => RoadmapState, { nullable: true, description: 'Состояние последней редакции карты муниципалитета.' })
  roadmapState!: RoadmapState | null;

  @Field(() => Boolean, { description: 'У карты муниципалитета есть действующая согласованная редакция.' })
  roadmapInForce!: boolean;

  @Field(() => RegionCampaignSummary, { nullable: true })
  campaign!: RegionCampaignSummary | null;
}

@ObjectType('RegionRoadmapOverview')
export class RegionRoadmapOverview {
  @Field(() => ID)
  regionId!: string;

  @Field(() => String)
  regionName!: string;

  @Field(() => String, { nullable: true, description: 'Учебный год запроса; пусто — последняя кампания каждого муниципалитета.' })
  academicYear!: string | null;

  @Field(() => [RegionRoadmapDistrict])
  districts!: RegionRoadmapDistrict[];
}

interface OverviewRow {
  district_id: string;
  roadmap_id: string | null;
  roadmap_latest_revision_id: string | null;
  roadmap_state: DomainState | null;
  roadmap_in_force: boolean;
  campaign_id: string | null;
  campaign_title: string | null;
  academic_year: string | null;
  due_date: string | null;
  total: number;
  not_started: number;
  draft: number;
  with_director: number;
  submitted: number;
  returned: number;
  agreed: number;
  overdue: number;
}

const NOT_SUBMITTED_SQL = `(${NOT_SUBMITTED_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const count = (status: SchoolCampaignStatus) => `count(*) filter (where s.status = '${status}')::int`;

/**
 * The fixed subquery over one district schema. Parameters, in order: district id (row), academic year
 * twice (null = any), today, district id (organisations).
 */
function districtBranch(schemaName: string): string {
  const schema = quoteSchema(schemaName);
  return `select ?::uuid as district_id,
      dr.id as roadmap_id, dr.latest_revision_id as roadmap_latest_revision_id, drr.state as roadmap_state,
      (dr.in_force_revision_id is not null) as roadmap_in_force,
      c.id as campaign_id, c.title as campaign_title, c.academic_year, c.due_date::text as due_date,
      coalesce(cs.total, 0) as total, coalesce(cs.not_started, 0) as not_started, coalesce(cs.draft, 0) as draft,
      coalesce(cs.with_director, 0) as with_director, coalesce(cs.submitted, 0) as submitted,
      coalesce(cs.returned, 0) as returned, coalesce(cs.agreed, 0) as agreed, coalesce(cs.overdue, 0) as overdue
    from (select 1) one
    left join lateral (
      select r.* from ${schema}."roadmap" r where r.level = 'district' order by r.created_at desc, r.id desc limit 1
    ) dr on true
    left join ${schema}."roadmap_revision" drr on drr.id = dr.latest_revision_id
    left join lateral (
      select * from ${schema}."campaign" c0 where (?::text is null or c0.academic_year = ?::text)
      order by c0.due_date desc, c0.id desc limit 1
    ) c on true
    left join lateral (
      select count(*)::int as total, ${count('notStarted')} as not_started, ${count('draft')} as draft,
        ${count('withDirector')} as with_director, ${count('submitted')} as submitted, ${count('returned')} as returned,
        ${count('agreed')} as agreed,
        count(*) filter (where s.past_due and s.status in ${NOT_SUBMITTED_SQL})::int as overdue
      from (
        select ${STATUS_SQL} as status, (?::date > c.due_date) as past_due
        from "core"."organization" o
        left join ${schema}."roadmap" r on r.campaign_id = c.id and r.organization_id = o.id and r.level = 'school'
        left join ${schema}."roadmap_revision" lr on lr.id = r.latest_revision_id
        where o.district_id = ? and (c.all_organizations or o.id = any(c.organization_ids))
      ) s
    ) cs on c.id is not null`;
}

export class RegionRoadmapService {
  constructor(private readonly clock: Clock) {}

  async overview(ctx: ServiceContext, regionId: string, academicYear?: string | null): Promise<RegionRoadmapOverview> {
    const { actor } = ctx;
    if (!actor.access.platform && !actor.access.coordinatorRegionIds.includes(regionId)) throw forbidden(REGION_OVERVIEW_MESSAGES_RU.forbidden);
    const year = academicYear?.trim() || null;
    if (year !== null && !isValidAcademicYear(year)) throw badUserInput('academicYear', ERRORS_RU.invalidAcademicYear(FIELD_LABELS_RU.academicYear));
    if (!isUuid(regionId)) throw notFound();
    // The core em's connection: core.region / core.district, then the statement naming each schema.
    const conn = ctx.em.getConnection();
    const districts = await conn.execute<Array<{ region_name: string; id: string | null; code: string; name: string; schema_name: string }>>(
      `select r.name as region_name, d.id, d.code, d.name, d.schema_name
       from "core"."region" r left join "core"."district" d on d.region_id = r.id
       where r.id = ? order by d.name, d.id`,
      [regionId],
    );
    if (districts.length === 0) throw notFound();
    const regionName = districts[0]!.region_name;
    const rows = districts.filter((d): d is typeof d & { id: string } => d.id !== null);
    if (rows.length > REGION_DISTRICTS_MAX) throw badUserInput('regionId', REGION_OVERVIEW_MESSAGES_RU.tooManyDistricts(rows.length));
    const byId = new Map<string, OverviewRow>();
    if (rows.length > 0) {
      const today = this.clock.today();
      const params: unknown[] = [];
      const branches = rows.map((d) => {
        params.push(d.id, year, year, today, d.id);
        return `(${districtBranch(d.schema_name)})`;
      });
      const result = await conn.execute<OverviewRow[]>(branches.join('\nunion all\n'), params);
      for (const row of result) byId.set(row.district_id, row);
    }
    return {
      regionId,
      regionName,
      academicYear: year,
      districts: rows.map((d) => {
        const row = byId.get(d.id);
        return {
          districtId: d.id,
          code: d.code,
          name: d.name,
          roadmapId: row?.roadmap_id ?? null,
          roadmapLatestRevisionId: row?.roadmap_latest_revision_id ?? null,
          roadmapState: (row?.roadmap_state as RoadmapState | null) ?? null,
          roadmapInForce: row?.roadmap_in_force ?? false,
          campaign:
            row?.campaign_id != null
              ? {
                  id: row.campaign_id,
                  title: row.campaign_title!,
                  academicYear: row.academic_year!,
                  dueDate: row.due_date!,
                  pastDue: this.clock.today() > row.due_date!,
                  counts: {
                    total: row.total,
                    notStarted: row.not_started,
                    draft: row.draft,
                    withDirector: row.with_director,
                    submitted: row.submitted,
                    returned: row.returned,
                    agreed: row.agreed,
                    overdue: row.overdue,
                  },
                }
              : null,
        };
      }),
    };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    regionRoadmaps: RegionRoadmapService;
  }
}
