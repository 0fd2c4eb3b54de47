import { allowedActions, DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings, type PlatformRole, type RoadmapLevel } from '@nastavnik/domain';
import { conflict, notFound } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid, type Tenant } from '../../engine/tenancy/tenant.js';
import { within } from '../directory/scope.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { whenLoaded } from './loaders.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { roadmapScopeFilter } from './scope.js';

/** A roadmap by id within the actor's row scope; NOT_FOUND otherwise. */
export async function findRoadmap(ctx: TenantServiceContext, id: string, em: EntityManager = ctx.tenant.em): Promise<Roadmap> {
  const roadmap = isUuid(id) ? await em.findOne(Roadmap, within(roadmapScopeFilter(ctx.actor, ctx.tenant.district), { id })) : null;
  if (!roadmap) throw notFound(ROADMAP_MESSAGES_RU.roadmapNotFound);
  return roadmap;
}

/** A revision by id whose roadmap is within the actor's row scope; NOT_FOUND otherwise. */
export async function findRevision(
  ctx: TenantServiceContext,
  id: string,
  em: EntityManager = ctx.tenant.em,
): Promise<{ revision: RoadmapRevision; roadmap: Roadmap }> {
  const revision = isUuid(id) ? await em.findOne(RoadmapRevision, { id }) : null;
  if (!revision) throw notFound(ROADMAP_MESSAGES_RU.revisionNotFound);
  const roadmap = await em.findOne(Roadmap, within(roadmapScopeFilter(ctx.actor, ctx.tenant.district), { id: revision.roadmap.id }));
  if (!roadmap) throw notFound(ROADMAP_MESSAGES_RU.revisionNotFound);
  return { revision, roadmap };
}

/** The roles among `roles` that author a roadmap of this level (the machine lets them submit a draft). */
export function authorRoles(roles: readonly PlatformRole[], level: RoadmapLevel): PlatformRole[] {
  return roles.filter((role) => allowedActions('draft', role, level).includes('submitToDirector'));
}

/** The district's approval settings (the defaults when it never set them); without a promise when the request holds them. */
export function approvalSettings(tenant: Tenant): ApprovalSettings | Promise<ApprovalSettings> {
  return whenLoaded(tenant.loaders.roadmaps.settings, 'settings', (row) => (row ? { whoAgrees: row.whoAgrees } : { ...DEFAULT_APPROVAL_SETTINGS }));
}

/** Stale `expectedVersion`: CONFLICT before anything is attempted. */
export function checkVersion(revision: RoadmapRevision, expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion) || revision.version !== expectedVersion) throw conflict(ROADMAP_MESSAGES_RU.staleVersion);
}

/**
 * The optimistic lock: moves the revision from (expectedVersion, its state) to version + 1 with the
 * patch, in the caller's transaction. Zero rows means someone else got there first: CONFLICT, and
 * the caller's transaction rolls back whatever it did.
 */
export async function claimRevision(
  em: EntityManager,
  revision: RoadmapRevision,
  expectedVersion: number,
  patch: Partial<Pick<RoadmapRevision, 'state' | 'title' | 'programmeName' | 'periodStart' | 'periodEnd' | 'approval' | 'agreement'>>,
  now: Date,
): Promise<number> {
  const affected = await em.nativeUpdate(
    RoadmapRevision,
    { id: revision.id, version: expectedVersion, state: revision.state },
    { ...patch, version: expectedVersion + 1, updatedAt: now },
  );
  if (affected === 0) throw conflict(ROADMAP_MESSAGES_RU.staleVersion);
  return expectedVersion + 1;
}
