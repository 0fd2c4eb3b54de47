import { createHash, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The realm export that production Keycloak imports — the one source of truth for users. */
export const DEFAULT_REALM_FILE = fileURLToPath(new URL('../../../infra/keycloak/realm-nastavnik.json', import.meta.url));

/** The client whose client roles are the platform roles (contracts.md). */
export const API_CLIENT_ID = 'api';

export type GroupKind = 'region' | 'district' | 'organization' | 'partner';
const GROUP_KINDS: readonly string[] = ['region', 'district', 'organization', 'partner'];

export interface RealmRole {
  name: string;
  description?: string;
  composite: boolean;
  /** Names of realm roles this (realm) role is composed of. */
  composites: string[];
}

export interface RealmGroup {
  id: string;
  /** The stable code, e.g. `sibay`. */
  name: string;
  /** Full path, e.g. `/bashkortostan/sibay`. */
  path: string;
  parentPath: string | null;
  /** Russian name (attribute `displayName`); falls back to `name`. */
  displayName: string;
  /** Attribute `kind`; undefined for containers such as `/partners`. */
  kind?: GroupKind;
  attributes: Record<string, string[]>;
  /** Paths of the direct sub-groups. */
  children: string[];
}

export interface RealmPasswordCredential {
  /** Plain-text value as written in an import file. */
  value?: string;
  /** Hashed form as exported by Keycloak (pbkdf2 family). */
  hash?: { algorithm: string; iterations: number; salt: Buffer; value: Buffer };
  temporary: boolean;
}

export interface RealmUser {
  /** Keycloak user id — the `sub` claim. */
  id: string;
  username: string;
  enabled: boolean;
  emailVerified: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  position?: string;
  attributes: Record<string, string[]>;
  realmRoles: string[];
  clientRoles: Record<string, string[]>;
  /** The platform roles: client roles of `api`. */
  roles: string[];
  /** Full group paths. */
  groups: string[];
  credentials: RealmPasswordCredential[];
}

export interface RealmClient {
  clientId: string;
  name?: string;
  enabled: boolean;
  publicClient: boolean;
  bearerOnly: boolean;
  standardFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  redirectUris: string[];
  webOrigins: string[];
  postLogoutRedirectUris: string[];
  pkceMethod?: string;
  /** Client secret of confidential clients. */
  secret?: string;
  attributes: Record<string, string>;
  roles: RealmRole[];
}

export interface Realm {
  /** Realm name, `nastavnik`. */
  realm: string;
  displayName: string;
  defaultLocale?: string;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  users: RealmUser[];
  /** All groups, depth-first, parents before children. */
  groups: RealmGroup[];
  clients: RealmClient[];
  realmRoles: RealmRole[];
  /** Client roles by client id (`clientRoles.api` are the platform roles with Russian descriptions). */
  clientRoles: Record<string, RealmRole[]>;
  userByUsername(username: string): RealmUser | undefined;
  userById(id: string): RealmUser | undefined;
  groupByPath(path: string): RealmGroup | undefined;
  client(clientId: string): RealmClient | undefined;
  /** Adds a user at run time (the admin endpoint); throws when the username or e-mail is taken. */
  addUser(user: RealmUser): void;
  /** Ensures a group path exists (parents created as containers); returns the group. */
  ensureGroup(path: string, attributes?: Record<string, string[]>): RealmGroup;
}

const Attributes = z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional();

const RoleRep = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  composite: z.boolean().optional(),
  composites: z.looseObject({ realm: z.array(z.string()).optional() }).optional(),
});

interface GroupRepT {
  id?: string;
  name: string;
  path?: string;
  attributes?: Record<string, string[] | string>;
  subGroups?: GroupRepT[];
}
const GroupRep: z.ZodType<GroupRepT> = z.lazy(() =>
  z.looseObject({
    id: z.string().optional(),
    name: z.string(),
    path: z.string().optional(),
    attributes: Attributes,
    subGroups: z.array(GroupRep).optional(),
  }),
);

const CredentialRep = z.looseObject({
  type: z.string(),
  value: z.string().optional(),
  temporary: z.boolean().optional(),
  secretData: z.string().optional(),
  credentialData: z.string().optional(),
});

const UserRep = z.looseObject({
  id: z.string().optional(),
  username: z.string(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  attributes: Attributes,
  credentials: z.array(CredentialRep).optional(),
  realmRoles: z.array(z.string()).optional(),
  clientRoles: z.record(z.string(), z.array(z.string())).optional(),
  groups: z.array(z.string()).optional(),
});

const ClientRep = z.looseObject({
  clientId: z.string(),
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  publicClient: z.boolean().optional(),
  bearerOnly: z.boolean().optional(),
  standardFlowEnabled: z.boolean().optional(),
  directAccessGrantsEnabled: z.boolean().optional(),
  redirectUris: z.array(z.string()).optional(),
  webOrigins: z.array(z.string()).optional(),
  secret: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

const RealmRep = z.looseObject({
  realm: z.string(),
  displayName: z.string().optional(),
  defaultLocale: z.string().optional(),
  accessTokenLifespan: z.number().optional(),
  ssoSessionIdleTimeout: z.number().optional(),
  ssoSessionMaxLifespan: z.number().optional(),
  roles: z
    .looseObject({
      realm: z.array(RoleRep).optional(),
      client: z.record(z.string(), z.array(RoleRep)).optional(),
    })
    .optional(),
  groups: z.array(GroupRep).optional(),
  users: z.array(UserRep).optional(),
  clients: z.array(ClientRep).optional(),
});

function normalizeAttributes(attributes: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) out[key] = Array.isArray(value) ? value : [value];
  return out;
}

/** A stable UUID for records without an id (Keycloak would generate a random one on import). */
function stableUuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function toRole(rep: z.infer<typeof RoleRep>): RealmRole {
  return {
    name: rep.name,
    ...(rep.description !== undefined ? { description: rep.description } : {}),
    composite: rep.composite ?? false,
    composites: rep.composites?.realm ?? [],
  };
}

function parseCredential(rep: z.infer<typeof CredentialRep>): RealmPasswordCredential | null {
  if (rep.type !== 'password') return null;
  const temporary = rep.temporary ?? false;
  if (rep.value !== undefined) return { value: rep.value, temporary };
  if (rep.secretData && rep.credentialData) {
    const secret = JSON.parse(rep.secretData) as { value?: string; salt?: string };
    const data = JSON.parse(rep.credentialData) as { hashIterations?: number; algorithm?: string };
    if (secret.value && secret.salt && data.hashIterations && data.algorithm) {
      return {
        temporary,
        hash: {
          algorithm: data.algorithm,
          iterations: data.hashIterations,
          salt: Buffer.from(secret.salt, 'base64'),
          value: Buffer.from(secret.value, 'base64'),
        },
      };
    }
  }
  return null;
}

function firstAttr(attributes: Record<string, string[]>, name: string): string | undefined {
  const value = attributes[name]?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/** A user of a Keycloak user representation (realm import or the admin endpoint). */
export function toRealmUser(realmName: string, u: z.infer<typeof UserRep>, groupExists: (path: string) => boolean): RealmUser {
  const attributes = normalizeAttributes(u.attributes);
  const username = u.username.toLowerCase();
  for (const path of u.groups ?? []) {
    if (!groupExists(path)) throw new Error(`realm ${realmName}: user ${username} refers to unknown group ${path}`);
  }
  const clientRolesOfUser = u.clientRoles ?? {};
  const middleName = firstAttr(attributes, 'middleName');
  const position = firstAttr(attributes, 'position');
  return {
    id: u.id ?? stableUuid(realmName, 'user', username),
    username,
    enabled: u.enabled ?? false,
    emailVerified: u.emailVerified ?? false,
    ...(u.email ? { email: u.email.toLowerCase() } : {}),
    ...(u.firstName ? { firstName: u.firstName } : {}),
    ...(u.lastName ? { lastName: u.lastName } : {}),
    ...(middleName ? { middleName } : {}),
    ...(position ? { position } : {}),
    attributes,
    realmRoles: u.realmRoles ?? [],
    clientRoles: clientRolesOfUser,
    roles: clientRolesOfUser[API_CLIENT_ID] ?? [],
    groups: u.groups ?? [],
    credentials: (u.credentials ?? []).map(parseCredential).filter((c): c is RealmPasswordCredential => c !== null),
  };
}

/** Keycloak's user representation, as imported or POSTed to the admin API. */
export const UserRepresentation = UserRep;

/** Parses a Keycloak realm export (the subset the embedded provider and the seed need). */
export function parseRealm(json: unknown): Realm {
  const rep = RealmRep.parse(json);

  const groups: RealmGroup[] = [];
  const walk = (list: GroupRepT[], parentPath: string | null): string[] =>
    list.map((g) => {
      const path = `${parentPath ?? ''}/${g.name}`;
      const attributes = normalizeAttributes(g.attributes);
      const kindValue = firstAttr(attributes, 'kind');
      const group: RealmGroup = {
        id: g.id ?? stableUuid(rep.realm, 'group', path),
        name: g.name,
        path,
        parentPath,
        displayName: firstAttr(attributes, 'displayName') ?? g.name,
        ...(kindValue && GROUP_KINDS.includes(kindValue) ? { kind: kindValue as GroupKind } : {}),
        attributes,
        children: [],
      };
      groups.push(group);
      group.children = walk(g.subGroups ?? [], path);
      return path;
    });
  walk(rep.groups ?? [], null);
  const groupIndex = new Map(groups.map((g) => [g.path, g]));

  const clientRoles: Record<string, RealmRole[]> = {};
  for (const [clientId, list] of Object.entries(rep.roles?.client ?? {})) clientRoles[clientId] = list.map(toRole);
  const realmRoles = (rep.roles?.realm ?? []).map(toRole);

  // Service-account users (`serviceAccountClientId`, e.g. the provisioner's) belong to a confidential
  // client and never log in; Keycloak needs them in the file for their realm-management roles.
  const users: RealmUser[] = (rep.users ?? [])
    .filter((u) => typeof u.serviceAccountClientId !== 'string')
    .map((u) => toRealmUser(rep.realm, u, (path) => groupIndex.has(path)));
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const byId = new Map(users.map((u) => [u.id, u]));

  const clients: RealmClient[] = (rep.clients ?? []).map((c) => {
    const attributes = c.attributes ?? {};
    const redirectUris = c.redirectUris ?? [];
    const postLogout = attributes['post.logout.redirect.uris'];
    const postLogoutRedirectUris =
      postLogout === undefined || postLogout === '' ? [] : postLogout.split('##').flatMap((uri) => (uri === '+' ? redirectUris : [uri]));
    const pkceMethod = attributes['pkce.code.challenge.method'];
    return {
      clientId: c.clientId,
      ...(c.name !== undefined ? { name: c.name } : {}),
      enabled: c.enabled ?? true,
      publicClient: c.publicClient ?? false,
      bearerOnly: c.bearerOnly ?? false,
      standardFlowEnabled: c.standardFlowEnabled ?? true,
      directAccessGrantsEnabled: c.directAccessGrantsEnabled ?? false,
      redirectUris,
      webOrigins: c.webOrigins ?? [],
      postLogoutRedirectUris,
      ...(pkceMethod ? { pkceMethod } : {}),
      ...(c.secret !== undefined ? { secret: c.secret } : {}),
      attributes,
      roles: clientRoles[c.clientId] ?? [],
    };
  });
  const clientIndex = new Map(clients.map((c) => [c.clientId, c]));

  return {
    realm: rep.realm,
    displayName: rep.displayName ?? rep.realm,
    ...(rep.defaultLocale !== undefined ? { defaultLocale: rep.defaultLocale } : {}),
    accessTokenLifespan: rep.accessTokenLifespan ?? 300,
    ssoSessionIdleTimeout: rep.ssoSessionIdleTimeout ?? 1800,
    ssoSessionMaxLifespan: rep.ssoSessionMaxLifespan ?? 36000,
    users,
    groups,
    clients,
    realmRoles,
    clientRoles,
    addUser(user) {
      if (byUsername.has(user.username)) throw new Error(`user ${user.username} exists`);
      if (user.email && users.some((u) => u.email === user.email)) throw new Error(`e-mail ${user.email} exists`);
      users.push(user);
      byUsername.set(user.username, user);
      byId.set(user.id, user);
    },
    ensureGroup(path, attributes = {}) {
      const existing = groupIndex.get(path);
      if (existing) return existing;
      const segments = path.split('/').filter(Boolean);
      if (segments.length === 0) throw new Error(`bad group path ${path}`);
      const name = segments[segments.length - 1]!;
      const parentPath = segments.length > 1 ? `/${segments.slice(0, -1).join('/')}` : null;
      const parent = parentPath ? this.ensureGroup(parentPath) : undefined;
      const kindValue = firstAttr(attributes, 'kind');
      const group: RealmGroup = {
        id: stableUuid(rep.realm, 'group', path),
        name,
        path,
        parentPath,
        displayName: firstAttr(attributes, 'displayName') ?? name,
        ...(kindValue && GROUP_KINDS.includes(kindValue) ? { kind: kindValue as GroupKind } : {}),
        attributes,
        children: [],
      };
      groups.push(group);
      groupIndex.set(path, group);
      parent?.children.push(path);
      return group;
    },
    userByUsername: (username) => byUsername.get(username.trim().toLowerCase()),
    userById: (id) => byId.get(id),
    groupByPath: (path) => groupIndex.get(path),
    client: (clientId) => clientIndex.get(clientId),
  };
}

/** Reads and parses the realm export (default: the repository's `infra/keycloak/realm-nastavnik.json`). */
export function loadRealm(file: string = DEFAULT_REALM_FILE): Realm {
  return parseRealm(JSON.parse(readFileSync(file, 'utf8')));
}

/** Finds a user by username or e-mail (Keycloak's `loginWithEmailAllowed`). */
export function findLoginUser(realm: Realm, login: string): RealmUser | undefined {
  const needle = login.trim().toLowerCase();
  if (!needle) return undefined;
  return realm.userByUsername(needle) ?? realm.users.find((u) => u.email === needle);
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const PBKDF2_DIGESTS: Record<string, string> = { pbkdf2: 'sha1', 'pbkdf2-sha256': 'sha256', 'pbkdf2-sha512': 'sha512' };

/** Checks a password against the user's realm credentials; disabled users never pass. */
export function verifyPassword(user: RealmUser, password: string): boolean {
  if (!user.enabled) return false;
  return user.credentials.some((credential) => {
    if (credential.value !== undefined) {
      const expected = createHash('sha256').update(credential.value).digest();
      return safeEqual(createHash('sha256').update(password).digest(), expected);
    }
    if (credential.hash) {
      const digest = PBKDF2_DIGESTS[credential.hash.algorithm];
      if (!digest) return false;
      const actual = pbkdf2Sync(password, credential.hash.salt, credential.hash.iterations, credential.hash.value.length, digest);
      return safeEqual(actual, credential.hash.value);
    }
    return false;
  });
}

/** Realm roles with composites expanded; Keycloak's default realm role brings offline_access and uma_authorization. */
export function effectiveRealmRoles(realm: Realm, user: RealmUser): string[] {
  const byName = new Map(realm.realmRoles.map((r) => [r.name, r]));
  const defaultRole = `default-roles-${realm.realm}`;
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    const role = byName.get(name);
    if (role) role.composites.forEach(visit);
    else if (name === defaultRole) ['offline_access', 'uma_authorization'].forEach(visit);
  };
  user.realmRoles.forEach(visit);
  return [...out];
}

/** Profile claims as Keycloak's default client scopes and the realm's mappers produce them. */
export function profileClaims(user: RealmUser): Record<string, unknown> {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const claims: Record<string, unknown> = {
    sub: user.id,
    preferred_username: user.username,
    email_verified: user.emailVerified,
  };
  // Keycloak's group-membership mapper leaves the claim out for a user in no group (seen against 26.7.3).
  if (user.groups.length > 0) claims.groups = [...user.groups];
  if (name) claims.name = name;
  if (user.firstName) claims.given_name = user.firstName;
  if (user.lastName) claims.family_name = user.lastName;
  if (user.middleName) claims.middle_name = user.middleName;
  if (user.position) claims.position = user.position;
  if (user.email) claims.email = user.email;
  return claims;
}

/** Role claims of a Keycloak access token (roles scope). */
export function roleClaims(realm: Realm, user: RealmUser): Record<string, unknown> {
  const resourceAccess: Record<string, { roles: string[] }> = {};
  for (const [clientId, roles] of Object.entries(user.clientRoles)) {
    if (roles.length > 0) resourceAccess[clientId] = { roles: [...roles] };
  }
  return {
    realm_access: { roles: effectiveRealmRoles(realm, user) },
    resource_access: resourceAccess,
  };
}
