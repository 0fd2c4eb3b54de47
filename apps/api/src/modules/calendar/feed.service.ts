import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { type Grant, type PlatformRole, type Scope } from '@nastavnik/domain';
import { accessOf, type Actor, type ResolvedGrant } from '../../engine/auth/actor.js';
import type { Clock } from '../../engine/clock.js';
import { forbidden } from '../../engine/errors.js';
import { assertDistrictServing } from '../../engine/migrations/availability.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { Tenant, TenantDirectory, TenantDistrict, TenantLoaders } from '../../engine/tenancy/tenant.js';
import type { PeopleDirectory } from '../notifications/people.js';
import { CalendarFeed, CalendarFeedLink } from './calendar-feed.entity.js';
import { collectFeedEvents, type FeedEvents } from './feed-events.js';
import type { PairService } from '../pairs/pair.service.js';
import type { PlannedMeetingService } from '../pairs/planned-meeting.service.js';

/** Roles whose events a feed carries: the district's and its schools' people (not the region, the platform or partners). */
export const FEED_ROLES: readonly PlatformRole[] = ['district-officer', 'district-head', 'school-director', 'school-curator', 'mentor', 'mentee'];

export const CALENDAR_MESSAGES_RU = {
  noRoles: 'Календарь доступен сотрудникам муниципалитета и школ, наставникам и наставляемым муниципалитета.',
} as const;

/** sha256 of a token, hex: what the table keeps. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url (43 characters, no `.`: the route is `/public/calendar/<token>.ics`). */
const newToken = () => randomBytes(32).toString('base64url');

export interface CalendarFeedDeps {
  orm: MikroORM;
  clock: Clock;
  timeZone: string;
  adminUrl: string;
  /** Where the feed's link points (the API's public origin as the admin reaches it). */
  publicUrl: string;
  people: PeopleDirectory;
  resolveGrants: (em: () => EntityManager, grants: readonly Grant[]) => Promise<ResolvedGrant[]>;
  tenantDirectory: TenantDirectory<() => EntityManager>;
  createTenantLoaders: (em: EntityManager) => TenantLoaders;
  pairs: PairService;
  plannedMeetings: PlannedMeetingService;
}

/** What a feed's owner gets: who (for the calendar's name) and the events. */
export interface OwnedFeed extends FeedEvents {
  owner: string;
}

function groupPath(scope: Scope): string | null {
  switch (scope.kind) {
    case 'district':
      return `/${scope.regionCode}/${scope.districtCode}`;
    case 'organization':
      return `/${scope.regionCode}/${scope.districtCode}/${scope.organizationCode}`;
    default:
      return null;
  }
}

/**
 * The personal calendar link (issue 16): made by the user in one district, kept as a hash, read by
 * calendar applications without a login. The events are computed at every read, as the user would
 * see them now: the stored grants count only while the identity provider still says the user holds
 * them (a curator who left the school stops seeing its items within the directory's minute of cache),
 * and every list goes through the same row scope as the user's own pages.
 */
export class CalendarFeedService {
  constructor(private readonly deps: CalendarFeedDeps) {}

  private url(token: string): string {
    return `${this.deps.publicUrl}/public/calendar/${token}.ics`;
  }

  /** The actor's grants a feed may carry: those of feed roles in the request's district. */
  private feedGrants(ctx: TenantServiceContext): Grant[] {
    const district = ctx.tenant.district;
    const grants = ctx.actor.grants
      .filter((grant) => FEED_ROLES.includes(grant.role) && grant.districtId === district.id)
      .map((grant) => ({ role: grant.role, scope: grant.scope }));
    if (grants.length === 0) throw forbidden(CALENDAR_MESSAGES_RU.noRoles);
    return grants;
  }

  /** The actor's link: made on the first ask (the URL is shown then), afterwards only its dates. */
  async mine(ctx: TenantServiceContext): Promise<CalendarFeedLink> {
    const grants = this.feedGrants(ctx);
    const existing = await ctx.em.findOne(CalendarFeed, { username: ctx.actor.username });
    if (existing) return { url: null, createdAt: existing.createdAt, lastUsedAt: existing.lastUsedAt };
    return this.issue(ctx, grants);
  }

  /** A new link: the old one stops working at once (its hash is overwritten in the same row). */
  async reset(ctx: TenantServiceContext): Promise<CalendarFeedLink> {
    return this.issue(ctx, this.feedGrants(ctx));
  }

  private async issue(ctx: TenantServiceContext, grants: Grant[]): Promise<CalendarFeedLink> {
    const token = newToken();
    const now = this.deps.clock.now();
    // One statement, so two tabs asking at once end with one row (the later token wins).
    const [row] = await ctx.em.getConnection().execute<Array<{ created_at: Date }>>(
      `insert into "core"."calendar_feed" ("id", "username", "token_hash", "district_id", "grants", "created_at", "last_used_at")
       values (?, ?, ?, ?, ?::jsonb, ?, null)
       on conflict ("username") do update set "token_hash" = excluded."token_hash", "district_id" = excluded."district_id",
         "grants" = excluded."grants", "created_at" = excluded."created_at", "last_used_at" = null
       returning "created_at"`,
      [uuidv7(), ctx.actor.username, hashToken(token), ctx.tenant.district.id, JSON.stringify(grants), now],
    );
    return { url: this.url(token), createdAt: new Date(row!.created_at), lastUsedAt: null };
  }

  /**
   * The feed of a token, or null when no link has this token (never made, reset, or the user no
   * longer holds any role of the district): the caller answers 404 alike.
   */
  async read(token: string): Promise<OwnedFeed | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const em = this.deps.orm.em.fork({ clear: true });
    const feed = await em.findOne(CalendarFeed, { tokenHash: hashToken(token) });
    if (!feed) return null;
    const held: Grant[] = [];
    let owner: string | null = null;
    for (const grant of feed.grants) {
      const path = groupPath(grant.scope);
      if (!path || !FEED_ROLES.includes(grant.role)) continue;
      const member = (await this.deps.people.members(path, [grant.role])).find((user) => user.username === feed.username);
      if (!member) continue;
      held.push(grant);
      owner ??= member.name;
    }
    const district = await this.deps.tenantDirectory.districtById(() => em, feed.districtId);
    const grants = held.length > 0 ? (await this.deps.resolveGrants(() => em, held)).filter((grant) => grant.districtId === feed.districtId) : [];
    if (!district || grants.length === 0) return null;
    await em.nativeUpdate(CalendarFeed, { id: feed.id }, { lastUsedAt: this.deps.clock.now() });
    const ctx = this.contextOf(em, feed.username, owner, grants, district);
    const events = await collectFeedEvents(ctx, {
      clock: this.deps.clock,
      timeZone: this.deps.timeZone,
      adminUrl: this.deps.adminUrl,
      pairs: this.deps.pairs,
      plannedMeetings: this.deps.plannedMeetings,
    });
    return { owner: owner ?? feed.username, ...events };
  }

  /** The user as the services see a request of theirs: the re-checked grants, one district's fork. */
  private contextOf(em: EntityManager, username: string, name: string | null, grants: ResolvedGrant[], district: TenantDistrict): TenantServiceContext {
    assertDistrictServing(this.deps.orm, district.id);
    const actor: Actor = {
      userId: '',
      username,
      displayName: name ?? username,
      position: null,
      roles: [...new Set(grants.map((grant) => grant.role))],
      grants,
      access: accessOf(grants),
    };
    const tenantEm = this.deps.orm.em.fork({ clear: true, schema: district.schemaName });
    const tenant: Tenant = { district, em: tenantEm, loaders: this.deps.createTenantLoaders(tenantEm) };
    return { actor, em, tenant };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    calendarFeeds: CalendarFeedService;
  }
}
