import type { PlatformRole } from '@nastavnik/domain';
import type { KeycloakAdminClient } from '../../engine/auth/keycloak-admin.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { LetterRequest } from './notification.service.js';
import { Organization } from '../directory/organization.entity.js';
import { District } from '../directory/district.entity.js';

/** A user who receives a letter: their login, address and name as the identity provider keeps them. */
export interface Recipient {
  username: string;
  address: string;
  /** «Исхакова Лилия Фанисовна». */
  name: string | null;
  /** «Лилия Фанисовна»: how a letter greets them. */
  greetingName: string | null;
}

/**
 * Who holds a role where, for letters (issue 16): the curator and the director of a school, the
 * officers of a district. Users and their roles live in the identity provider, not in our database,
 * so a school that never logged in still gets its campaign's letters.
 */
export interface PeopleDirectory {
  /** Enabled users with an e-mail who are members of the group and hold one of the roles. */
  withRole(groupPath: string, roles: readonly PlatformRole[]): Promise<Recipient[]>;
  /**
   * Enabled users, with an e-mail or not, who are members of the group and hold one of the roles:
   * whether a user still holds a role there (the calendar feed re-checks its grants with it).
   */
  members(groupPath: string, roles: readonly PlatformRole[]): Promise<Array<Pick<Recipient, 'username' | 'name'>>>;
}

interface UserRepresentation {
  id: string;
  username: string;
  enabled?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
}

const PAGE = 500;
const CACHE_MS = 60_000;

/**
 * The directory over the admin REST API (Keycloak's, or the embedded provider's subset): a group's
 * direct members intersected with a client role's users. Lists are kept a minute, so a reminder to
 * a thousand schools asks for each role once.
 */
export class KeycloakPeopleDirectory implements PeopleDirectory {
  private readonly cache = new Map<string, { until: number; value: Promise<UserRepresentation[]> }>();
  private clientUuid: Promise<string> | null = null;

  constructor(
    private readonly admin: KeycloakAdminClient,
    private readonly apiClientId = 'api',
  ) {}

  private cached(key: string, load: () => Promise<UserRepresentation[]>): Promise<UserRepresentation[]> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = load();
    this.cache.set(key, { until: Date.now() + CACHE_MS, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private async all(path: string): Promise<UserRepresentation[]> {
    const users: UserRepresentation[] = [];
    for (let first = 0; ; first += PAGE) {
      const page =
        (await this.admin.get<UserRepresentation[]>(`${path}${path.includes('?') ? '&' : '?'}first=${first}&max=${PAGE}&briefRepresentation=false`)) ?? [];
      users.push(...page);
      if (page.length < PAGE) return users;
    }
  }

  private apiClient(): Promise<string> {
    this.clientUuid ??= this.admin.get<Array<{ id: string }>>(`/clients?clientId=${encodeURIComponent(this.apiClientId)}`).then((clients) => {
      const id = clients?.[0]?.id;
      if (!id) throw new Error(`keycloak: client ${this.apiClientId} not found`);
      return id;
    });
    this.clientUuid.catch(() => (this.clientUuid = null));
    return this.clientUuid;
  }

  private async holders(groupPath: string, roles: readonly PlatformRole[]): Promise<UserRepresentation[]> {
    const members = await this.cached(`group:${groupPath}`, async () => {
      const group = await this.admin.get<{ id: string }>(`/group-by-path${groupPath.split('/').map(encodeURIComponent).join('/')}`);
      return group ? this.all(`/groups/${encodeURIComponent(group.id)}/members`) : [];
    });
    const client = await this.apiClient();
    const holders = new Set<string>();
    for (const role of roles) {
      const users = await this.cached(`role:${role}`, async () => this.all(`/clients/${encodeURIComponent(client)}/roles/${encodeURIComponent(role)}/users`));
      for (const user of users) holders.add(user.id);
    }
    return members.filter((user) => user.enabled !== false && holders.has(user.id));
  }

  async withRole(groupPath: string, roles: readonly PlatformRole[]): Promise<Recipient[]> {
    return (await this.holders(groupPath, roles))
      .filter((user) => user.email)
      .map((user) => ({
        username: user.username,
        address: user.email!,
        name: fullName(user),
        greetingName: [user.firstName, user.attributes?.middleName?.[0]].filter(Boolean).join(' ') || null,
      }));
  }

  async members(groupPath: string, roles: readonly PlatformRole[]): Promise<Array<Pick<Recipient, 'username' | 'name'>>> {
    return (await this.holders(groupPath, roles)).map((user) => ({ username: user.username, name: fullName(user) }));
  }
}

const fullName = (user: UserRepresentation) => [user.lastName, user.firstName, user.attributes?.middleName?.[0]].filter(Boolean).join(' ') || null;

/** The identity provider's group of an organisation (`/<region>/<district>/<organisation>`) or a district. */
export async function groupPathOf(em: EntityManager, place: { organizationId: string } | { districtId: string }): Promise<string | null> {
  if ('organizationId' in place) {
    const organization = await em.findOne(Organization, { id: place.organizationId }, { populate: ['district', 'district.region'] });
    return organization ? `/${organization.district.region.code}/${organization.district.code}/${organization.code}` : null;
  }
  const district = await em.findOne(District, { id: place.districtId }, { populate: ['region'] });
  return district ? `/${district.region.code}/${district.code}` : null;
}

/**
 * One letter for each holder of `roles` at a school or a district (issue 16's staff letters): the
 * place's group, its people, and `make` for what each of them gets. None when the place is unknown.
 */
export async function staffLetters(
  em: EntityManager,
  people: PeopleDirectory,
  place: { organizationId: string } | { districtId: string },
  roles: readonly PlatformRole[],
  make: (recipient: Recipient) => Omit<LetterRequest, 'to' | 'audience' | 'personRef'>,
): Promise<LetterRequest[]> {
  const groupPath = await groupPathOf(em, place);
  if (!groupPath) return [];
  const recipients = await people.withRole(groupPath, roles);
  return recipients.map((recipient) => ({
    ...make(recipient),
    to: { address: recipient.address, name: recipient.name, username: recipient.username },
    audience: 'staff',
    personRef: null,
  }));
}

/** How many schools' people are asked of the identity provider at once (a reminder to a thousand schools). */
const LOOKUP_CONCURRENCY = 8;

/**
 * `staffLetters` for many schools at once (a campaign's reminder or opening): the schools and their
 * groups in one query, the identity provider asked for a few schools at a time, one list of letters.
 */
export async function schoolStaffLetters(
  em: EntityManager,
  people: PeopleDirectory,
  organizationIds: readonly string[],
  roles: readonly PlatformRole[],
  make: (recipient: Recipient, organization: Organization) => Omit<LetterRequest, 'to' | 'audience' | 'personRef'>,
): Promise<LetterRequest[]> {
  const organizations = organizationIds.length
    ? await em.find(Organization, { id: { $in: [...organizationIds] } }, { populate: ['district', 'district.region'] })
    : [];
  const letters: LetterRequest[][] = [];
  for (let start = 0; start < organizations.length; start += LOOKUP_CONCURRENCY) {
    const batch = organizations.slice(start, start + LOOKUP_CONCURRENCY);
    letters.push(
      ...(await Promise.all(
        batch.map(async (organization) => {
          const path = `/${organization.district.region.code}/${organization.district.code}/${organization.code}`;
          const recipients = await people.withRole(path, roles);
          return recipients.map((recipient) => ({
            ...make(recipient, organization),
            to: { address: recipient.address, name: recipient.name, username: recipient.username },
            audience: 'staff' as const,
            personRef: null,
          }));
        }),
      )),
    );
  }
  return letters.flat();
}
