import { grantsFromToken, type IsoDate, type PlatformRole, type RoadmapState } from '@nastavnik/domain';
import { accessOf, type Actor } from '../engine/auth/actor.js';
import { addDays, type Clock } from '../engine/clock.js';
import type { EntityManager, MikroORM } from '../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../engine/services.js';
import type { TenantLoaders } from '../engine/tenancy/tenant.js';
import type { AttachmentService } from '../modules/attachments/attachment.service.js';
import { District } from '../modules/directory/district.entity.js';
import { resolveGrants } from '../modules/directory/grants.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { ItemExecution } from '../modules/execution/item-execution.entity.js';
import { ExecutionService } from '../modules/execution/execution.service.js';
import { demoAcademicYear, demoToday, DEMO_PROGRAMMES } from './demo-programmes.js';
import { DecisionService } from '../modules/reviews/decision.service.js';
import { RoadmapEvent } from '../modules/roadmaps/event.entity.js';
import { approvalSettings } from '../modules/roadmaps/access.js';
import { ApprovalAction, RoadmapSource } from '../modules/roadmaps/enums.js';
import { RoadmapItem } from '../modules/roadmaps/item.entity.js';
import { RoadmapRevision } from '../modules/roadmaps/revision.entity.js';
import { Roadmap } from '../modules/roadmaps/roadmap.entity.js';
import { RoadmapService } from '../modules/roadmaps/roadmap.service.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';
import { DEMO_CAMPAIGN } from './demo-campaigns.js';

/**
 * The demo of the current academic year: Sibay's campaign «Дорожные карты на <год> учебный год»
 * addressed to МОБУ «Гимназия» only (the 2025/2026 campaign of ./demo.ts and СОШ № 4 stay as they
 * are), the gymnasium's roadmap from the standard template taken through the real approval path by
 * the services (curator → director → district officer → district head, as the demo users), and
 * marks of execution dated against `today`: items done on time, one done late, the last one due
 * left overdue, the rest not yet due — so the monitoring screens show live figures.
 */
export const DEMO_CURRENT = {
  districtCode: 'sibay',
  organizationCode: 'gimnaziya',
  campaignTitle: (academicYear: string) => `Дорожные карты на ${academicYear} учебный год`,
  createdByName: 'Галина Рашитовна Ильясова',
} as const;

/** The demo users (infra/keycloak/realm-nastavnik.json), as the request context would build them. */
const DEMO_ACTORS = {
  curator: {
    userId: '298b23ca-4072-42a9-8950-8caa091da0c9',
    username: 'gimnaziya.curator',
    displayName: 'Лилия Фанисовна Исхакова',
    position: 'заместитель директора по УВР, куратор наставничества',
    role: 'school-curator',
    group: '/bashkortostan/sibay/gimnaziya',
  },
  director: {
    userId: '8596caa0-64c1-4bd2-ac3b-75e2a9dea441',
    username: 'gimnaziya.director',
    displayName: 'Ирина Ивановна Варламова',
    position: 'директор',
    role: 'school-director',
    group: '/bashkortostan/sibay/gimnaziya',
  },
  officer: {
    userId: 'c54b8669-8d35-4179-bbdf-2d8e60bccf3d',
    username: 'sibay.officer',
    displayName: 'Галина Рашитовна Ильясова',
    position: 'методист управления образования',
    role: 'district-officer',
    group: '/bashkortostan/sibay',
  },
  head: {
    userId: '76e911a1-08ff-479c-80d2-d57b0cf249df',
    username: 'sibay.head',
    displayName: 'Айгуль Рашитовна Бикмурзина',
    position: 'и.о. начальника управления образования',
    role: 'district-head',
    group: '/bashkortostan/sibay',
  },
} as const satisfies Record<string, { userId: string; username: string; displayName: string; position: string; role: PlatformRole; group: string }>;

type DemoActor = keyof typeof DEMO_ACTORS;

const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/**
 * Creates the current year's demo campaign, roadmap and execution once (idempotent: a campaign of
 * that title, a roadmap of the gymnasium in it, an agreed revision and any mark or its undoing are
 * each left as they are). Nothing when the current year is the 2025/2026 of the demo campaign.
 */
export async function seedDemoCurrentRoadmap(orm: MikroORM, today: IsoDate = demoToday()): Promise<void> {
  const { academicYear, start, end } = demoAcademicYear(today);
  if (academicYear === DEMO_CAMPAIGN.academicYear) return;
  const core = orm.em.fork({ clear: true });
  const district = await core.findOne(District, { code: DEMO_CURRENT.districtCode }, { populate: ['region'] });
  if (!district) return;
  const organization = await core.findOne(Organization, { district, code: DEMO_CURRENT.organizationCode });
  if (!organization) return;
  const programme = DEMO_PROGRAMMES.find((p) => p.districtCode === district.code && p.organizationCode === organization.code);

  // The services' «now» is the real instant; their «today» the seed's.
  const clock: Clock = { today: () => today, now: () => new Date() };
  const roadmaps = new RoadmapService(clock);
  const decisions = new DecisionService(clock, roadmaps);
  // Marks carry no attachment here, so the attachment service is never reached.
  const execution = new ExecutionService(clock, null as unknown as AttachmentService);
  const { createTenantLoaders } = await import('../app.js');
  const tenantDistrict = { id: district.id, code: district.code, regionId: district.region.id, schemaName: district.schemaName };
  const contextOf = async (who: DemoActor): Promise<TenantServiceContext> => {
    const demo = DEMO_ACTORS[who];
    const em = orm.em.fork({ clear: true });
    const grants = await resolveGrants(em, grantsFromToken([demo.role], [demo.group]));
    const actor: Actor = {
      userId: demo.userId,
      username: demo.username,
      displayName: demo.displayName,
      position: demo.position,
      roles: [...new Set(grants.map((g) => g.role))],
      grants,
      access: accessOf(grants),
    };
    const tenantEm = orm.em.fork({ clear: true, schema: district.schemaName });
    return { actor, em, tenant: { district: tenantDistrict, em: tenantEm, loaders: createTenantLoaders(tenantEm) as TenantLoaders } };
  };
  const tenantEm = (): EntityManager => orm.em.fork({ clear: true, schema: district.schemaName });

  // The campaign (addressed to the gymnasium only).
  const title = DEMO_CURRENT.campaignTitle(academicYear);
  let campaign = await tenantEm().findOne(Campaign, { title });
  if (!campaign) {
    const em = tenantEm();
    campaign = em.create(Campaign, {
      title,
      academicYear,
      periodStart: start,
      periodEnd: end,
      dueDate: addDays(start, 19),
      allOrganizations: false,
      organizationIds: [organization.id],
      createdByUserId: DEMO_ACTORS.officer.userId,
      createdByName: DEMO_CURRENT.createdByName,
    });
    await em.flush();
  }

  // The roadmap from the template, by the curator.
  let roadmap = await tenantEm().findOne(Roadmap, { campaign: campaign.id, organizationId: organization.id });
  if (!roadmap) {
    roadmap = await roadmaps.create(await contextOf('curator'), {
      campaignId: campaign.id,
      organizationId: organization.id,
      source: RoadmapSource.TEMPLATE,
      programmeName: programme?.name ?? 'Программа наставничества',
    });
  }

  // The approval path, resumed from wherever it stopped; a revision someone returned is left alone.
  const approvedOn = earlier(addDays(start, 15), today);
  const agreedOn = earlier(addDays(start, 18), today);
  const whoAgrees = (await approvalSettings((await contextOf('officer')).tenant)).whoAgrees;
  for (let step = 0; step < 6; step++) {
    const fresh = await tenantEm().findOneOrFail(Roadmap, { id: roadmap.id });
    if (fresh.inForceRevisionId || !fresh.latestRevisionId) break;
    const revision = await tenantEm().findOneOrFail(RoadmapRevision, { id: fresh.latestRevisionId });
    const next = nextDecision(revision.state, whoAgrees);
    if (!next) break;
    await decisions.decide(await contextOf(next.who), {
      revisionId: revision.id,
      expectedVersion: revision.version,
      action: next.action,
      approval:
        next.action === ApprovalAction.APPROVE
          ? { position: 'Директор', name: 'И.И. Варламова', date: approvedOn, orderNumber: '215-од', orderDate: earlier(addDays(start, 14), today) }
          : null,
      agreement:
        next.action === ApprovalAction.AGREE
          ? whoAgrees === 'head'
            ? { position: 'И.о. начальника управления образования', name: 'А.Р. Бикмурзина', date: agreedOn }
            : { position: 'Методист управления образования', name: 'Г.Р. Ильясова', date: agreedOn }
          : null,
    });
  }

  // Execution: once per roadmap (a roadmap with any mark, or any mark taken back, is left as it is).
  const agreed = await tenantEm().findOneOrFail(Roadmap, { id: roadmap.id });
  if (!agreed.inForceRevisionId) return;
  const em = tenantEm();
  if (await em.count(ItemExecution, { roadmap: agreed.id })) return;
  if (await em.count(RoadmapEvent, { roadmap: agreed.id, action: { $in: ['markDone', 'undoDone'] } })) return;
  const due = (
    await em.find(RoadmapItem, { revision: agreed.inForceRevisionId, dueDate: { $ne: null, $lt: today } }, { orderBy: { dueDate: 'asc', position: 'asc' } })
  ).filter((item) => item.dueDate! >= start);
  if (due.length === 0) return;
  // The last item due stays overdue; with four or more due, the third is done late; the rest on time.
  const plan = due.slice(0, -1).map((item, index) => {
    const late = index === 2 && due.length >= 4;
    const doneOn = late ? earlier(addDays(item.dueDate!, 10), today) : later(earlier(addDays(item.dueDate!, -5), today), start);
    return { item, doneOn };
  });
  const curator = await contextOf('curator');
  for (const [index, { item, doneOn }] of plan.entries()) {
    await execution.mark(curator, {
      itemId: item.id,
      doneOn,
      documentNumber: `приказ № ${216 + index}-од`,
      documentDate: doneOn,
      note: `Выполнено: ${item.expectedResult || item.activity}`.slice(0, 500),
    });
  }
}

/** Who takes the next step of the approval from `state` (null: agreed, or returned to the author). */
function nextDecision(state: RoadmapState, whoAgrees: string): { who: DemoActor; action: ApprovalAction } | null {
  switch (state) {
    case 'draft':
      return { who: 'curator', action: ApprovalAction.SUBMIT_TO_DIRECTOR };
    case 'withDirector':
      return { who: 'director', action: ApprovalAction.APPROVE };
    case 'submittedToDistrict':
      return { who: 'officer', action: ApprovalAction.START_REVIEW };
    case 'inReview':
      return whoAgrees === 'head' ? { who: 'officer', action: ApprovalAction.RECOMMEND_AGREEMENT } : { who: 'officer', action: ApprovalAction.AGREE };
    case 'awaitingHeadSignature':
      return whoAgrees === 'head' ? { who: 'head', action: ApprovalAction.AGREE } : { who: 'officer', action: ApprovalAction.AGREE };
    default:
      return null;
  }
}
