import type { FilterQuery } from '@mikro-orm/core';
import type { Clock } from '../../engine/clock.js';
import { badUserInput } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { likePattern } from '../directory/inputs.js';
import { Organization } from '../directory/organization.entity.js';
import { PartnerOrganization } from '../directory/partner-organization.entity.js';
import { organizationScopeFilter, partnerScopeFilter, within } from '../directory/scope.js';
import type { Participant as ParticipantRow } from '../participants/participant.entity.js';
import { Participant } from '../participants/participant.entity.js';
import type { ParticipantService } from '../participants/participant.service.js';
import { personalDataLens } from '../participants/personal-data.js';
import { PartnerMentor } from '../partners/partner.entities.js';
import { Programme } from '../programmes/programme.entity.js';
import { programmeDataScope } from '../programmes/scope.js';
import { roadmapScopeSql } from '../roadmaps/scope.js';
import { SEARCH_LIMIT_MAX, SEARCH_MESSAGES_RU as M, SEARCH_QUERY_MAX, SEARCH_QUERY_MIN } from './messages.js';
import { SearchHitKind, type SearchHit } from './types.js';

/** A search runs in the request's district when it has one; without one only the shared directory is searched. */
export type SearchContext = Pick<GraphQLContext, 'actor' | 'em' | 'tenant' | 'tenantDistrictId'>;

/** People are read with some room, because the lens may then hide a found name from this actor. */
const PEOPLE_OVERFETCH = 100;

/**
 * Global search (the header's «Поиск», Ctrl K): schools, roadmaps, programmes, people and partners
 * the actor could open from their own lists. Every kind is read with the row scope of the list it
 * comes from (organizations, roadmaps, programmes, participants, partners, the partner's registry),
 * one statement per kind; a person is found only by a name the personal-data lens shows to this
 * actor, and each person shown is written to the access log like any list of the base.
 */
export class SearchService {
  constructor(
    private readonly clock: Clock,
    private readonly participants: ParticipantService,
  ) {}

  async search(ctx: SearchContext, query: string, first?: number | null): Promise<SearchHit[]> {
    const text = query.trim().replace(/\s+/g, ' ');
    if (text.length < SEARCH_QUERY_MIN) throw badUserInput('query', M.queryTooShort);
    if (text.length > SEARCH_QUERY_MAX) throw badUserInput('query', M.queryTooLong);
    const limit = first ?? SEARCH_LIMIT_MAX;
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) throw badUserInput('first', M.firstOutOfRange);
    const pattern = likePattern(text);
    const inDistrict = ctx.tenantDistrictId !== null;
    const groups = await Promise.all([
      this.organizations(ctx, pattern, limit),
      inDistrict ? this.roadmaps(ctx, pattern, limit) : [],
      inDistrict ? this.programmes(ctx, pattern, limit) : [],
      inDistrict ? this.people(ctx, text, limit) : [],
      this.partners(ctx, pattern, limit),
      this.partnerMentors(ctx, text, limit),
    ]);
    return groups.flat();
  }

  private async organizations({ actor, em, tenantDistrictId }: SearchContext, pattern: string, limit: number): Promise<SearchHit[]> {
    const found = await em.find(
      Organization,
      within(organizationScopeFilter(actor), tenantDistrictId ? { district: tenantDistrictId } : undefined, {
        $or: [{ name: { $ilike: pattern } }, { shortName: { $ilike: pattern } }],
      }),
      { limit, orderBy: { shortName: 'asc', id: 'asc' } },
    );
    return found.map((o) => ({
      kind: SearchHitKind.ORGANIZATION,
      id: o.id,
      title: o.shortName,
      subtitle: o.name === o.shortName ? null : o.name,
      path: `/districts/${o.district.id}/organizations/${o.id}`,
    }));
  }

  /** A roadmap has no name of its own: it is found by its school's name or its campaign's title. */
  private async roadmaps({ actor, tenant }: TenantServiceContext, pattern: string, limit: number): Promise<SearchHit[]> {
    const schema = `"${tenant.district.schemaName}"`;
    const scope = roadmapScopeSql(actor, tenant.district, 'r');
    const rows = await tenant.em.getConnection().execute<Array<{ id: string; level: string; organization: string | null; campaign: string | null }>>(
      `select r.id, r.level, o.short_name as organization, c.title as campaign
         from ${schema}."roadmap" r
         left join ${schema}."campaign" c on c.id = r.campaign_id
         left join "core"."organization" o on o.id = r.organization_id
        where (${scope.sql}) and (o.short_name ilike ? or o.name ilike ? or c.title ilike ?)
        order by r.created_at desc, r.id desc
        limit ?`,
      [...scope.params, pattern, pattern, pattern, limit],
    );
    return rows.map((r) => ({
      kind: SearchHitKind.ROADMAP,
      id: r.id,
      title: r.level === 'district' || !r.organization ? M.districtRoadmap : M.roadmapOf(r.organization),
      subtitle: r.campaign,
      path: `/roadmaps/${r.id}`,
    }));
  }

  private async programmes({ actor, tenant }: TenantServiceContext, pattern: string, limit: number): Promise<SearchHit[]> {
    const found = await tenant.em.find(Programme, within(programmeDataScope<Programme>(actor, tenant.district), { name: { $ilike: pattern } }), {
      limit,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return found.map((p) => ({ kind: SearchHitKind.PROGRAMME, id: p.id, title: p.name, subtitle: null, path: `/programmes/${p.id}` }));
  }

  /**
   * People of the programme bases (the participants list's row scope), each word of the query in
   * one of the names; then only those whose name the lens shows this actor (a district officer
   * finds adults, never a child), and their showing is logged as the base's list is.
   */
  private async people(ctx: TenantServiceContext, text: string, limit: number): Promise<SearchHit[]> {
    const { actor, tenant } = ctx;
    const words: FilterQuery<Participant>[] = namesMatch<Participant>(text);
    const found = await tenant.em.find(Participant, within(programmeDataScope<Participant>(actor, tenant.district), { anonymized: false }, ...words), {
      limit: PEOPLE_OVERFETCH,
      orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' },
    });
    const lens = personalDataLens(actor, tenant, () => this.clock.today());
    const shown: ParticipantRow[] = [];
    for (const person of found) {
      if (shown.length >= limit) break;
      if ((await lens.partsOf(person)).has('identity')) shown.push(person);
    }
    await this.participants.reveal(ctx, shown, 'search');
    return shown.map((p) => ({
      kind: SearchHitKind.PARTICIPANT,
      id: p.id,
      title: fullName(p),
      subtitle: [p.role === 'mentor' ? M.mentor : M.mentee, p.classOrPosition].filter(Boolean).join(' · '),
      path: `/programmes/${p.programmeId}/participants/${p.id}`,
    }));
  }

  private async partners({ actor, em }: SearchContext, pattern: string, limit: number): Promise<SearchHit[]> {
    const own = actor.grants.some((g) => g.role === 'partner-admin');
    const found = await em.find(PartnerOrganization, within(partnerScopeFilter(actor), { name: { $ilike: pattern } }), {
      limit,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return found.map((p) => ({ kind: SearchHitKind.PARTNER, id: p.id, title: p.name, subtitle: null, path: own ? '/my-partner' : '/partners' }));
  }

  /** The partner's own registry (the `partnerMentors` list's rule: own partner, not archived); nobody else's. */
  private async partnerMentors({ actor, em }: SearchContext, text: string, limit: number): Promise<SearchHit[]> {
    const partnerIds = [...new Set(actor.grants.filter((g) => g.role === 'partner-admin' && g.partnerId).map((g) => g.partnerId!))];
    if (partnerIds.length === 0) return [];
    const found = await em.find(
      PartnerMentor,
      within<PartnerMentor>({ partnerId: { $in: partnerIds }, archivedOn: null }, ...namesMatch<PartnerMentor>(text)),
      {
        limit,
        orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' },
      },
    );
    return found.map((m) => ({
      kind: SearchHitKind.PARTNER_MENTOR,
      id: m.id,
      title: fullName(m),
      subtitle: m.position ?? M.partnerMentor,
      path: '/my-partner',
    }));
  }
}

/** Each word of the query in the last, first or middle name («иван пет» finds «Петров Иван»). */
function namesMatch<T extends { lastName: unknown; firstName: unknown; middleName: unknown }>(text: string): FilterQuery<T>[] {
  return text
    .split(' ')
    .slice(0, 3)
    .map((word) => {
      const pattern = likePattern(word);
      return { $or: [{ lastName: { $ilike: pattern } }, { firstName: { $ilike: pattern } }, { middleName: { $ilike: pattern } }] } as FilterQuery<T>;
    });
}

const fullName = (p: { lastName: string | null; firstName: string | null; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

declare module '../../engine/graphql/context.js' {
  interface Services {
    search: SearchService;
  }
}
