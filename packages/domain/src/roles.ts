/**
 * Platform roles. In Keycloak they are the client roles of the `api` client, so one realm can
 * host other applications without their roles leaking into ours.
 */
export const PLATFORM_ROLES = [
  'platform-admin',
  'region-coordinator',
  'district-officer',
  'district-head',
  'school-director',
  'school-curator',
  'mentor',
  'mentee',
  'partner-admin',
] as const;

export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}

/** The level of the hierarchy a role acts at; a role only takes effect with a group of that level. */
export type ScopeKind = 'platform' | 'region' | 'district' | 'organization' | 'partner';

export const ROLE_SCOPE_KIND: Readonly<Record<PlatformRole, ScopeKind>> = {
  'platform-admin': 'platform',
  'region-coordinator': 'region',
  'district-officer': 'district',
  'district-head': 'district',
  'school-director': 'organization',
  'school-curator': 'organization',
  mentor: 'organization',
  mentee: 'organization',
  'partner-admin': 'partner',
};

/** Staff roles of a school: they see their organisation's card and, later, its programmes. */
export const SCHOOL_STAFF_ROLES: readonly PlatformRole[] = ['school-director', 'school-curator'];
export const DISTRICT_STAFF_ROLES: readonly PlatformRole[] = ['district-officer', 'district-head'];
