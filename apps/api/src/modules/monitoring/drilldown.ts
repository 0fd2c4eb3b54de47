import {
  FORM_LABELS_RU,
  KPI_TARGETS,
  PARTICIPANT_CATEGORY_LABELS_RU,
  PARTICIPANT_ROLE_LABELS_RU,
  type ParticipantCategory,
  type ParticipantRole,
} from '@nastavnik/domain';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { PageInput, pageWindow } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { logAccess } from '../participants/access-log.js';
import { dateRu } from '../documents/layout.js';
import type { FiguresSource } from './figures-source.js';
import { academicYearBounds } from './queries.js';
import { districtStaffRoles, schoolStaffOrganizationIds, seesWholeDistrict } from '../directory/scope.js';

/**
 * Drill-down (issue 7): the rows behind a number of a school's dashboard, paginated.
 *
 * Who sees what (152-ФЗ, data minimisation — a dashboard is for monitoring, not for browsing people):
 * - roadmap items (execution): everyone who sees the school's dashboard — its staff, the district's
 *   staff, the region's coordinator, the platform admin;
 * - persons (participants, pairs): the school's own staff (director, curator) see names — each person
 *   shown is written to the access log (`participant_access_log`, operation `drill-down`) like the
 *   participant card; the district's staff (officer, head) and the platform admin see ANONYMISED rows
 *   (no id, no name: «Участник 3», with role, category, consent and plan status) — nothing personal,
 *   so nothing to log; they open a person's card through the participants module if they need to, which
 *   is logged there. The region's coordinator gets no person rows at all (FORBIDDEN): the region works
 *   with counts.
 * - a school of another district: NOT_FOUND (the school must belong to the request's district).
 */

export enum DrillDownKind {
  ITEMS_ALL = 'ITEMS_ALL',
  ITEMS_ON_TIME = 'ITEMS_ON_TIME',
  ITEMS_LATE = 'ITEMS_LATE',
  ITEMS_OVERDUE = 'ITEMS_OVERDUE',
  ITEMS_NOT_YET_DUE = 'ITEMS_NOT_YET_DUE',
  PARTICIPANTS = 'PARTICIPANTS',
  PARTICIPANTS_WITH_CONSENT = 'PARTICIPANTS_WITH_CONSENT',
  PARTICIPANTS_WITHOUT_CONSENT = 'PARTICIPANTS_WITHOUT_CONSENT',
  PARTNER_MENTORS = 'PARTNER_MENTORS',
  PLANS = 'PLANS',
  PLANS_BELOW_TARGET = 'PLANS_BELOW_TARGET',
  FINAL_MEETING_MISSING = 'FINAL_MEETING_MISSING',
}
registerEnumType(DrillDownKind, {
  name: 'DrillDownKind',
  description:
    'Что стоит за числом: мероприятия (ITEMS_*), участники (PARTICIPANTS*, PARTNER_MENTORS; фильтры role и category), пары и их планы (PLANS*, FINAL_MEETING_MISSING).',
});

const KIND_LABELS_RU: Record<DrillDownKind, string> = {
  ITEMS_ALL: 'Мероприятия действующих дорожных карт',
  ITEMS_ON_TIME: 'Мероприятия, выполненные в срок',
  ITEMS_LATE: 'Мероприятия, выполненные с опозданием',
  ITEMS_OVERDUE: 'Просроченные мероприятия',
  ITEMS_NOT_YET_DUE: 'Мероприятия, срок которых не наступил',
  PARTICIPANTS: 'Участники',
  PARTICIPANTS_WITH_CONSENT: 'Участники с действующим согласием',
  PARTICIPANTS_WITHOUT_CONSENT: 'Участники без действующего согласия',
  PARTNER_MENTORS: 'Наставники от организаций-партнёров',
  PLANS: 'Пары и выполнение индивидуальных планов',
  PLANS_BELOW_TARGET: `Пары с планом, выполненным менее чем на ${KPI_TARGETS.plansDone} %`,
  FINAL_MEETING_MISSING: 'Пары, завершившие работу без итоговой встречи',
};

const ITEM_STATUS: Partial<Record<DrillDownKind, string>> = {
  ITEMS_ON_TIME: 'onTime',
  ITEMS_LATE: 'late',
  ITEMS_OVERDUE: 'overdue',
  ITEMS_NOT_YET_DUE: 'notYetDue',
};
const ITEM_STATUS_RU: Record<string, string> = {
  onTime: 'Выполнено в срок',
  late: 'Выполнено с опозданием',
  overdue: 'Просрочено',
  notYetDue: 'Срок не наступил',
};

export const DRILLDOWN_MESSAGES_RU = {
  personsForbidden: 'Сведения об участниках доступны организации и муниципалитету; региону — только показатели.',
  anonymisedNote: 'Строки обезличены: имена участников видят только сотрудники организации (доступ к персональным данным журналируется).',
  category: 'Категория: неизвестный код категории участника.',
  role: 'Роль: допустимо mentor или mentee.',
};

@ObjectType('DrillDownRow', { description: 'Строка за числом показателя: мероприятие, участник или пара.' })
export class DrillDownRowGql {
  @Field(() => ID, { nullable: true, description: 'Мероприятие, участник или пара; null — строка обезличена.' }) id!: string | null;
  @Field({ description: 'Название мероприятия, ФИО участника (или «Участник 3»), наставник пары.' }) label!: string;
  @Field(() => String, { nullable: true, description: '№ мероприятия.' }) number!: string | null;
  @Field(() => String, { nullable: true }) roleRu!: string | null;
  @Field(() => String, { nullable: true }) categoryRu!: string | null;
  @Field(() => String, { nullable: true, description: 'Срок (ДД.ММ.ГГГГ).' }) dueRu!: string | null;
  @Field(() => String, { nullable: true, description: 'Дата выполнения (ДД.ММ.ГГГГ).' }) doneOnRu!: string | null;
  @Field({ description: 'onTime | late | overdue | notYetDue | consent | noConsent | plan | …' }) status!: string;
  @Field() statusRu!: string;
  @Field({ description: 'Пояснение: форма пары и выполнение плана, согласие…' }) detail!: string;
  @Field(() => ID, { nullable: true, description: 'Карта мероприятия (для перехода).' }) roadmapId!: string | null;
}

@ObjectType('DrillDownPage', { description: 'Что стоит за числом показателя организации (по страницам).' })
export class DrillDownPageGql {
  @Field(() => DrillDownKind) kind!: DrillDownKind;
  @Field() kindRu!: string;
  @Field(() => ID) organizationId!: string;
  @Field() academicYear!: string;
  @Field({ description: 'Строки с именами (сотрудники организации; просмотр записан в журнал доступа).' }) personal!: boolean;
  @Field({ description: 'Строки обезличены (муниципалитет, администратор).' }) anonymised!: boolean;
  @Field(() => String, { nullable: true }) noteRu!: string | null;
  @Field(() => [DrillDownRowGql]) items!: DrillDownRowGql[];
  @Field(() => Int) total!: number;
  @Field(() => Int) limit!: number;
  @Field(() => Int) offset!: number;
}

const PERSON_KINDS = new Set<DrillDownKind>([
  DrillDownKind.PARTICIPANTS,
  DrillDownKind.PARTICIPANTS_WITH_CONSENT,
  DrillDownKind.PARTICIPANTS_WITHOUT_CONSENT,
  DrillDownKind.PARTNER_MENTORS,
  DrillDownKind.PLANS,
  DrillDownKind.PLANS_BELOW_TARGET,
  DrillDownKind.FINAL_MEETING_MISSING,
]);

/** Mirrors the dashboard's due date in force (queries.ts). */
const DUE_SQL = `case when i."deadline"->>'kind' in ('months', 'recurring', 'endOfAcademicYear') then coalesce(
    (select o.value->>'end' from jsonb_array_elements(i."deadline"->'occurrences') with ordinality as o(value, n)
      where o.value->>'start' <= ? order by o.n desc limit 1),
    i."deadline"->'occurrences'->0->>'end',
    i."deadline"->>'due')
  else i."deadline"->>'due' end`;

interface Filters {
  role?: string | null;
  category?: string | null;
}

export class DrillDownService {
  constructor(private readonly monitoring: FiguresSource) {}

  async drillDown(
    ctx: TenantServiceContext,
    organizationId: string,
    academicYear: string,
    kind: DrillDownKind,
    page?: PageInput | null,
    filters: Filters = {},
  ): Promise<DrillDownPageGql> {
    const year = this.monitoring.checkYear(academicYear);
    const { actor, tenant } = ctx;
    const ownStaff = isUuid(organizationId) && schoolStaffOrganizationIds(actor, tenant.district).includes(organizationId);
    if (!ownStaff && !seesWholeDistrict(actor, tenant.district)) throw notFound();
    const conn = ctx.em.getConnection();
    const own = isUuid(organizationId)
      ? await conn.execute<{ id: string }[]>(`select id from "core"."organization" where id = ? and district_id = ?`, [organizationId, tenant.district.id])
      : [];
    if (own.length === 0) throw notFound();

    const persons = PERSON_KINDS.has(kind);
    const districtSide = districtStaffRoles(actor, tenant.district).length > 0 || actor.access.platform;
    if (persons && !ownStaff && !districtSide) throw forbidden(DRILLDOWN_MESSAGES_RU.personsForbidden);
    const role = filters.role?.trim() || null;
    const category = filters.category?.trim() || null;
    if (role && !Object.hasOwn(PARTICIPANT_ROLE_LABELS_RU, role)) throw badUserInput('role', DRILLDOWN_MESSAGES_RU.role);
    if (category && !Object.hasOwn(PARTICIPANT_CATEGORY_LABELS_RU, category)) throw badUserInput('category', DRILLDOWN_MESSAGES_RU.category);

    const { limit, offset } = pageWindow(page);
    const named = persons && ownStaff;
    const query = { organizationId, year, kind, role, category, named };
    const rows = await this.rows(ctx, query, limit, offset);
    if (named) {
      const people = rows.flatMap((r) => (r.personId ? [{ id: r.personId, organizationId }] : []));
      await logAccess(tenant, actor, people, 'drill-down');
    }
    // A page past the end has no row to carry `count(*) over ()`: count with the first row (not shown, not logged).
    const total = rows[0]?.total ?? (offset > 0 ? ((await this.rows(ctx, query, 1, 0))[0]?.total ?? 0) : 0);
    return {
      kind,
      kindRu: KIND_LABELS_RU[kind],
      organizationId,
      academicYear: year,
      personal: named,
      anonymised: persons && !named,
      noteRu: persons && !named ? DRILLDOWN_MESSAGES_RU.anonymisedNote : null,
      items: rows.map(({ total: _t, personId: _p, ...row }) => row),
      total,
      limit,
      offset,
    };
  }

  private async rows(
    ctx: TenantServiceContext,
    q: { organizationId: string; year: string; kind: DrillDownKind; role: string | null; category: string | null; named: boolean },
    limit: number,
    offset: number,
  ): Promise<Array<DrillDownRowGql & { total: number; personId?: string | null }>> {
    const { organizationId, year, kind, role, category, named } = q;
    const conn = ctx.em.getConnection();
    const persons = PERSON_KINDS.has(kind);
    const today = this.monitoring.today();
    const { start, end } = academicYearBounds(year);
    const s = `"${ctx.tenant.district.schemaName}"`;
    let rows: Array<DrillDownRowGql & { total: number; personId?: string | null }>;

    if (!persons) {
      const status = ITEM_STATUS[kind] ?? null;
      const raw = await conn.execute<
        Array<{ id: string; number: string; activity: string; due: string | null; done_on: string | null; status: string; roadmap_id: string; total: number }>
      >(
        `select x.*, count(*) over ()::int as total from (
           select i.id, i.number, i.activity, d.due, to_char(e.done_on, 'YYYY-MM-DD') as done_on, r.id as roadmap_id, i.position, v.id as revision_id,
             case when coalesce(e.done, false) and d.due is not null and e.done_on is not null and to_char(e.done_on, 'YYYY-MM-DD') > d.due then 'late'
                  when coalesce(e.done, false) then 'onTime'
                  when d.due is not null and d.due < ? then 'overdue'
                  else 'notYetDue' end as status
           from ${s}."roadmap" r
           join ${s}."roadmap_revision" v on v.id = r.in_force_revision_id and v.state = 'agreed'
           join ${s}."roadmap_item" i on i.revision_id = v.id
           left join ${s}."item_execution" e on e.roadmap_id = r.id and e.item_key = i.key
           cross join lateral (select ${DUE_SQL} as due) d
           where r.level = 'school' and r.organization_id = ? and v.period_start <= ?::date and v.period_end >= ?::date
         ) x where (?::text is null or x.status = ?::text)
         order by x.due nulls last, x.revision_id, x.position, x.id limit ? offset ?`,
        [today, today, organizationId, end, start, status, status, limit, offset],
      );
      rows = raw.map((r) => ({
        id: r.id,
        label: r.activity,
        number: r.number,
        roleRu: null,
        categoryRu: null,
        dueRu: r.due ? dateRu(r.due) : null,
        doneOnRu: r.done_on ? dateRu(r.done_on) : null,
        status: r.status,
        statusRu: ITEM_STATUS_RU[r.status] ?? r.status,
        detail: r.due ? `срок ${dateRu(r.due)}` : 'без срока',
        roadmapId: r.roadmap_id,
        total: r.total,
      }));
    } else if (kind === DrillDownKind.PLANS || kind === DrillDownKind.PLANS_BELOW_TARGET || kind === DrillDownKind.FINAL_MEETING_MISSING) {
      const raw = await conn.execute<
        Array<{
          id: string;
          form: string;
          percent: number | null;
          mentees: number;
          held: boolean;
          finished: boolean;
          mentor_id: string;
          last_name: string | null;
          first_name: string | null;
          middle_name: string | null;
          anonymized: boolean;
          total: number;
        }>
      >(
        `select x.*, count(*) over ()::int as total from (
           select mp.id, mp.form, mp.mentor_id, mp.created_at,
             case when jsonb_array_length(mp.tasks) = 0 then null
               else floor((select count(*) from jsonb_array_elements(mp.tasks) t where (t->>'done')::boolean) * 100.0 / jsonb_array_length(mp.tasks))::int end as percent,
             case when jsonb_typeof(mp.mentee_ids) = 'array' then jsonb_array_length(mp.mentee_ids) else 0 end as mentees,
             exists (select 1 from ${s}."pair_meeting" m where m.pair_id = mp.id and m.type = 'final') as held,
             (mp.status = 'completed' or mp.end_date < ?::date) as finished,
             p.last_name, p.first_name, p.middle_name, coalesce(p.anonymized, false) as anonymized
           from ${s}."mentoring_pair" mp left join ${s}."participant" p on p.id = mp.mentor_id
           where mp.organization_id = ? and mp.start_date <= ?::date and mp.end_date >= ?::date
         ) x where case ?::text when 'PLANS_BELOW_TARGET' then x.percent < ? when 'FINAL_MEETING_MISSING' then x.finished and not x.held else true end
         order by ${named ? 'x.last_name nulls last, x.first_name nulls last,' : ''} x.created_at, x.id limit ? offset ?`,
        [today, organizationId, end, start, kind, KPI_TARGETS.plansDone, limit, offset],
      );
      rows = raw.map((r, index) => ({
        id: named ? r.id : null,
        label: named ? `Наставник: ${personName(r)}` : `Пара ${offset + index + 1}`,
        number: null,
        roleRu: null,
        categoryRu: null,
        dueRu: null,
        doneOnRu: null,
        status: r.held ? 'finalHeld' : r.finished ? 'finalMissing' : 'working',
        statusRu: r.held ? 'Итоговая встреча проведена' : r.finished ? 'Итоговой встречи нет' : 'Работа продолжается',
        detail: `${FORM_LABELS_RU[r.form as keyof typeof FORM_LABELS_RU] ?? r.form}; наставляемых: ${r.mentees}; план: ${r.percent === null ? 'без задач' : `${r.percent} %`}`,
        roadmapId: null,
        total: r.total,
        personId: named ? r.mentor_id : null,
      }));
    } else {
      const raw = await conn.execute<
        Array<{
          id: string;
          role: string;
          category: string;
          last_name: string | null;
          first_name: string | null;
          middle_name: string | null;
          anonymized: boolean;
          consent: boolean;
          partner: boolean;
          total: number;
        }>
      >(
        `select x.*, count(*) over ()::int as total from (
           select p.id, p.role, p.category, p.last_name, p.first_name, p.middle_name, p.anonymized, p.partner_id is not null as partner,
             exists (select 1 from ${s}."participant_consent" c where c.participant_id = p.id and c.withdrawn_on is null
               and (c.valid_until is null or c.valid_until >= ?::date)) as consent
           from ${s}."participant" p join ${s}."programme" g on g.id = p.programme_id
           where p.organization_id = ? and g.period_start <= ?::date and g.period_end >= ?::date
             and (?::text is null or p.role = ?::text) and (?::text is null or p.category = ?::text)
         ) x where case ?::text when 'PARTICIPANTS_WITH_CONSENT' then x.consent when 'PARTICIPANTS_WITHOUT_CONSENT' then not x.consent
           when 'PARTNER_MENTORS' then x.partner and x.role = 'mentor' else true end
         order by ${named ? 'x.anonymized, x.last_name nulls last, x.first_name nulls last,' : ''} x.id limit ? offset ?`,
        [today, organizationId, end, start, role, role, category, category, kind, limit, offset],
      );
      rows = raw.map((r, index) => ({
        id: named ? r.id : null,
        label: named ? personName(r) : `Участник ${offset + index + 1}`,
        number: null,
        roleRu: PARTICIPANT_ROLE_LABELS_RU[r.role as ParticipantRole] ?? r.role,
        categoryRu: PARTICIPANT_CATEGORY_LABELS_RU[r.category as ParticipantCategory] ?? r.category,
        dueRu: null,
        doneOnRu: null,
        status: r.consent ? 'consent' : 'noConsent',
        statusRu: r.consent ? 'Согласие действует' : 'Нет действующего согласия',
        detail: r.partner ? 'от организации-партнёра' : '',
        roadmapId: null,
        total: r.total,
        personId: named ? r.id : null,
      }));
    }

    return rows;
  }
}

function personName(p: { last_name: string | null; first_name: string | null; middle_name: string | null; anonymized: boolean }): string {
  if (p.anonymized) return 'Персональные данные удалены (отзыв согласия)';
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ') || 'Без имени';
}

@Resolver()
export class DrillDownResolver {
  @Authorized('school-director', 'school-curator', 'district-officer', 'district-head', 'region-coordinator', 'platform-admin')
  @Query(() => DrillDownPageGql, {
    description:
      'Что стоит за числом показателя организации (муниципалитет запроса): мероприятия, участники, пары — по страницам. Имена видят только сотрудники организации (журнал доступа); муниципалитет — обезличенно; регион — только мероприятия.',
  })
  kpiDrillDown(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('academicYear') academicYear: string,
    @Arg('kind', () => DrillDownKind) kind: DrillDownKind,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput | null,
    @Arg('role', () => String, { nullable: true, description: 'mentor | mentee (для участников).' }) role?: string | null,
    @Arg('category', () => String, { nullable: true, description: 'Код категории: pupil, teacher, … (для участников).' }) category?: string | null,
  ) {
    return ctx.services.monitoring.drillDown.drillDown(ctx, organizationId, academicYear, kind, page, { role, category });
  }
}
