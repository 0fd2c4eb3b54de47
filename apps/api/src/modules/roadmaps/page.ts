import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { notFound } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
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
 * resolvers find it there (most of them without a promise, see PeekLoader).
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

  const roadmap = em.map(Roadmap, row.roadmap as Record<string, unknown>);
  const revisions = (row.revisions as Array<Record<string, unknown>>).map((revision) => em.map(RoadmapRevision, revision));
  const page: RevisionPage = { roadmap, revisions, revisionById: new Map(revisions.map((revision) => [revision.id, revision])) };
  const loaders = tenant.loaders.roadmaps;
  loaders.roadmapById.prime(roadmap.id, roadmap);
  loaders.revisionsByRoadmapId.prime(roadmap.id, revisions);
  for (const revision of revisions) loaders.revisionById.prime(revision.id, revision);
  if (withSettings) loaders.settings.prime('settings', row.settings ? em.map(DistrictSettings, row.settings as Record<string, unknown>) : null);
  if (withContent) loaders.contentByRevisionId.prime(id, toContent(em, row.sections as SectionRow[]));
  wanted.forEach((part, i) => part.prime(tenant, page, row[`part_${i}`]));
  return page.revisionById.get(id)!;
}
