import { ROLE_SCOPE_KIND, isPlatformRole, type PlatformRole, type ScopeKind } from './roles.js';

/**
 * Where a grant applies. Codes are the stable group names of the identity provider
 * (e.g. `/bashkortostan/sibay/gimnaziya`); the API resolves them against the shared directory.
 */
export type Scope =
  | { kind: 'platform' }
  | { kind: 'region'; regionCode: string }
  | { kind: 'district'; regionCode: string; districtCode: string }
  | { kind: 'organization'; regionCode: string; districtCode: string; organizationCode: string }
  | { kind: 'partner'; partnerCode: string };

/** A role held at one place of the hierarchy. */
export interface Grant {
  role: PlatformRole;
  scope: Scope;
}

export const PARTNERS_GROUP = 'partners';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Parses one group path of the token (`/region/district/organization` or `/partners/code`). */
export function scopeFromGroupPath(path: string): Scope | null {
  const parts = path.split('/').filter((part) => part.length > 0);
  if (parts.length === 0 || parts.some((part) => !CODE.test(part))) return null;
  if (parts[0] === PARTNERS_GROUP) {
    return parts.length === 2 ? { kind: 'partner', partnerCode: parts[1]! } : null;
  }
  const [regionCode, districtCode, organizationCode] = parts;
  switch (parts.length) {
    case 1:
      return { kind: 'region', regionCode: regionCode! };
    case 2:
      return { kind: 'district', regionCode: regionCode!, districtCode: districtCode! };
    case 3:
      return {
        kind: 'organization',
        regionCode: regionCode!,
        districtCode: districtCode!,
        organizationCode: organizationCode!,
      };
    default:
      return null;
  }
}

/**
 * Pairs each known role with the groups of its level. A role without a group of its level grants
 * nothing (a district officer with no district is not a district officer anywhere); unknown roles
 * and malformed groups are ignored. Fails closed: the result may be empty.
 */
export function grantsFromToken(roles: readonly string[], groups: readonly string[]): Grant[] {
  const scopes = groups.map(scopeFromGroupPath).filter((scope): scope is Scope => scope !== null);
  const grants: Grant[] = [];
  for (const role of new Set(roles)) {
    if (!isPlatformRole(role)) continue;
    const kind: ScopeKind = ROLE_SCOPE_KIND[role];
    if (kind === 'platform') {
      grants.push({ role, scope: { kind: 'platform' } });
      continue;
    }
    for (const scope of scopes) if (scope.kind === kind) grants.push({ role, scope });
  }
  return grants;
}

export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case 'platform':
      return 'platform';
    case 'region':
      return `/${scope.regionCode}`;
    case 'district':
      return `/${scope.regionCode}/${scope.districtCode}`;
    case 'organization':
      return `/${scope.regionCode}/${scope.districtCode}/${scope.organizationCode}`;
    case 'partner':
      return `/${PARTNERS_GROUP}/${scope.partnerCode}`;
  }
}
