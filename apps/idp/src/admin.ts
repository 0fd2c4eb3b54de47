import { pbkdf2Sync, randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ACTION_TOKEN_PATH, ActionTokens, DEFAULT_ACTION_LIFESPAN_SECONDS } from './action-tokens.js';
import { toRealmUser, UserRepresentation, type Realm, type RealmUser } from './realm.js';

/**
 * A small subset of Keycloak's admin REST API for the embedded provider (issue 6: a partner's
 * administrator gets an account on approval):
 *
 *   POST /admin/realms/<realm>/users            Keycloak's UserRepresentation (username, email, firstName,
 *                                               lastName, enabled, credentials [{type: password, value,
 *                                               temporary}], groups [paths], clientRoles {api: [...]},
 *                                               attributes) → 201, Location …/users/<id>; 409 when taken
 *   GET  /admin/realms/<realm>/users?username=… → [{id, username, email, enabled, …}]
 *   GET  /admin/realms/<realm>/group-by-path/<path> → {id, name, path} | 404
 *   GET  /admin/realms/<realm>/groups/<id>/members?first=&max= → [user]   (direct members, as Keycloak)
 *   GET  /admin/realms/<realm>/clients?clientId=… → [{id, clientId}]
 *   GET  /admin/realms/<realm>/clients/<id>/roles/<role>/users?first=&max= → [user]
 *   (the notifications' recipients: who holds a role in an organisation or a district, issue 16)
 *   PUT  /admin/realms/<realm>/users/<id>/execute-actions-email?lifespan=&client_id=&redirect_uri=
 *        ["UPDATE_PASSWORD", …] → 200 {link, expiresAt}: Keycloak's path, but no letter is sent (the
 *        provider has no SMTP) — the one-time link comes back for the API's own letter (action-tokens.ts)
 *
 * Authorization: `Bearer <admin token>` — a shared secret from the configuration (IDP_ADMIN_TOKEN,
 * `dev-idp-admin-token` by default: the embedded provider is for development and tests only).
 * Unlike Keycloak, one POST does everything: missing groups are created, client roles assigned.
 * Users added here are kept in the users file (never in the realm export), passwords hashed
 * (pbkdf2-sha256, Keycloak's credential format), and loaded again at the next start.
 */

export const DEFAULT_IDP_ADMIN_TOKEN = 'dev-idp-admin-token';
const HASH_ITERATIONS = 27_500;
const MAX_BODY = 64 * 1024;

type UserRep = z.infer<typeof UserRepresentation>;

const UsersFile = z.object({
  users: z.array(UserRepresentation).default([]),
  groups: z.array(z.object({ path: z.string(), attributes: z.record(z.string(), z.array(z.string())).default({}) })).default([]),
});
type UsersFileT = z.infer<typeof UsersFile>;

const NewUser = z.looseObject({
  username: z.string().trim().min(1).max(255),
  email: z.string().trim().max(254).optional(),
  firstName: z.string().max(255).optional(),
  lastName: z.string().max(255).optional(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  attributes: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
  credentials: z.array(z.looseObject({ type: z.string(), value: z.string().min(1).max(256), temporary: z.boolean().optional() })).optional(),
  groups: z.array(z.string().regex(/^(\/[A-Za-z0-9._-]{1,63}){1,4}$/)).optional(),
  clientRoles: z.record(z.string(), z.array(z.string())).optional(),
  realmRoles: z.array(z.string()).optional(),
});

function hashCredential(value: string, temporary: boolean) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(value, salt, HASH_ITERATIONS, 64, 'sha256');
  return {
    type: 'password',
    temporary,
    secretData: JSON.stringify({ value: hash.toString('base64'), salt: salt.toString('base64') }),
    credentialData: JSON.stringify({ hashIterations: HASH_ITERATIONS, algorithm: 'pbkdf2-sha256' }),
  };
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export interface AdminApiOptions {
  realm: Realm;
  /** http://host:port — for absolute Location headers, as Keycloak sends them. */
  publicUrl: string;
  /** The bearer token the caller must present. */
  token: string;
  /** Where added users are kept; undefined = in memory only. */
  usersFile?: string;
  log?: { info(msg: string): void };
  /** Keycloak's check of execute-actions-email's redirect_uri against the client's redirect URIs. */
  redirectAllowed?: (clientId: string, uri: string) => boolean;
}

export interface AdminApi {
  /** Handles `/admin/realms/<realm>/…`; false when the path is not the admin API's. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean>;
  /** The one-time links issued by execute-actions-email. */
  tokens: ActionTokens;
  /** Replaces the user's password (not temporary) and marks the address verified; false for an unknown user. */
  setPassword(userId: string, password: string): boolean;
}

function representation(user: RealmUser) {
  return {
    id: user.id,
    username: user.username,
    enabled: user.enabled,
    emailVerified: user.emailVerified,
    ...(user.email ? { email: user.email } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    attributes: user.attributes,
  };
}

/** Loads the users file into the realm and serves the admin endpoints. */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const { realm, usersFile, log } = options;
  const stored: UsersFileT = { users: [], groups: [] };

  if (usersFile && existsSync(usersFile)) {
    const parsed = UsersFile.parse(JSON.parse(readFileSync(usersFile, 'utf8')));
    for (const group of parsed.groups) realm.ensureGroup(group.path, group.attributes);
    for (const rep of parsed.users) {
      const user = toRealmUser(realm.realm, rep, (path) => !!realm.groupByPath(path));
      if (realm.userByUsername(user.username)) continue;
      realm.addUser(user);
    }
    stored.users = parsed.users;
    stored.groups = parsed.groups;
    log?.info(`idp: ${parsed.users.length} user(s) loaded from ${usersFile}`);
  }

  function persist() {
    if (!usersFile) return;
    mkdirSync(dirname(usersFile), { recursive: true });
    const tmp = `${usersFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, usersFile);
  }

  const base = `/admin/realms/${realm.realm}`;
  const tokens = new ActionTokens();

  function setPassword(userId: string, password: string): boolean {
    const user = realm.userById(userId);
    if (!user) return false;
    const credential = hashCredential(password, false);
    const secret = JSON.parse(credential.secretData) as { value: string; salt: string };
    user.credentials = [
      {
        temporary: false,
        hash: { algorithm: 'pbkdf2-sha256', iterations: HASH_ITERATIONS, salt: Buffer.from(secret.salt, 'base64'), value: Buffer.from(secret.value, 'base64') },
      },
    ];
    // The link came by e-mail: whoever used it reads that address.
    user.emailVerified = true;
    const rep = stored.users.find((u) => u.id === userId);
    if (rep) {
      rep.credentials = [credential];
      rep.emailVerified = true;
      persist();
    }
    log?.info(`idp: password of ${user.username} set through a one-time link`);
    return true;
  }

  async function executeActionsEmail(req: IncomingMessage, res: ServerResponse, userId: string, query: URLSearchParams) {
    const user = realm.userById(userId);
    if (!user) return json(res, 404, { error: 'User not found' });
    let actions: unknown;
    try {
      actions = await readJson(req);
    } catch {
      return json(res, 400, { errorMessage: 'Invalid JSON body' });
    }
    if (!Array.isArray(actions) || !actions.every((a) => typeof a === 'string')) return json(res, 400, { errorMessage: 'Invalid required actions' });
    // Only the password can be set through the embedded provider's link (VERIFY_EMAIL is implied by using it).
    if (!actions.includes('UPDATE_PASSWORD')) return json(res, 400, { errorMessage: 'Only UPDATE_PASSWORD is supported by the embedded provider' });
    if (!user.enabled) return json(res, 400, { errorMessage: 'User is disabled' });
    if (!user.email) return json(res, 400, { errorMessage: 'User email missing' });
    const redirectUri = query.get('redirect_uri');
    const clientId = query.get('client_id');
    if (redirectUri) {
      if (!clientId) return json(res, 400, { errorMessage: 'Client id missing' });
      if (!realm.clients.some((c) => c.clientId === clientId)) return json(res, 400, { errorMessage: "Client doesn't exist" });
      if (!(options.redirectAllowed?.(clientId, redirectUri) ?? false)) return json(res, 400, { errorMessage: 'Invalid redirect uri.' });
    }
    const lifespan = Number(query.get('lifespan') ?? DEFAULT_ACTION_LIFESPAN_SECONDS);
    const issued = tokens.issue(user.id, actions as string[], lifespan, redirectUri);
    log?.info(`idp: a one-time password link issued for ${user.username}`);
    return json(res, 200, {
      link: `${options.publicUrl}/realms/${realm.realm}${ACTION_TOKEN_PATH}?key=${issued.key}`,
      expiresAt: issued.expiresAt.toISOString(),
    });
  }

  async function createUser(req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return json(res, 400, { errorMessage: 'Invalid JSON body' });
    }
    const parsed = NewUser.safeParse(body);
    if (!parsed.success) return json(res, 400, { errorMessage: 'Invalid user representation', field: parsed.error.issues[0]?.path.join('.') });
    const input = parsed.data;
    const username = input.username.toLowerCase();
    const email = input.email?.toLowerCase();
    if (realm.userByUsername(username)) return json(res, 409, { errorMessage: 'User exists with same username' });
    if (email && realm.users.some((u) => u.email === email)) return json(res, 409, { errorMessage: 'User exists with same email' });
    const unknownRole = Object.entries(input.clientRoles ?? {}).flatMap(([clientId, roles]) =>
      roles.filter((role) => !(realm.clientRoles[clientId] ?? []).some((r) => r.name === role)).map((role) => `${clientId}/${role}`),
    );
    if (unknownRole.length > 0) return json(res, 400, { errorMessage: `Unknown client role ${unknownRole[0]}` });

    const newGroups: UsersFileT['groups'] = [];
    for (const path of input.groups ?? []) {
      if (!realm.groupByPath(path)) {
        const attributes: Record<string, string[]> = path.startsWith('/partners/') ? { kind: ['partner'] } : {};
        realm.ensureGroup(path, attributes);
        newGroups.push({ path, attributes });
      }
    }
    const rep: UserRep = {
      id: randomUUID(),
      username,
      enabled: input.enabled ?? true,
      emailVerified: input.emailVerified ?? false,
      ...(email ? { email } : {}),
      ...(input.firstName ? { firstName: input.firstName } : {}),
      ...(input.lastName ? { lastName: input.lastName } : {}),
      ...(input.attributes ? { attributes: input.attributes } : {}),
      credentials: (input.credentials ?? []).filter((c) => c.type === 'password').map((c) => hashCredential(c.value, c.temporary ?? false)),
      groups: input.groups ?? [],
      clientRoles: input.clientRoles ?? {},
      realmRoles: input.realmRoles ?? [`default-roles-${realm.realm}`],
    };
    const user = toRealmUser(realm.realm, rep, (path) => !!realm.groupByPath(path));
    realm.addUser(user);
    stored.users.push(rep);
    stored.groups.push(...newGroups);
    persist();
    log?.info(`idp: user ${username} created through the admin API`);
    return json(res, 201, representation(user), { Location: `${options.publicUrl}${base}/users/${user.id}` });
  }

  /** Keycloak's paging of lists: `first` (0) and `max` (100). */
  function paged<T>(list: T[], query: URLSearchParams): T[] {
    const first = Math.max(0, Number(query.get('first') ?? '0') || 0);
    const max = Math.max(0, Number(query.get('max') ?? '100') || 100);
    return list.slice(first, first + max);
  }

  /** The read-only lookups of groups, their members and a client role's users. */
  function listRecipients(res: ServerResponse, sub: string, query: URLSearchParams): boolean {
    if (sub.startsWith('/group-by-path/')) {
      const path = sub.slice('/group-by-path'.length).split('/').map(decodeURIComponent).join('/');
      const group = realm.groupByPath(path);
      if (!group) json(res, 404, { error: 'Group path does not exist' });
      else json(res, 200, { id: group.id, name: group.name, path: group.path });
      return true;
    }
    const members = /^\/groups\/([^/]+)\/members$/.exec(sub);
    if (members) {
      const group = realm.groups.find((g) => g.id === decodeURIComponent(members[1]!));
      if (!group) json(res, 404, { error: 'Could not find group by id' });
      else
        json(
          res,
          200,
          paged(
            realm.users.filter((u) => u.groups.includes(group.path)),
            query,
          ).map(representation),
        );
      return true;
    }
    if (sub === '/clients') {
      const clientId = query.get('clientId');
      const clients = realm.clients.filter((c) => !clientId || c.clientId === clientId);
      json(
        res,
        200,
        clients.map((c) => ({ id: c.clientId, clientId: c.clientId })),
      );
      return true;
    }
    const roleUsers = /^\/clients\/([^/]+)\/roles\/([^/]+)\/users$/.exec(sub);
    if (roleUsers) {
      const clientId = decodeURIComponent(roleUsers[1]!);
      const role = decodeURIComponent(roleUsers[2]!);
      if (!(realm.clientRoles[clientId] ?? []).some((r) => r.name === role)) json(res, 404, { error: 'Could not find role' });
      else
        json(
          res,
          200,
          paged(
            realm.users.filter((u) => (u.clientRoles[clientId] ?? []).includes(role)),
            query,
          ).map(representation),
        );
      return true;
    }
    return false;
  }

  return {
    tokens,
    setPassword,
    async handle(req, res, path, query) {
      if (path !== base && !path.startsWith(`${base}/`)) return false;
      const header = req.headers.authorization ?? '';
      const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
      if (!token || !sameSecret(token, options.token)) {
        json(res, 401, { error: 'HTTP 401 Unauthorized' }, { 'WWW-Authenticate': `Bearer realm="${realm.realm}"` });
        return true;
      }
      const sub = path.slice(base.length);
      const method = req.method ?? 'GET';
      if (sub === '/users' && method === 'POST') {
        await createUser(req, res);
        return true;
      }
      if (sub === '/users' && method === 'GET') {
        const username = query.get('username')?.trim().toLowerCase();
        const list = username ? [realm.userByUsername(username)].filter((u): u is RealmUser => !!u) : realm.users;
        json(res, 200, list.map(representation));
        return true;
      }
      if (method === 'GET' && listRecipients(res, sub, query)) return true;
      const actionsEmail = /^\/users\/([^/]+)\/execute-actions-email$/.exec(sub);
      if (actionsEmail && method === 'PUT') {
        await executeActionsEmail(req, res, decodeURIComponent(actionsEmail[1]!), query);
        return true;
      }
      const one = /^\/users\/([^/]+)$/.exec(sub);
      if (one && method === 'GET') {
        const user = realm.userById(decodeURIComponent(one[1]!));
        if (!user) json(res, 404, { error: 'User not found' });
        else json(res, 200, representation(user));
        return true;
      }
      json(res, 404, { error: 'Not found' });
      return true;
    },
  };
}
