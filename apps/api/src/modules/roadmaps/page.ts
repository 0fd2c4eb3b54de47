import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { notFound } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { isUuid, type Tenant } from '../../engine/tenancy/tenant.js';
import { DistrictSettings } from './district-settings.entity.js';
import { sectionRowsSql, toContent, type SectionRow } from './loaders.js';
import { RoadmapRevision } from './revision.entity.js';
import { Roadmap } from './roadmap.entity.js';
import { roadmapScopeSql } from './scope.js';

/**
 * The page of a revision (the admin's RevisionView) in ONE statement: the revision within the
 * actor's row scope, its roadmap and sibling revisions, the district's settings, the revision's
 * sections with their items — and what the modules above add to it (reviews: the roadmap's
 * comments; execution: its marks). Everything is handed to the request's loaders, so the field
 * resolvers find it there (most of them without a promise, see PeekLoader). The rows come as
 * read-only objects, not managed entities (see readRoadmap).
 */

export interface RevisionPage {
  roadmap: Roadmap;
  /** Every revision of the roadmap, by number. */
  revisions: RoadmapRevision[];
  revisionById: ReadonlyMap<string, RoadmapRevision>;
}

/** What a module above roadmaps reads along with a revision's page (it cannot be imported from here). */
export interface RevisionPagePart {
  /** Fields that use the part, anywhere under the revision in the operation; without any of them it is not read. */
  readonly fields: readonly string[];
  /** A scalar subquery: the part as JSON, over the (scoped) roadmap row `r` and the revision row `w`. */
  sql(table: (name: string) => string): string;
  /** Hands the part to the request's loaders. */
  prime(tenant: Tenant, page: RevisionPage, value: unknown): void;
}

const parts: RevisionPagePart[] = [];

/** Modules add their part when they are loaded (as they add their loaders to the tenant's). */
export function addRevisionPagePart(part: RevisionPagePart): void {
  parts.push(part);
}

/** What the revision's own fields need: its content, the approval settings. */
const CONTENT_FIELDS = ['sections', 'itemsCount', 'warnings'];
const SETTINGS_FIELDS = ['allowedActions'];

/** The names of the fields selected under the field being resolved, at any depth (fragments followed). Per query text, once. */
const selectedCache = new WeakMap<FieldNode, ReadonlySet<string>>();

export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  const [first] = info.fieldNodes;
  const cached = info.fieldNodes.length === 1 && first ? selectedCache.get(first) : undefined;
  if (cached) return cached;
  const names = new Set<string>();
  const seenFragments = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
        walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  if (info.fieldNodes.length === 1 && first) selectedCache.set(first, names);
  return names;
}

/**
 * The revision `id` for its page, NOT_FOUND outside the actor's row scope (the same scope as
 * findRevision). `info`: the operation's selection under the revision — parts it does not use are
 * not read (without it, everything is).
 */
export async function readRevisionPage(ctx: TenantServiceContext, id: string, info?: GraphQLResolveInfo): Promise<RoadmapRevision> {
  if (!isUuid(id)) throw notFound(ROADMAP_MESSAGES_RU.revisionNotFound);
  const { tenant } = ctx;
  const em = tenant.em;
  const selected = info ? selectedFieldNames(info) : undefined;
  const wants = (fields: readonly string[]) => !selected || fields.some((field) => selected.has(field));
  const table = (name: string) => `"${em.schema}"."${name}"`;
  const scope = roadmapScopeSql(ctx.actor, tenant.district, 'r');
  const withContent = wants(CONTENT_FIELDS);
  const withSettings = wants(SETTINGS_FIELDS);
  const wanted = parts.filter((part) => wants(part.fields));
  const columns = [
    'row_to_json(r) as roadmap',
    `(select json_agg(v order by v.number) from ${table('roadmap_revision')} v where v.roadmap_id = r.id) as revisions`,
    ...(withSettings ? [`(select row_to_json(d) from ${table('district_settings')} d where d.id = 1) as settings`] : []),
    ...(withContent ? [`(select coalesce(json_agg(x order by x.position, x.id), '[]') from (${sectionRowsSql(table, 'w.id')}) x) as sections`] : []),
    ...wanted.map((part, i) => `(${part.sql(table)}) as part_${i}`),
  ];
  const [row] = await em.getConnection().execute<Array<Record<string, unknown>>>(
    `select ${columns.join(',\n  ')}
     from ${table('roadmap_revision')} w join ${table('roadmap')} r on r.id = w.roadmap_id
     where w.id = ? and (${scope.sql})`,
    [id, ...scope.params],
  );
  if (!row) throw notFound(ROADMAP_MESSAGES_RU.revisionNotFound);

  const roadmap = readRoadmap(row.roadmap as Record<string, unknown>, em);
  const revisions = (row.revisions as Array<Record<string, unknown>>).map((revision) => readRevision(revision, roadmap));
  const page: RevisionPage = { roadmap, revisions, revisionById: new Map(revisions.map((revision) => [revision.id, revision])) };
  const revision = page.revisionById.get(id)!;
  const loaders = tenant.loaders.roadmaps;
  loaders.roadmapById.prime(roadmap.id, roadmap);
  loaders.revisionsByRoadmapId.prime(roadmap.id, revisions);
  for (const sibling of revisions) loaders.revisionById.prime(sibling.id, sibling);
  if (withSettings) loaders.settings.prime('settings', row.settings ? readSettings(row.settings as Record<string, unknown>) : null);
  if (withContent) loaders.contentByRevisionId.prime(id, toContent(em, row.sections as SectionRow[], revision));
  wanted.forEach((part, i) => part.prime(tenant, page, row[`part_${i}`]));
  return revision;
}

// The page's rows as read-only objects of their entities' shape, not managed entities (mapping
// them into the identity map cost more than the rest of a 10-item page's reading): on the entity's
// prototype (type-graphql converts a root of another class), fields as own properties defined by
// the literal (the ORM's prototype setters would want a managed entity). Nothing writes through them.

const date = (value: unknown) => (value == null ? value : new Date(value as string));

function readRoadmap(row: Record<string, unknown>, em: EntityManager): Roadmap {
  const roadmap = {
    __proto__: Roadmap.prototype,
    id: row.id,
    level: row.level,
    organizationId: row.organization_id,
    campaign: row.campaign_id ? em.getReference(Campaign, row.campaign_id as string) : null,
    latestRevisionId: row.latest_revision_id,
    inForceRevisionId: row.in_force_revision_id,
    createdByUserId: row.created_by_user_id,
    createdByName: row.created_by_name,
    createdAt: date(row.created_at),
  };
  return roadmap as unknown as Roadmap;
}

function readRevision(row: Record<string, unknown>, roadmap: Roadmap): RoadmapRevision {
  const revision = {
    __proto__: RoadmapRevision.prototype,
    id: row.id,
    roadmap,
    number: row.number,
    state: row.state,
    version: row.version,
    basedOnId: row.based_on_id,
    supersedesId: row.supersedes_id,
    title: row.title,
    programmeName: row.programme_name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    approval: row.approval,
    agreement: row.agreement,
    createdByUserId: row.created_by_user_id,
    createdByName: row.created_by_name,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
  return revision as unknown as RoadmapRevision;
}

function readSettings(row: Record<string, unknown>): DistrictSettings {
  const settings = {
    __proto__: DistrictSettings.prototype,
    id: row.id,
    whoAgrees: row.who_agrees,
    updatedByName: row.updated_by_name,
    updatedAt: date(row.updated_at),
  };
  return settings as unknown as DistrictSettings;
}
