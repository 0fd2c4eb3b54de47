import { randomBytes } from 'node:crypto';
import { DEFAULT_IDP_ADMIN_TOKEN, keycloakAdminAccess } from '../../engine/auth/keycloak-admin.js';
import type { ApiConfig } from '../../engine/config.js';

/**
 * Accounts of partner administrators (issue 6): created when an officer approves a partner's
 * sign-up. Two implementations behind one interface:
 *
 * - `KeycloakAccountProvisioner` — Keycloak's admin REST API with a service account
 *   (KEYCLOAK_ADMIN_CLIENT_ID / KEYCLOAK_ADMIN_CLIENT_SECRET: a confidential client with the
 *   realm-management roles manage-users, view-users, query-groups, view-clients);
 * - `EmbeddedAccountProvisioner` — the embedded provider's one-call endpoint on the same path
 *   (`POST /admin/realms/<realm>/users`), authorised by IDP_ADMIN_TOKEN (dev default).
 *
 * The temporary password is shown once to the approving officer; `sendPasswordSetup` then asks the
 * provider for the way to set one's own password (issue 16): Keycloak e-mails its required-actions
 * letter itself (the realm's SMTP), the embedded provider answers the same call with a one-time link
 * that our approval letter carries (it has no SMTP of its own).
 */
export interface PartnerAdminAccount {
  username: string;
  email: string;
  /** ФИО as typed: «Фамилия Имя Отчество». */
  name: string;
  partnerCode: string;
  /** Displayed once; Keycloak asks to change it at the first browser login. */
  temporaryPassword: string;
  /** Russian name of the partner, for the group's displayName. */
  partnerName?: string;
}

/** How the new administrator sets their password: a link for our letter, or Keycloak's own letter. */
export type PasswordSetup = { via: 'link'; link: string; expiresAt: Date } | { via: 'provider-letter'; expiresAt: Date };

export interface PasswordSetupRequest {
  /** Where the provider's page leads after the password is set (the admin's URL; must be a redirect URI of the client). */
  redirectUri: string;
  /** The admin's client (`admin`). */
  clientId: string;
  lifespanSeconds: number;
}

export interface AccountProvisioner {
  readonly kind: 'keycloak' | 'embedded';
  createPartnerAdmin(account: PartnerAdminAccount): Promise<{ userId: string }>;
  /** Keycloak's `execute-actions-email` (UPDATE_PASSWORD, VERIFY_EMAIL) for the user. */
  sendPasswordSetup(userId: string, request: PasswordSetupRequest): Promise<PasswordSetup>;
}

/** The query and body of Keycloak's execute-actions-email: the same on both providers. */
function actionsEmail(userId: string, request: PasswordSetupRequest): { path: string; body: string } {
  const query = new URLSearchParams({ lifespan: String(request.lifespanSeconds), client_id: request.clientId, redirect_uri: request.redirectUri });
  return { path: `/users/${encodeURIComponent(userId)}/execute-actions-email?${query.toString()}`, body: JSON.stringify(['UPDATE_PASSWORD', 'VERIFY_EMAIL']) };
}

/** The account could not be created; `reason` = USERNAME_TAKEN, or UNAVAILABLE for anything else. */
export class ProvisioningError extends Error {
  constructor(
    readonly reason: 'USERNAME_TAKEN' | 'UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'ProvisioningError';
  }
}

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export const PARTNER_ADMIN_ROLE = 'partner-admin';
export const PARTNERS_GROUP = 'partners';

/** «Иванова Анна Сергеевна» → lastName Иванова, firstName Анна, middleName Сергеевна (Russian order). */
export function splitRussianName(name: string): { lastName: string; firstName: string; middleName: string | null } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 1) return { lastName: parts[0]!, firstName: '', middleName: null };
  return { lastName: parts[0] ?? '', firstName: parts[1] ?? '', middleName: parts.slice(2).join(' ') || null };
}

/** A temporary password: 14 characters, letters and digits, with at least one of each class. */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(14);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  chars[0] = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[bytes[0]! % 24]!;
  chars[1] = 'abcdefghijkmnopqrstuvwxyz'[bytes[1]! % 25]!;
  chars[2] = '23456789'[bytes[2]! % 8]!;
  return chars.join('');
}

function userRepresentation(account: PartnerAdminAccount) {
  const { lastName, firstName, middleName } = splitRussianName(account.name);
  return {
    username: account.username,
    email: account.email,
    firstName,
    lastName,
    enabled: true,
    emailVerified: false,
    attributes: { ...(middleName ? { middleName: [middleName] } : {}), partnerCode: [account.partnerCode] },
  };
}

async function failure(response: Response, what: string): Promise<ProvisioningError> {
  const text = await response.text().catch(() => '');
  if (response.status === 409) return new ProvisioningError('USERNAME_TAKEN', `${what}: ${response.status} ${text}`.trim());
  return new ProvisioningError('UNAVAILABLE', `${what}: ${response.status} ${text.slice(0, 300)}`.trim());
}

export interface KeycloakAdminOptions {
  /** Base URL without `/realms`. */
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** The client whose client role `partner-admin` is granted (`api`). */
  apiClientId?: string;
  fetch?: FetchLike;
}

/** Keycloak's documented admin REST API (server 26): token, user, password, group, client role. */
export class KeycloakAccountProvisioner implements AccountProvisioner {
  readonly kind = 'keycloak' as const;
  private readonly fetch: FetchLike;

  constructor(private readonly options: KeycloakAdminOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  private get admin() {
    return `${this.options.url}/admin/realms/${encodeURIComponent(this.options.realm)}`;
  }

  /** Client-credentials grant of the service account. */
  async token(): Promise<string> {
    const response = await this.fetch(`${this.options.url}/realms/${encodeURIComponent(this.options.realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }).toString(),
    });
    if (!response.ok) throw await failure(response, 'keycloak token');
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new ProvisioningError('UNAVAILABLE', 'keycloak token: no access_token');
    return body.access_token;
  }

  private async call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
    return this.fetch(`${this.admin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  private static idFromLocation(response: Response): string {
    const location = response.headers.get('location') ?? '';
    const id = location.split('/').pop();
    if (!id) throw new ProvisioningError('UNAVAILABLE', 'keycloak: created without a Location');
    return decodeURIComponent(id);
  }

  /** `/partners/<code>`: found by path, else created (with `/partners` when missing). */
  private async partnerGroup(token: string, account: PartnerAdminAccount): Promise<string> {
    const path = `/${PARTNERS_GROUP}/${account.partnerCode}`;
    const found = await this.call(token, 'GET', `/group-by-path${path.split('/').map(encodeURIComponent).join('/')}`);
    if (found.ok) return ((await found.json()) as { id: string }).id;
    if (found.status !== 404) throw await failure(found, 'keycloak group-by-path');
    let parentId: string;
    const parent = await this.call(token, 'GET', `/group-by-path/${PARTNERS_GROUP}`);
    if (parent.ok) parentId = ((await parent.json()) as { id: string }).id;
    else if (parent.status === 404) {
      const created = await this.call(token, 'POST', '/groups', { name: PARTNERS_GROUP, attributes: { displayName: ['Партнёры'] } });
      if (created.status !== 201) throw await failure(created, 'keycloak create /partners');
      parentId = KeycloakAccountProvisioner.idFromLocation(created);
    } else throw await failure(parent, 'keycloak group-by-path /partners');
    const child = await this.call(token, 'POST', `/groups/${encodeURIComponent(parentId)}/children`, {
      name: account.partnerCode,
      attributes: { kind: ['partner'], displayName: [account.partnerName ?? account.partnerCode] },
    });
    if (child.status !== 201) throw await failure(child, 'keycloak create partner group');
    return KeycloakAccountProvisioner.idFromLocation(child);
  }

  async createPartnerAdmin(account: PartnerAdminAccount): Promise<{ userId: string }> {
    const token = await this.token();
    const created = await this.call(token, 'POST', '/users', { ...userRepresentation(account), requiredActions: ['UPDATE_PASSWORD'] });
    if (created.status !== 201) throw await failure(created, 'keycloak create user');
    const userId = KeycloakAccountProvisioner.idFromLocation(created);
    const user = `/users/${encodeURIComponent(userId)}`;

    const password = await this.call(token, 'PUT', `${user}/reset-password`, { type: 'password', value: account.temporaryPassword, temporary: true });
    if (!password.ok) throw await failure(password, 'keycloak reset-password');

    const groupId = await this.partnerGroup(token, account);
    const joined = await this.call(token, 'PUT', `${user}/groups/${encodeURIComponent(groupId)}`);
    if (!joined.ok) throw await failure(joined, 'keycloak join group');

    const clients = await this.call(token, 'GET', `/clients?clientId=${encodeURIComponent(this.options.apiClientId ?? 'api')}`);
    if (!clients.ok) throw await failure(clients, 'keycloak find client');
    const [client] = (await clients.json()) as Array<{ id: string }>;
    if (!client) throw new ProvisioningError('UNAVAILABLE', 'keycloak: client api not found');
    const roleResponse = await this.call(token, 'GET', `/clients/${encodeURIComponent(client.id)}/roles/${PARTNER_ADMIN_ROLE}`);
    if (!roleResponse.ok) throw await failure(roleResponse, 'keycloak find role');
    const role = (await roleResponse.json()) as { id: string; name: string };
    const mapped = await this.call(token, 'POST', `${user}/role-mappings/clients/${encodeURIComponent(client.id)}`, [role]);
    if (!mapped.ok) throw await failure(mapped, 'keycloak map client role');
    return { userId };
  }

  /** Keycloak sends the letter itself (204); it needs the realm's SMTP settings, else 500. */
  async sendPasswordSetup(userId: string, request: PasswordSetupRequest): Promise<PasswordSetup> {
    const token = await this.token();
    const { path, body } = actionsEmail(userId, request);
    const response = await this.fetch(`${this.admin}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    if (!response.ok) throw await failure(response, 'keycloak execute-actions-email');
    return { via: 'provider-letter', expiresAt: new Date(Date.now() + request.lifespanSeconds * 1000) };
  }
}

export interface EmbeddedAdminOptions {
  url: string;
  realm: string;
  token: string;
  fetch?: FetchLike;
}

/** The embedded provider (apps/idp): one POST with password, group and client role. */
export class EmbeddedAccountProvisioner implements AccountProvisioner {
  readonly kind = 'embedded' as const;
  private readonly fetch: FetchLike;

  constructor(private readonly options: EmbeddedAdminOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async createPartnerAdmin(account: PartnerAdminAccount): Promise<{ userId: string }> {
    let response: Response;
    try {
      response = await this.fetch(`${this.options.url}/admin/realms/${encodeURIComponent(this.options.realm)}/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          ...userRepresentation(account),
          credentials: [{ type: 'password', value: account.temporaryPassword, temporary: true }],
          groups: [`/${PARTNERS_GROUP}/${account.partnerCode}`],
          clientRoles: { api: [PARTNER_ADMIN_ROLE] },
        }),
      });
    } catch (error) {
      throw new ProvisioningError('UNAVAILABLE', `embedded idp: ${(error as Error).message}`);
    }
    if (response.status !== 201) throw await failure(response, 'embedded idp create user');
    return { userId: ((await response.json()) as { id: string }).id };
  }

  /** The embedded provider answers Keycloak's call with the one-time link instead of sending a letter. */
  async sendPasswordSetup(userId: string, request: PasswordSetupRequest): Promise<PasswordSetup> {
    const { path, body } = actionsEmail(userId, request);
    let response: Response;
    try {
      response = await this.fetch(`${this.options.url}/admin/realms/${encodeURIComponent(this.options.realm)}${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
    } catch (error) {
      throw new ProvisioningError('UNAVAILABLE', `embedded idp: ${(error as Error).message}`);
    }
    if (!response.ok) throw await failure(response, 'embedded idp execute-actions-email');
    const answer = (await response.json()) as { link?: string; expiresAt?: string };
    if (!answer.link || !answer.expiresAt) throw new ProvisioningError('UNAVAILABLE', 'embedded idp execute-actions-email: no link');
    return { via: 'link', link: answer.link, expiresAt: new Date(answer.expiresAt) };
  }
}

export { DEFAULT_IDP_ADMIN_TOKEN };

/** Keycloak's admin API when a service account is configured, else the embedded provider's endpoint. */
export function createAccountProvisioner(config: Pick<ApiConfig, 'keycloak'>, env: Record<string, string | undefined> = process.env): AccountProvisioner {
  const access = keycloakAdminAccess(config, env);
  if (access.kind === 'keycloak') return new KeycloakAccountProvisioner(access);
  return new EmbeddedAccountProvisioner(access);
}
