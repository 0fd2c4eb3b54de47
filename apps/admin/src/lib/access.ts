/**
 * What a signed-in user may see: navigation by role and scope, the tenancy header, the wording of
 * grants. Pure functions over the `me.grants` the API returns, so they are unit-tested.
 */
import { ROLE_LABELS_RU, isPlatformRole, type PlatformRole } from '@nastavnik/domain';
import { ru } from '../i18n/ru';

interface Named {
  id: string;
  name: string;
}

/** The shape of one `Grant` as the Me query selects it (GraphQL enum names). */
export interface GrantLike {
  role: string;
  scopeKind: string;
  region?: Named | null;
  district?: (Named & { region?: Named | null }) | null;
  organization?: (Named & { shortName?: string | null; district?: Named | null }) | null;
  partner?: Named | null;
}

/** `DISTRICT_OFFICER` → `district-officer`; unknown roles → null. */
export function platformRoleOf(graphqlRole: string): PlatformRole | null {
  const role = graphqlRole.toLowerCase().replace(/_/g, '-');
  return isPlatformRole(role) ? role : null;
}

export function roleLabel(graphqlRole: string): string {
  const role = platformRoleOf(graphqlRole);
  return role ? ROLE_LABELS_RU[role] : graphqlRole;
}

function lowerFirst(text: string): string {
  // Keep abbreviations such as «РНЦ» intact: only the first letter of a word is lowered.
  return text.length > 1 && text[1] === text[1]!.toUpperCase() && /\p{L}/u.test(text[1]!) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The place a grant applies to, as a user reads it: «ГО г. Сибай», «МОБУ «Гимназия»». */
export function grantPlaceName(grant: GrantLike): string {
  switch (grant.scopeKind) {
    case 'PLATFORM':
      return ru.grant.platform;
    case 'REGION':
      return grant.region?.name ?? '';
    case 'DISTRICT':
      return grant.district?.name ?? '';
    case 'ORGANIZATION':
      return grant.organization?.shortName || grant.organization?.name || '';
    case 'PARTNER':
      return grant.partner?.name ?? '';
    default:
      return '';
  }
}

/**
 * «Ирина Ивановна Варламова, директор» — who did something, with their position and role, each
 * said once: a position that already names the role («… по УВР, куратор наставничества») keeps it.
 */
export function personLine(name: string, position: string | null | undefined, graphqlRole: string | null | undefined): string {
  const parts = [name.trim()];
  const pos = position?.trim() ?? '';
  if (pos) parts.push(pos);
  const role = graphqlRole ? roleLabel(graphqlRole).toLocaleLowerCase('ru') : '';
  const lowerPos = pos.toLocaleLowerCase('ru');
  if (role && !(lowerPos && (lowerPos.includes(role) || role.includes(lowerPos)))) parts.push(role);
  return parts.filter(Boolean).join(', ');
}

/** «специалист органа управления образованием, ГО г. Сибай». */
export function describeGrant(grant: GrantLike): string {
  const role = lowerFirst(roleLabel(grant.role));
  if (grant.scopeKind === 'PLATFORM') return role;
  const place = grantPlaceName(grant);
  return place ? `${role}, ${place}` : role;
}

export function hasRole(grants: readonly GrantLike[], ...roles: PlatformRole[]): boolean {
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    return role !== null && roles.includes(role);
  });
}

/** The district a grant lies in, if any (a district grant, or an organisation's district). */
export function grantDistrictId(grant: GrantLike): string | null {
  if (grant.scopeKind === 'DISTRICT') return grant.district?.id ?? null;
  if (grant.scopeKind === 'ORGANIZATION') return grant.organization?.district?.id ?? grant.district?.id ?? null;
  return null;
}

/** Districts the user works in directly (district and organisation grants). */
export function grantedDistricts(grants: readonly GrantLike[]): Named[] {
  const byId = new Map<string, Named>();
  for (const grant of grants) {
    const district =
      grant.scopeKind === 'DISTRICT' ? grant.district : grant.scopeKind === 'ORGANIZATION' ? (grant.organization?.district ?? grant.district) : null;
    if (district && !byId.has(district.id)) byId.set(district.id, { id: district.id, name: district.name });
  }
  return [...byId.values()];
}

/**
 * Whether requests about a district must name it with `X-District-Id` (contracts.md, tenancy):
 * platform admins and region coordinators always do; anyone whose grants span several districts
 * does too; an actor confined to one district works there without the header.
 */
export function needsDistrictHeader(grants: readonly GrantLike[]): boolean {
  if (grants.some((grant) => grant.scopeKind === 'PLATFORM' || grant.scopeKind === 'REGION')) return true;
  return grantedDistricts(grants).length > 1;
}

export function districtHeaders(grants: readonly GrantLike[], districtId: string | null | undefined): Record<string, string> {
  return districtId && needsDistrictHeader(grants) ? { 'X-District-Id': districtId } : {};
}

/** Platform admins and region coordinators choose a district; others have theirs. */
export function fixedDistrictId(grants: readonly GrantLike[]): string | null {
  if (needsDistrictHeader(grants)) return null;
  return grantedDistricts(grants)[0]?.id ?? null;
}

/** School director/curator of this organisation, or district staff of its district. */
export function canSetHeadcount(grants: readonly GrantLike[], organization: { id: string; districtId: string }): boolean {
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    if ((role === 'school-director' || role === 'school-curator') && grant.scopeKind === 'ORGANIZATION') {
      return grant.organization?.id === organization.id;
    }
    if ((role === 'district-officer' || role === 'district-head') && grant.scopeKind === 'DISTRICT') {
      return grant.district?.id === organization.districtId;
    }
    return false;
  });
}

/** Whether the user may open the list of districts (platform admin, region coordinator). */
export function canBrowseDistricts(grants: readonly GrantLike[]): boolean {
  return grants.some((grant) => grant.scopeKind === 'PLATFORM' || grant.scopeKind === 'REGION');
}

/**
 * Whether the user may open a district's page (and so its list of organisations): the platform
 * admin, the coordinator of its region, district staff of that district. School staff may not —
 * they see their own organisation only.
 */
export function canOpenDistrict(grants: readonly GrantLike[], district: { id: string; regionId: string }): boolean {
  return grants.some((grant) => {
    if (grant.scopeKind === 'PLATFORM') return true;
    if (grant.scopeKind === 'REGION') return grant.region?.id === district.regionId;
    if (grant.scopeKind === 'DISTRICT') return grant.district?.id === district.id;
    return false;
  });
}

export function canCreateDistrict(grants: readonly GrantLike[]): boolean {
  return hasRole(grants, 'platform-admin');
}

export function districtPath(districtId: string): string {
  return `/districts/${encodeURIComponent(districtId)}`;
}

export function organizationPath(districtId: string, organizationId: string): string {
  return `${districtPath(districtId)}/organizations/${encodeURIComponent(organizationId)}`;
}

const ROADMAP_ROLES: readonly PlatformRole[] = [
  'platform-admin',
  'region-coordinator',
  'district-officer',
  'district-head',
  'school-director',
  'school-curator',
];

/** Who works with roadmaps and campaigns. */
export function canSeeRoadmaps(grants: readonly GrantLike[]): boolean {
  return hasRole(grants, ...ROADMAP_ROLES);
}

/** Who sees monitoring: school and district staff, region coordinators, the platform admin. */
export function canSeeMonitoring(grants: readonly GrantLike[]): boolean {
  return hasRole(grants, ...ROADMAP_ROLES);
}

/**
 * Where «Мониторинг» opens for this person: the region's summary (region coordinator, platform
 * admin), the district's dashboard (district staff), or the school's (school staff only).
 */
export function monitoringLevel(grants: readonly GrantLike[]): 'region' | 'district' | 'school' | null {
  if (hasRole(grants, 'platform-admin', 'region-coordinator')) return 'region';
  if (hasRole(grants, 'district-officer', 'district-head')) return 'district';
  if (hasRole(grants, 'school-director', 'school-curator')) return 'school';
  return null;
}

/** Who works with mentoring programmes, their participants and pairs: the school's director and curator. */
export function canSeeProgrammes(grants: readonly GrantLike[]): boolean {
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    return (role === 'school-director' || role === 'school-curator') && grant.scopeKind === 'ORGANIZATION';
  });
}

/** Who has an inbox: roadmap people working in one district. */
export function hasInbox(grants: readonly GrantLike[]): boolean {
  return canSeeRoadmaps(grants) && fixedDistrictId(grants) !== null;
}

/** District staff (and the platform admin) open campaigns. */
export function canOpenCampaign(grants: readonly GrantLike[], districtId: string | null): boolean {
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    if (role === 'platform-admin') return true;
    return (role === 'district-officer' || role === 'district-head') && grant.district?.id === districtId;
  });
}

/** School staff of this organisation in this role. */
export function hasOrganizationRole(grants: readonly GrantLike[], organizationId: string | null | undefined, ...roles: PlatformRole[]): boolean {
  if (!organizationId) return false;
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    return role !== null && roles.includes(role) && grant.scopeKind === 'ORGANIZATION' && grant.organization?.id === organizationId;
  });
}

/**
 * Who marks items of a roadmap in force done: the school's curator (a school roadmap), the
 * district's officer (the district's own roadmap) — the roadmap's author.
 */
export function canExecuteRoadmap(
  grants: readonly GrantLike[],
  roadmap: { level: string; organizationId: string | null | undefined; districtId: string | null | undefined },
): boolean {
  if (roadmap.level === 'DISTRICT') {
    return grants.some((grant) => platformRoleOf(grant.role) === 'district-officer' && grant.district?.id === roadmap.districtId);
  }
  return hasOrganizationRole(grants, roadmap.organizationId, 'school-curator');
}

export type NavItem = { key: string; label: string; to: string; end?: boolean } | { key: string; label: string; soon: true };

/** The left navigation for the user's grants; several grants combine, duplicates dropped. */
export function navigationFor(grants: readonly GrantLike[]): NavItem[] {
  const items: NavItem[] = [{ key: 'home', label: ru.nav.home, to: '/', end: true }];
  const add = (item: NavItem) => {
    if ('to' in item && items.some((existing) => 'to' in existing && existing.to === item.to)) return;
    if (items.some((existing) => existing.key === item.key)) return;
    items.push(item);
  };

  // With several districts or organisations, «Мой …» would be ambiguous: name each one instead.
  const districtGrants = new Set(grants.filter((g) => g.scopeKind === 'DISTRICT' && g.district).map((g) => g.district!.id));
  const organizationGrants = new Set(grants.filter((g) => g.scopeKind === 'ORGANIZATION' && g.organization).map((g) => g.organization!.id));

  for (const grant of grants) {
    const role = platformRoleOf(grant.role);
    switch (role) {
      case 'platform-admin':
        add({ key: 'regions', label: ru.nav.regions, to: '/regions' });
        add({ key: 'districts', label: ru.nav.districts, to: '/districts', end: true });
        add({ key: 'organizations', label: ru.nav.organizations, to: '/organizations' });
        add({ key: 'partners', label: ru.nav.partners, to: '/partners' });
        add({ key: 'create-district', label: ru.nav.createDistrict, to: '/districts/new' });
        add({ key: 'background-jobs', label: ru.nav.backgroundJobs, to: '/jobs' });
        break;
      case 'region-coordinator': {
        const region = grant.region;
        const query = region ? `?region=${encodeURIComponent(region.id)}` : '';
        add({ key: 'districts', label: ru.nav.districts, to: `/districts${query}`, end: true });
        add({ key: 'organizations', label: ru.nav.organizations, to: '/organizations' });
        break;
      }
      case 'district-officer':
      case 'district-head':
        if (grant.district) {
          add({
            key: `district:${grant.district.id}`,
            label: districtGrants.size > 1 ? grant.district.name : ru.nav.myDistrict,
            to: districtPath(grant.district.id),
            end: true,
          });
          add({ key: 'organizations', label: ru.nav.organizations, to: '/organizations' });
        }
        break;
      case 'school-director':
      case 'school-curator':
      case 'mentor':
      case 'mentee': {
        const organization = grant.organization;
        const districtId = grantDistrictId(grant);
        if (organization && districtId) {
          add({
            key: `organization:${organization.id}`,
            label: organizationGrants.size > 1 ? grantPlaceName(grant) : ru.nav.myOrganization,
            to: organizationPath(districtId, organization.id),
          });
        }
        break;
      }
      case 'partner-admin':
        if (grant.partner) add({ key: 'my-partner', label: ru.nav.myPartner, to: '/my-partner' });
        break;
      default:
        break;
    }
  }

  // Roadmaps: school and district staff, region coordinators, the platform admin. The inbox needs
  // one district to look in, so it is offered to people confined to one.
  if (canSeeRoadmaps(grants)) {
    if (hasInbox(grants)) items.unshift({ key: 'inbox', label: ru.nav.inbox, to: '/inbox' });
    items.push({ key: 'roadmaps', label: ru.nav.roadmaps, to: '/roadmaps' });
  }
  if (canSeeMonitoring(grants)) items.push({ key: 'monitoring', label: ru.nav.monitoring, to: '/monitoring' });

  // Programmes: the school's director and curator run them; district and region staff see their
  // figures in «Мониторинг» (people's data stays with the school).
  if (canSeeProgrammes(grants)) items.push({ key: 'programmes', label: ru.nav.programmes, to: '/programmes' });
  // Everyone with a role has letters (their in-app copies and their choices); staff also the delivery log.
  if (grants.length > 0) items.push({ key: 'notifications', label: ru.nav.notifications, to: '/notifications' });
  return items;
}

/** Schools whose roadmaps this person imports as curator (their own organisations). */
export function curatorOrganizations(grants: readonly GrantLike[]): Array<{ id: string; shortName: string }> {
  const seen = new Map<string, { id: string; shortName: string }>();
  for (const grant of grants) {
    if (platformRoleOf(grant.role) !== 'school-curator' || grant.scopeKind !== 'ORGANIZATION' || !grant.organization) continue;
    seen.set(grant.organization.id, { id: grant.organization.id, shortName: grant.organization.shortName ?? grant.organization.name });
  }
  return [...seen.values()];
}

/** The district officer of this district: imports for any of its schools, also a ZIP of them. */
export function isDistrictOfficerOf(grants: readonly GrantLike[], districtId: string | null): boolean {
  if (!districtId) return false;
  return grants.some((grant) => platformRoleOf(grant.role) === 'district-officer' && grant.district?.id === districtId);
}

/** Who may import a roadmap document: a school's curator, the district's officer. */
export function canImportRoadmaps(grants: readonly GrantLike[], districtId: string | null): boolean {
  return curatorOrganizations(grants).length > 0 || isDistrictOfficerOf(grants, districtId);
}

/** Who sees the district's settings: its officer (read only), its head, the platform admin. */
export function canSeeDistrictSettings(grants: readonly GrantLike[], districtId: string | null): boolean {
  if (!districtId) return false;
  return canEditDistrictSettings(grants, districtId) || isDistrictOfficerOf(grants, districtId);
}

/** Who changes the district's settings: its head, the platform admin. */
export function canEditDistrictSettings(grants: readonly GrantLike[], districtId: string | null): boolean {
  if (!districtId) return false;
  return grants.some((grant) => {
    const role = platformRoleOf(grant.role);
    return role === 'platform-admin' || (role === 'district-head' && grant.district?.id === districtId);
  });
}
